import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyBaseline } from "../src/baseline/apply.ts";
import { ALLURE_DIR, allureReporter } from "./allure.ts";
import { readAllure } from "./testing/parse-reports.ts";
import { sampleResults } from "./testing/sample-results.ts";

const context = (out: string) => ({ out, notes: [], written: [], stdout: () => {} });

describe("allure reporter", () => {
  it("writes one result per case with the case's status, labels and attachments, into <out>/allure-results", () => {
    const out = mkdtempSync(join(tmpdir(), "allure-rep-"));
    const results = sampleResults();
    expect(allureReporter.write(results, context(out))).toBe(join(out, ALLURE_DIR));
    const { tests } = readAllure(join(out, ALLURE_DIR));
    expect(tests.map((t) => t.fullName).sort()).toEqual(results.cases.map((c) => c.id).sort());
    for (const c of results.cases) {
      const t = tests.find((x) => x.fullName === c.id)!;
      expect(t.status, c.id).toBe(
        { passed: "passed", failed: "failed", inconclusive: "broken", skipped: "skipped" }[c.status],
      );
      expect(t.labels.filter((l) => l.name === "epic").map((l) => l.value)).toEqual([c.vendor]);
      expect(t.labels.filter((l) => l.name === "feature").map((l) => l.value)).toEqual([c.operationId]);
      expect(t.labels.filter((l) => l.name === "story").map((l) => l.value)).toEqual(c.checks);
      const exchanges = t.attachments.find((a) => a.name === "exchanges (redacted)")!;
      expect(JSON.parse(readFileSync(join(out, ALLURE_DIR, exchanges.source), "utf8"))).toEqual(c.exchanges);
    }
    expect(tests.find((t) => t.fullName === "advance.compare/fuzz-image-size")!.statusDetails.message).toMatch(
      /^status_code: HTTP 500 .*\(expected 200, actual 500\)$/,
    );
  });

  it("clears results of an earlier run, so a failing run followed by a passing one is not 'retried'", () => {
    const out = mkdtempSync(join(tmpdir(), "allure-rep-"));
    mkdirSync(join(out, ALLURE_DIR));
    writeFileSync(join(out, ALLURE_DIR, "stale-result.json"), "{}");
    allureReporter.write(sampleResults(), context(out));
    allureReporter.write(sampleResults(), context(out));
    const { tests, files } = readAllure(join(out, ALLURE_DIR));
    expect(files).not.toContain("stale-result.json");
    expect(tests).toHaveLength(sampleResults().cases.length);
  });

  it("a baseline-accepted case passes and names the entry", () => {
    const out = mkdtempSync(join(tmpdir(), "allure-rep-"));
    const { results } = applyBaseline(
      sampleResults(),
      { entries: [{ operation: "advance.compare", check: "status_code", match: {}, reason: "ADV-77" }] },
      "2025-05-01",
    );
    allureReporter.write(results, context(out));
    const t = readAllure(join(out, ALLURE_DIR)).tests.find((x) => x.fullName === "advance.compare/fuzz-image-size")!;
    expect(t.status).toBe("passed");
    expect(t.parameters).toEqual([
      {
        name: "accepted by baseline",
        value: expect.stringMatching(/^entries\[0\]: ADV-77 \(no expiry\): status_code: HTTP 500/),
      },
    ]);
  });
});
