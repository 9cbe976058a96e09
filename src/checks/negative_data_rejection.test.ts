import { describe, expect, it } from "vitest";
import { negativeDataRejection as check } from "./negative_data_rejection.ts";
import { advanceBody, runAll, runCheck, ruleOf, zolozBody, zolozFailure } from "./testing/exchange.ts";
import type { Expectation } from "./types.ts";

const reject = (...violations: string[]): Expectation => ({ kind: "reject", violations });
const base = { check: "negative_data_rejection", severity: "failure" } as const;
const REGION = "Region is wrong";

describe("negative_data_rejection", () => {
  it("applies only to reject expectations", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody() }, { kind: "accept" })).toEqual([]);
    expect(runCheck(check, "advance.enroll", { json: advanceBody() }, { kind: "any" })).toEqual([]);
  });

  describe("a documented rejection matches", () => {
    it('ADVANCE: PARAMETER_ERROR "Region is wrong" for region-invalid', () => {
      expect(
        runCheck(
          check,
          "advance.enroll",
          { json: advanceBody({ code: "PARAMETER_ERROR", message: REGION }) },
          reject("region-invalid"),
        ),
      ).toEqual([]);
    });
    it("ADVANCE: a rejection documented without a message accepts any message", () => {
      expect(
        runCheck(
          check,
          "advance.getLatestSessionResult",
          { json: advanceBody({ code: "PARAMETER_ERROR", message: "userId required" }) },
          reject("missing:userId"),
        ),
      ).toEqual([]);
    });
    it("ZOLOZ: PARAM_ILLEGAL or INVALID_ARGUMENT for too-long:userId", () => {
      for (const code of ["PARAM_ILLEGAL", "INVALID_ARGUMENT"])
        expect(runCheck(check, "zoloz.connectEnroll", { json: zolozFailure(code) }, reject("too-long:userId"))).toEqual(
          [],
        );
    });
    it("uqudo: 413 for image-too-large", () => {
      expect(runCheck(check, "uqudo.faceMatch", { status: 413, json: {} }, reject("image-too-large"))).toEqual([]);
    });
    it("any documented rejection among several violations is accepted", () => {
      // image-too-large answers 413, wrong-content-type 415 or 400: each is conforming for the pair.
      for (const status of [413, 415, 400])
        expect(
          runCheck(check, "uqudo.faceSearch", { status, json: {} }, reject("image-too-large", "wrong-content-type")),
        ).toEqual([]);
      // missing:userId documents "UserId is invalid"; region-invalid "Region is wrong".
      for (const message of ["UserId is invalid", REGION]) {
        expect(
          runCheck(
            check,
            "advance.enroll",
            { json: advanceBody({ code: "PARAMETER_ERROR", message }) },
            reject("missing:userId", "region-invalid"),
          ),
        ).toEqual([]);
      }
    });
  });

  it("ADVANCE: accepted when it should be rejected (wfc 102)", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody() }, reject("region-invalid"))).toEqual([
      {
        ...base,
        wfc: 102,
        rule: ruleOf(check, "advance.enroll"),
        message: 'input with region-invalid was accepted (HTTP 200, code SUCCESS, message "OK")',
        expected: 'HTTP 200 PARAMETER_ERROR "Region is wrong"',
        actual: 'HTTP 200, code SUCCESS, message "OK"',
      },
    ]);
  });

  it("ZOLOZ: accepted when it should be rejected (wfc 102)", () => {
    expect(
      runCheck(check, "zoloz.connectUnenroll", { json: zolozBody({}, { transactionId: "G1" }) }, reject("unknown-id")),
    ).toEqual([
      {
        ...base,
        wfc: 102,
        rule: ruleOf(check, "zoloz.connectUnenroll"),
        message: 'input with unknown-id was accepted (HTTP 200, resultStatus S, code SUCCESS, message "Success")',
        expected: "HTTP 200 INVALID_ARGUMENT",
        actual: 'HTTP 200, resultStatus S, code SUCCESS, message "Success"',
      },
    ]);
  });

  it("uqudo: accepted when it should be rejected (wfc 102)", () => {
    expect(
      runCheck(
        check,
        "uqudo.faceMatch",
        { json: { match: true, matchLevel: 5 } },
        reject("out-of-range:minimumMatchLevel"),
      ),
    ).toEqual([
      {
        ...base,
        wfc: 102,
        rule: ruleOf(check, "uqudo.faceMatch"),
        message: "input with out-of-range:minimumMatchLevel was accepted (HTTP 200)",
        expected: "HTTP 400",
        actual: "HTTP 200",
      },
    ]);
    expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 }, reject("unknown-id"))).toEqual([
      expect.objectContaining({
        wfc: 102,
        message: "input with unknown-id was accepted (HTTP 204)",
        expected: "HTTP 404",
        actual: "HTTP 204",
      }),
    ]);
  });

  it("ADVANCE: rejected with the wrong code (failure, no wfc)", () => {
    const [f] = runCheck(
      check,
      "advance.enroll",
      { json: advanceBody({ code: "ERROR", message: "Server error" }) },
      reject("region-invalid"),
    );
    expect(f).toEqual({
      ...base,
      wfc: undefined,
      rule: ruleOf(check, "advance.enroll"),
      pointer: "/code",
      message: 'input with region-invalid got HTTP 200, code ERROR, message "Server error", not a documented rejection',
      expected: 'HTTP 200 PARAMETER_ERROR "Region is wrong"',
      actual: 'HTTP 200, code ERROR, message "Server error"',
    });
    expect(f!.wfc).toBeUndefined();
    expect(JSON.parse(JSON.stringify(f))).not.toHaveProperty("wfc");
  });

  it("ADVANCE: REGION_WRONG for a wrong region follows the recorded doc deviation and is a warning", () => {
    const context = { json: advanceBody({ code: "REGION_WRONG", message: "Region is wrong" }) };
    const { findings } = runAll("advance.enroll", context, reject("region-invalid"));
    expect(findings.filter((f) => f.check === check.name)).toEqual([
      expect.objectContaining({ severity: "warning", pointer: "/code", deviation: "advance-region-wrong-code" }),
    ]);
    expect(findings.filter((f) => f.severity === "failure")).toEqual([]);
  });

  it("uqudo: rejected with the wrong status", () => {
    expect(runCheck(check, "uqudo.faceSession", { status: 400, json: {} }, reject("image-too-large"))).toEqual([
      expect.objectContaining({
        ...base,
        message: "input with image-too-large got HTTP 400, not a documented rejection",
        expected: "HTTP 413",
        actual: "HTTP 400",
      }),
    ]);
  });

  it("ADVANCE: rejected with the documented code but another message is a warning at /message", () => {
    expect(
      runCheck(
        check,
        "advance.enroll",
        { json: advanceBody({ code: "PARAMETER_ERROR", message: "Region code invalid" }) },
        reject("region-invalid"),
      ),
    ).toEqual([
      {
        ...base,
        severity: "warning",
        wfc: undefined,
        rule: ruleOf(check, "advance.enroll"),
        message: "rejected with an undocumented message for region-invalid",
        pointer: "/message",
        expected: [REGION],
        actual: "Region code invalid",
      },
    ]);
  });

  it("ZOLOZ: rejections document no resultMessage, so any message of the documented code matches", () => {
    expect(
      runCheck(
        check,
        "zoloz.connectEnroll",
        { json: zolozFailure("UNABLE_GET_IMAGE", "anything") },
        reject("image-no-face"),
      ),
    ).toEqual([]);
  });

  it("a violation the docs do not list for the operation is not judged (no documented rejection to hold the vendor to)", () => {
    expect(
      runCheck(
        check,
        "advance.enroll",
        { json: advanceBody({ code: "PARAMETER_ERROR", message: "?" }) },
        reject("undocumented-violation"),
      ),
    ).toEqual([]);
    expect(runCheck(check, "advance.enroll", { json: advanceBody() }, reject("undocumented-violation"))).toEqual([]);
  });

  it("through runChecks, the negative finding sits next to the envelope findings", () => {
    const { applied, findings } = runAll("advance.enroll", { json: advanceBody() }, reject("region-invalid"));
    expect(applied).toContain("negative_data_rejection");
    expect(findings.map((f) => [f.check, f.severity, f.wfc])).toEqual([["negative_data_rejection", "failure", 102]]);
  });
});
