import { describe, expect, it } from "vitest";
import { buildMatrix, caseCheckStatus, cellKey, runVerdict, vendorVerdict } from "./verdict.ts";
import { regionFinding, sampleResults } from "../../reporters/testing/sample-results.ts";

describe("verdicts", () => {
  it("per vendor: deviations, inconclusive, conforming", () => {
    const r = sampleResults();
    expect(vendorVerdict(r, "advance")).toMatchObject({
      kind: "deviations",
      label: "2 deviations",
      failed: 2,
      warnings: 1,
    });
    expect(vendorVerdict(r, "zoloz")).toMatchObject({
      kind: "inconclusive",
      label: "inconclusive",
      inconclusive: 1,
      skipped: 1,
    });
    expect(vendorVerdict(r, "uqudo")).toMatchObject({ kind: "conforming", label: "conforming", passed: 1 });
    expect(runVerdict(r)).toMatchObject({ kind: "deviations", label: "2 deviations", total: 7 });
  });

  it("a single deviation is singular; a run with no passed case is inconclusive, not conforming", () => {
    const r = sampleResults();
    r.cases = r.cases.filter((c) => c.id !== "advance.compare/fuzz-image-size");
    expect(vendorVerdict(r, "advance").label).toBe("1 deviation");
    r.cases = r.cases.filter((c) => c.vendor !== "uqudo");
    expect(vendorVerdict(r, "uqudo")).toMatchObject({ kind: "inconclusive", total: 0 });
  });

  it("a partial merge (missing shards) is never conforming; its deviations still show", () => {
    const r = sampleResults();
    r.cases = r.cases.filter((c) => c.status === "passed");
    expect(runVerdict(r).kind).toBe("conforming");
    r.run.missingShards = { count: 3, missing: [2, 3] };
    expect(runVerdict(r)).toMatchObject({ kind: "inconclusive", label: "inconclusive (shards 2, 3 of 3 missing)" });
    const failing = sampleResults();
    failing.run.missingShards = { count: 3, missing: [2] };
    expect(runVerdict(failing).kind).toBe("deviations");
  });

  it("baselined findings do not count as deviations; a run with only baselined findings conforms", () => {
    const r = sampleResults();
    r.cases = r.cases.filter((c) => c.vendor === "uqudo");
    r.cases[0]!.baselined = [regionFinding()];
    expect(runVerdict(r)).toMatchObject({ kind: "conforming", baselined: 1, deviations: 0 });
  });

  it("counts every failure finding of a failed case", () => {
    const r = sampleResults();
    r.cases[0]!.findings.push(regionFinding({ check: "status_code" }));
    expect(vendorVerdict(r, "advance").deviations).toBe(3);
  });
});

describe("matrix", () => {
  it("operations down, checks across, worst status colours the cell", () => {
    const m = buildMatrix(sampleResults(), "advance");
    expect(m.operations).toEqual(["advance.compare", "advance.enroll"]);
    expect(m.checks).toEqual(["status_code", "envelope_conformance", "response_schema", "response_headers"]);
    const env = m.cells.get(cellKey("advance.enroll", "envelope_conformance"))!;
    expect(env.status).toBe("fail");
    expect(env.counts).toMatchObject({ fail: 1, pass: 1 });
    expect(env.cases).toEqual([0, 1]);
    const status = m.cells.get(cellKey("advance.compare", "status_code"))!;
    expect(status.counts).toMatchObject({ fail: 1, pass: 1 });
    expect(m.cells.get(cellKey("advance.compare", "response_headers"))!.status).toBe("warn");
    expect(m.cells.has(cellKey("advance.compare", "envelope_conformance"))).toBe(false);
  });

  it("skipped and inconclusive cases colour their cells; a failed case with no finding fails every check", () => {
    const r = sampleResults();
    expect(buildMatrix(r, "zoloz").cells.get(cellKey("zoloz.realIdInit", "signature"))!.status).toBe("inconclusive");
    expect(buildMatrix(r, "zoloz").cells.get(cellKey("zoloz.realIdCheck", "signature"))!.status).toBe("skip");
    const c = r.cases.find((x) => x.vendor === "uqudo")!;
    c.status = "failed";
    expect(caseCheckStatus(c, "response_schema")).toBe("fail");
  });
});
