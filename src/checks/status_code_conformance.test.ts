import { describe, expect, it } from "vitest";
import { statusCodeConformance as check } from "./status_code_conformance.ts";
import { advanceBody, runAll, runCheck, ruleOf, zolozBody } from "./testing/exchange.ts";

describe("status_code_conformance", () => {
  it("accepts every documented status", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody() })).toEqual([]);
    expect(runCheck(check, "zoloz.connectEnroll", { json: zolozBody({}, { transactionId: "G1" }) })).toEqual([]);
    for (const status of [200, 400, 401, 403, 413, 415, 500])
      expect(
        runCheck(check, "uqudo.faceMatch", { status, json: status === 200 ? { match: true, matchLevel: 4 } : {} }),
      ).toEqual([]);
    expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 })).toEqual([]);
  });

  it("ADVANCE: HTTP 400 is undocumented (failure, no wfc)", () => {
    expect(
      runCheck(check, "advance.enroll", {
        status: 400,
        json: advanceBody({ code: "PARAMETER_ERROR", message: "Region is wrong" }),
      }),
    ).toEqual([
      {
        check: "status_code_conformance",
        severity: "failure",
        rule: ruleOf(check, "advance.enroll"),
        message: "HTTP 400 is not documented for advance.enroll (documented: 200)",
        expected: [200],
        actual: 400,
      },
    ]);
  });

  it("a 5xx carries wfc 100", () => {
    expect(
      runCheck(check, "zoloz.connectUnenroll", {
        status: 502,
        body: "<html>bad gateway</html>",
        contentType: "text/html",
      }),
    ).toEqual([
      {
        check: "status_code_conformance",
        severity: "failure",
        rule: ruleOf(check, "zoloz.connectUnenroll"),
        message: "HTTP 502 is not documented for zoloz.connectUnenroll (documented: 200)",
        expected: [200],
        actual: 502,
        wfc: 100,
      },
    ]);
  });

  it("uqudo: 404 on match and 200 on delete are undocumented", () => {
    expect(runCheck(check, "uqudo.faceMatch", { status: 404, json: {} })).toEqual([
      expect.objectContaining({
        message: "HTTP 404 is not documented for uqudo.faceMatch (documented: 200, 400, 401, 403, 413, 415, 500)",
        expected: [200, 400, 401, 403, 413, 415, 500],
        actual: 404,
        severity: "failure",
      }),
    ]);
    const [f] = runCheck(check, "uqudo.faceSearchDelete", { status: 200, json: {} });
    expect(f).toMatchObject({
      message: "HTTP 200 is not documented for uqudo.faceSearchDelete (documented: 204, 401, 403, 404, 500)",
      actual: 200,
      rule: { docUrl: "https://docs.uqudo.com/docs/kyc/uqudo-api/face" },
    });
    expect(f).not.toHaveProperty("wfc");
  });

  describe("through runChecks, the status deviations set the severity", () => {
    it("advance-http-status-undocumented: any ADVANCE status finding is info", () => {
      const { findings } = runAll("advance.getEnroll", {
        status: 429,
        json: advanceBody({ code: "SERVICE_BUSY", message: "busy" }),
      });
      expect(findings.filter((f) => f.check === "status_code_conformance")).toEqual([
        expect.objectContaining({ severity: "info", deviation: "advance-http-status-undocumented", actual: 429 }),
      ]);
    });

    it("zoloz-http-status-undocumented: a ZOLOZ 401 is a warning", () => {
      const { findings } = runAll("zoloz.connectEnroll", {
        status: 401,
        json: zolozBody({ resultStatus: "F", resultCode: "SIGNATURE_INVALID", resultMessage: "bad" }),
      });
      expect(findings.filter((f) => f.check === "status_code_conformance")).toEqual([
        expect.objectContaining({ severity: "warning", deviation: "zoloz-http-status-undocumented", actual: 401 }),
      ]);
    });

    it("uqudo-token-error-status explains exactly HTTP 400 on oauthToken (value without pointer = the finding's actual)", () => {
      const on400 = runAll("uqudo.oauthToken", { status: 400, json: { error: "unsupported_grant_type" } }).findings;
      expect(on400).toEqual([
        expect.objectContaining({
          check: "status_code_conformance",
          severity: "warning",
          deviation: "uqudo-token-error-status",
          actual: 400,
        }),
      ]);
      const on403 = runAll("uqudo.oauthToken", { status: 403, json: {} }).findings;
      expect(on403).toEqual([
        expect.objectContaining({ check: "status_code_conformance", severity: "failure", actual: 403 }),
      ]);
      expect(on403[0]).not.toHaveProperty("deviation");
    });
  });
});
