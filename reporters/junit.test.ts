import { describe, expect, it } from "vitest";
import { applyBaseline } from "../src/baseline/apply.ts";
import { runVerdict } from "../src/results/verdict.ts";
import { renderJunit, xml } from "./junit.ts";
import { hostileResults, sampleResults } from "./testing/sample-results.ts";
import { parseJunit } from "./testing/parse-reports.ts";

describe("junit reporter", () => {
  it("one testcase per case; failures, errors and skips agree with the results", () => {
    const results = sampleResults();
    const report = parseJunit(renderJunit(results));
    const v = runVerdict(results);
    expect(report.totals).toEqual({ tests: v.total, failures: v.failed, errors: v.inconclusive, skipped: v.skipped });
    expect(report.cases.map((c) => c.name).sort()).toEqual(results.cases.map((c) => c.id).sort());
    for (const c of results.cases) {
      const tc = report.cases.find((t) => t.name === c.id)!;
      expect(tc.classname).toBe(c.operationId);
      expect(tc.outcome, c.id).toBe(
        { passed: "passed", failed: "failed", inconclusive: "error", skipped: "skipped" }[c.status],
      );
    }
  });

  it("a failure's message is the finding: check, pointer, expected and actual", () => {
    const results = sampleResults();
    const tc = parseJunit(renderJunit(results)).cases.find((t) => t.name === "advance.compare/fuzz-image-size")!;
    expect(tc.message).toBe(
      "status_code: HTTP 500 for an oversized image; documented: HTTP 200 with code PARAMETER_ERROR (expected 200, actual 500)",
    );
    const region = parseJunit(renderJunit(results)).cases.find(
      (t) => t.outcome === "failed" && t.name !== "advance.compare/fuzz-image-size",
    )!;
    expect(region.message).toMatch(/^envelope_conformance( at \/code)?: .*\(expected .*, actual .*\)/);
  });

  it("an inconclusive case is an <error> carrying its cause, never a failure or a pass", () => {
    const tc = parseJunit(renderJunit(sampleResults())).cases.find((t) => t.outcome === "error")!;
    expect(tc.message).toBe("connection-reset: connection reset by peer after 30 s");
  });

  it("a case whose failures a baseline accepted passes, with a property naming the entry, its reason and expiry", () => {
    const before = parseJunit(renderJunit(sampleResults()));
    const { results } = applyBaseline(
      sampleResults(),
      {
        source: "baseline.yaml",
        entries: [
          {
            operation: "advance.compare",
            check: "status_code",
            match: { message: "HTTP 500" },
            reason: "ADV-77: known",
            expires: "2099-01-01",
          },
        ],
      },
      "2025-05-01",
    );
    const after = parseJunit(renderJunit(results));
    expect(before.cases.find((t) => t.name === "advance.compare/fuzz-image-size")!.outcome).toBe("failed");
    const tc = after.cases.find((t) => t.name === "advance.compare/fuzz-image-size")!;
    expect(tc.outcome).toBe("passed");
    expect(tc.properties).toHaveLength(1);
    expect(tc.properties[0]).toMatchObject({ name: "baseline" });
    expect(tc.properties[0]!.value).toMatch(
      /^entries\[0\] of baseline\.yaml: ADV-77: known \(expires 2099-01-01\) accepted status_code: HTTP 500/,
    );
    expect(after.totals.failures).toBe(before.totals.failures - 1);
  });

  it("hostile vendor text stays well-formed XML and is read back as sent (controls shown as markers)", () => {
    const results = hostileResults();
    const report = parseJunit(renderJunit(results));
    const tc = report.cases.find((t) => t.name === results.cases[0]!.id)!;
    expect(tc.message).toContain(results.cases[0]!.findings[0]!.message.split("\n")[0]!.slice(0, 40));
    expect(xml("a\u0000b\u001bc]]>\"'&<")).toBe("a[U+0000]b[U+001B]c]]&gt;&quot;&apos;&amp;&lt;");
  });
});
