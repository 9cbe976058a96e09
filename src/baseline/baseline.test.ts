import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runVerdict } from "../results/verdict.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import { applyBaseline, renderBaselineText } from "./apply.ts";
import { loadBaseline, parseBaseline } from "./load.ts";
import type { BaselineEntry } from "./types.ts";

const region: BaselineEntry = {
  operation: "advance.enroll",
  check: "envelope_conformance",
  match: { code: "REGION_WRONG", pointer: "/code", message: "not in the documented" },
  reason: "Vendor ticket ADV-123: REGION_WRONG kept for old clients",
  expires: "2025-06-30",
};
const compare: BaselineEntry = {
  operation: "advance.compare",
  check: "status_code",
  match: { message: "HTTP 500" },
  reason: "known outage",
};

describe("applyBaseline", () => {
  it("moves matched findings to baselined and recomputes case status", () => {
    const before = sampleResults();
    const { results, applied, expired, unused } = applyBaseline(before, { entries: [region] }, "2025-06-30");
    const c = results.cases[0]!;
    expect(c.status).toBe("passed");
    expect(c.findings).toEqual([]);
    expect(c.baselined).toHaveLength(1);
    expect(c.baselined![0]!.baseline).toEqual({ index: 0, reason: region.reason, expires: "2025-06-30" });
    expect(applied).toEqual([{ index: 0, entry: region, matched: 1 }]);
    expect(expired).toEqual([]);
    expect(unused).toEqual([]);
    expect(before.cases[0]!.status).toBe("failed"); // input untouched
    expect(runVerdict(results).label).toBe("1 deviation");
    const both = applyBaseline(before, { entries: [region, compare] }, "2025-01-01").results;
    // No failure left; zoloz is still unreachable, so the run is inconclusive rather than conforming.
    expect(runVerdict(both)).toMatchObject({ kind: "inconclusive", failed: 0, baselined: 2 });
  });

  it("each accepted finding names the entry that accepted it: index, reason, expiry and file", () => {
    const { results } = applyBaseline(
      sampleResults(),
      { source: "baseline.yaml", entries: [compare, region] },
      "2025-01-01",
    );
    expect(results.cases[0]!.baselined![0]!.baseline).toEqual({
      index: 1,
      reason: region.reason,
      expires: "2025-06-30",
      source: "baseline.yaml",
    });
    const other = results.cases.find((c) => c.operationId === "advance.compare")!;
    expect(other.baselined![0]!.baseline).toEqual({ index: 0, reason: "known outage", source: "baseline.yaml" });
  });

  it("all given match fields must match", () => {
    for (const match of [{ code: "OTHER" }, { pointer: "/message" }, { message: "nope" }]) {
      const { results, unused } = applyBaseline(sampleResults(), { entries: [{ ...region, match }] }, "2025-01-01");
      expect(results.cases[0]!.status).toBe("failed");
      expect(unused).toHaveLength(1);
    }
    const wrongCheck = applyBaseline(sampleResults(), { entries: [{ ...region, check: "status_code" }] }, "2025-01-01");
    expect(wrongCheck.results.cases[0]!.status).toBe("failed");
  });

  it("an expired entry no longer suppresses and is reported with what it would have matched", () => {
    const { results, expired, unused } = applyBaseline(
      sampleResults(),
      { entries: [region] },
      new Date("2025-07-01T08:00:00Z"),
    );
    expect(results.cases[0]!.status).toBe("failed");
    expect(results.cases[0]!.baselined).toBeUndefined();
    expect(expired).toEqual([{ index: 0, entry: region, wouldMatch: 1 }]);
    expect(unused).toEqual([]);
    expect(renderBaselineText({ applied: [], expired, unused })).toContain("entries[0] expired 2025-06-30");
  });

  it("reports entries that matched nothing as no longer occurring", () => {
    const gone: BaselineEntry = { operation: "zoloz.realIdInit", check: "signature", match: {}, reason: "x" };
    const { unused } = applyBaseline(sampleResults(), { entries: [region, gone] }, "2025-01-01");
    expect(unused).toEqual([{ index: 1, entry: gone }]);
    expect(renderBaselineText({ applied: [], expired: [], unused })).toMatch(/entries\[1\] matched nothing/);
  });

  it("keeps a failed case failed when another failure remains, and is idempotent", () => {
    const r = sampleResults();
    r.cases[0]!.findings.push({ check: "status_code", severity: "failure", message: "HTTP 502", rule: { text: "x" } });
    const once = applyBaseline(r, { entries: [region] }, "2025-01-01");
    expect(once.results.cases[0]!.status).toBe("failed");
    const twice = applyBaseline(once.results, { entries: [region] }, "2025-01-01");
    expect(twice.unused).toEqual([]);
    expect(twice.results.cases[0]!.baselined).toHaveLength(1);
  });
});

describe("parseBaseline / loadBaseline", () => {
  it("reads YAML and JSON, list or {version, entries}", () => {
    const yaml = `version: 1\nentries:\n  - operation: advance.enroll\n    check: envelope_conformance\n    match: { code: REGION_WRONG }\n    reason: ticket\n    expires: 2025-06-30\n`;
    expect(parseBaseline(yaml).entries[0]).toEqual({
      operation: "advance.enroll",
      check: "envelope_conformance",
      match: { code: "REGION_WRONG" },
      reason: "ticket",
      expires: "2025-06-30",
    });
    expect(parseBaseline(JSON.stringify([compare])).entries).toEqual([compare]);
    expect(parseBaseline("").entries).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "baseline-"));
    writeFileSync(join(dir, "b.yaml"), yaml);
    expect(loadBaseline(join(dir, "b.yaml")).source).toBe(join(dir, "b.yaml"));
    expect(() => loadBaseline(join(dir, "missing.yaml"))).toThrow(/missing\.yaml: cannot read baseline \(ENOENT\)/);
  });

  it.each([
    ["- operation: a\n  check: b\n  match: {}\n", "b.yaml: entries[0].reason must be a non-empty string"],
    ["- operation: a\n  check: b\n  reason: r\n", "b.yaml: entries[0].match is required"],
    [
      "- operation: a\n  check: b\n  match: {}\n  reason: r\n  expire: 2025-01-01\n",
      'b.yaml: entries[0] has unknown key "expire"',
    ],
    [
      "- operation: a\n  check: b\n  match: { status: 500 }\n  reason: r\n",
      'b.yaml: entries[0].match has unknown key "status"',
    ],
    [
      "- operation: a\n  check: b\n  match: {}\n  reason: r\n  expires: 2025-13-01\n",
      'b.yaml: entries[0].expires "2025-13-01" is not a calendar date (YYYY-MM-DD)',
    ],
    ["- operation: a\n  check: b\n  match: {}\n  reason: r\n  expires: 2025-02-30\n", "is not a calendar date"],
    ["version: 2\nentries: []\n", "b.yaml: version 2 is not supported (expects 1)"],
    ["entries: {}\n", "b.yaml: entries must be a list"],
    ["oops: 1\n", 'b.yaml: unknown top-level key "oops"'],
    ["- [unclosed\n", "b.yaml: not valid YAML or JSON ("],
    ["42\n", "b.yaml: must be a list of entries"],
  ])("rejects %j with a one-line message", (text, message) => {
    try {
      parseBaseline(text, "b.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
