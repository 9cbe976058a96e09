import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readResults, validateResults, writeResults } from "./io.ts";
import { hostileResults, sampleResults } from "../../reporters/testing/sample-results.ts";

describe("validateResults", () => {
  it("accepts hand-made results, including hostile vendor strings", () => {
    expect(validateResults(sampleResults()).cases).toHaveLength(7);
    expect(() => validateResults(JSON.parse(JSON.stringify(hostileResults())))).not.toThrow();
  });

  it("rejects another version with an actionable one-line message", () => {
    const r = sampleResults() as unknown as { run: { version: number } };
    r.run.version = 2;
    expect(() => validateResults(r)).toThrow(
      "reports/results.json: version 2 is not supported by this kit (expects 1); re-run or upgrade",
    );
  });

  it("rejects a missing version and a non-object", () => {
    const r = sampleResults() as unknown as { run: { version?: number } };
    delete r.run.version;
    expect(() => validateResults(r, "x.json")).toThrow(
      "x.json: run.version is missing; this kit expects results version 1",
    );
    expect(() => validateResults([], "x.json")).toThrow("x.json: not a results object");
  });

  it("names the JSON pointer and the problem for a wrong shape", () => {
    const bad = sampleResults() as unknown as { cases: { status: string; findings: unknown[] }[] };
    bad.cases[3]!.status = "green";
    expect(() => validateResults(bad)).toThrow(
      'reports/results.json: /cases/3/status must be one of: "passed", "failed", "skipped", "inconclusive"',
    );
    const missing = sampleResults() as unknown as { cases: { findings: { rule?: unknown }[] }[] };
    delete missing.cases[0]!.findings[0]!.rule;
    expect(() => validateResults(missing)).toThrow('/cases/0/findings/0 is missing required property "rule"');
    const typed = sampleResults() as unknown as { run: { seed: unknown } };
    typed.run.seed = "42";
    expect(() => validateResults(typed)).toThrow("/run/seed must be integer");
  });

  it("messages are one line", () => {
    const bad = sampleResults() as unknown as { deviations: unknown[] };
    bad.deviations.push({ id: "x" });
    try {
      validateResults(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain("\n");
      expect((error as Error).message).toContain("/deviations/1");
    }
  });
});

describe("writeResults / readResults", () => {
  it("round-trips", () => {
    const dir = mkdtempSync(join(tmpdir(), "results-"));
    const path = writeResults(join(dir, "reports"), sampleResults());
    expect(readResults(path)).toEqual(sampleResults());
  });

  it("reports unreadable and unparsable files in one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "results-"));
    expect(() => readResults(join(dir, "nope.json"))).toThrow(/nope\.json: cannot read results file \(ENOENT\)/);
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect(() => readResults(join(dir, "bad.json"))).toThrow(/bad\.json: not valid JSON/);
  });

  it("refuses to write invalid results", () => {
    const r = sampleResults() as unknown as { cases: unknown };
    r.cases = {};
    expect(() => writeResults(mkdtempSync(join(tmpdir(), "results-")), r as never)).toThrow("/cases must be array");
  });
});
