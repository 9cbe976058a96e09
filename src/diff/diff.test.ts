import { describe, expect, it } from "vitest";
import type { RunResults } from "../results/model.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import { diffResults } from "./diff.ts";
import { shapeOf, typesText } from "./shape.ts";
import { renderDiffText } from "./text.ts";

function evolved(): RunResults {
  const r = sampleResults();
  r.run.startedAt = "2025-05-08T10:00:00.000Z";
  // region-wrong is fixed by the vendor; compare now warns instead of failing; uqudo token grows a field and retypes one.
  const region = r.cases[0]!;
  region.status = "passed";
  region.findings = [];
  region.exchanges[0]!.response!.body = JSON.stringify({
    code: "PARAMETER_ERROR",
    message: "Region is wrong",
    data: null,
    extra: null,
    transactionId: "tx-2",
  });
  const token = r.cases.find((c) => c.id === "uqudo.token/valid")!;
  token.exchanges[0]!.response!.body = JSON.stringify({
    access_token: "***",
    token_type: "bearer",
    expires_in: "3600",
    scope: ["a", "b"],
  });
  const valid = r.cases[1]!;
  valid.exchanges[0]!.response!.body = JSON.stringify({ code: "SUCCESS", message: "OK", data: { faceId: "f1" } });
  r.cases = r.cases.filter((c) => c.id !== "zoloz.realIdCheck/valid");
  r.cases.push({
    ...r.cases[1]!,
    id: "advance.enroll/new-case",
    findings: [{ check: "status_code", severity: "failure", message: "HTTP 502", rule: { text: "x" } }],
    status: "failed",
  });
  return r;
}

describe("shapeOf", () => {
  it("collapses array indexes and escapes keys", () => {
    const s = shapeOf({ a: [{ b: 1 }, { b: null }], "x/y~": true });
    expect([...s.keys()].sort()).toEqual(["", "/a", "/a/*", "/a/*/b", "/x~1y~0"]);
    expect(typesText(s.get("/a/*/b"))).toBe("null|number");
  });
});

describe("diffResults", () => {
  it("finds no drift between identical runs", () => {
    const d = diffResults(sampleResults(), sampleResults());
    expect(d.unchanged).toBe(true);
    expect(renderDiffText(d)).toContain("No drift");
  });

  it("reports check verdicts, findings, cases and response shapes", () => {
    const d = diffResults(sampleResults(), evolved());
    expect(d.unchanged).toBe(false);
    const envelope = d.checks.find((c) => c.operationId === "advance.enroll" && c.check === "envelope_conformance")!;
    expect(envelope).toMatchObject({ from: "fail", to: "pass", appeared: [] });
    expect(envelope.disappeared).toEqual([
      {
        caseId: "advance.enroll/region-wrong",
        severity: "failure",
        message: "code REGION_WRONG is not in the documented code enum",
      },
    ]);
    const status = d.checks.find((c) => c.operationId === "advance.enroll" && c.check === "status_code")!;
    expect(status.from).toBe("pass");
    expect(status.to).toBe("fail");
    expect(status.appeared.map((f) => f.message)).toEqual(["HTTP 502"]);
    expect(d.checks.find((c) => c.operationId === "zoloz.realIdCheck")).toMatchObject({ from: "skip", to: "absent" });

    expect(d.cases.statusChanged).toEqual([
      { caseId: "advance.enroll/region-wrong", operationId: "advance.enroll", from: "failed", to: "passed" },
    ]);
    expect(d.cases.appeared).toEqual(["advance.enroll/new-case"]);
    expect(d.cases.disappeared).toEqual(["zoloz.realIdCheck/valid"]);

    const token = d.shapes.find((s) => s.operationId === "uqudo.token")!;
    expect(token.status).toBe(200);
    expect(token.changes).toEqual([
      { pointer: "/expires_in", kind: "retyped", from: "number", to: "string" },
      { pointer: "/scope", kind: "new", to: "array" },
      { pointer: "/scope/*", kind: "new", to: "string" },
    ]);
    // valid-jpeg no longer returns /data/score; region-wrong still returns data:null, so /data stays object|null.
    const enroll = d.shapes.find((s) => s.operationId === "advance.enroll")!;
    expect(enroll.changes).toContainEqual({ pointer: "/data/score", kind: "vanished", from: "number" });
  });

  it("renders text with every kind of change and neutralises terminal control characters", () => {
    const next = evolved();
    next.cases[0]!.findings = [
      { check: "envelope_conformance", severity: "warning", message: "evil \u001b[2J\u202Etxt", rule: { text: "x" } },
    ];
    const text = renderDiffText(diffResults(sampleResults(), next));
    expect(text).toContain("advance.enroll envelope_conformance: fail -> warn");
    expect(text).toContain("+ [warning] advance.enroll/region-wrong: evil \\u{001b}[2J\\u{202e}txt");
    expect(text).toContain("~ /expires_in: number -> string");
    expect(text).toContain("+ advance.enroll/new-case (new case)");
    expect(text).toContain("- zoloz.realIdCheck/valid (no longer run)");
    expect(text).not.toMatch(/[\u001b\u202e]/);
  });
});
