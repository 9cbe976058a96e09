import { describe, expect, it } from "vitest";
import { ignoredAuth as check } from "./ignored_auth.ts";
import { advanceBody, runCheck, ruleOf, zolozBody, zolozFailure } from "./testing/exchange.ts";
import type { Expectation } from "./types.ts";

const auth = (mode: "none" | "wrong" | "expired"): Expectation => ({ kind: "auth", mode });
const base = { check: "ignored_auth", severity: "failure" } as const;
const IAM = "Token not found or expired";

describe("ignored_auth", () => {
  describe("the documented authentication error: no finding", () => {
    it("ADVANCE IAM_FAILED", () => {
      for (const mode of ["none", "wrong", "expired"] as const)
        expect(
          runCheck(check, "advance.enroll", { json: advanceBody({ code: "IAM_FAILED", message: IAM }) }, auth(mode)),
        ).toEqual([]);
      // IAM_FAILED is also documented without a message, so another glossary message matches.
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ code: "IAM_FAILED", message: "Access Key not found" }) },
          auth("wrong"),
        ),
      ).toEqual([]);
    });
    it("ZOLOZ SIGNATURE_INVALID", () => {
      for (const mode of ["none", "wrong"] as const)
        expect(
          runCheck(
            check,
            "zoloz.connectEnroll",
            { json: zolozFailure("SIGNATURE_INVALID", "invalid signature") },
            auth(mode),
          ),
        ).toEqual([]);
    });
    it("uqudo 401", () => {
      for (const mode of ["none", "wrong", "expired"] as const)
        expect(runCheck(check, "uqudo.faceSearch", { status: 401, json: {} }, auth(mode))).toEqual([]);
    });
  });

  it("ADVANCE: success with no credentials (wfc 207)", () => {
    expect(
      runCheck(
        check,
        "advance.getEnroll",
        { json: advanceBody({ data: { userId: "u", imageUrlList: [] } }) },
        auth("none"),
      ),
    ).toEqual([
      {
        ...base,
        wfc: 207,
        rule: ruleOf(check, "advance.getEnroll"),
        message: 'a request with no credentials succeeded (HTTP 200, code SUCCESS, message "OK")',
        expected: `HTTP 200 IAM_FAILED "${IAM}" | HTTP 200 IAM_FAILED`,
        actual: 'HTTP 200, code SUCCESS, message "OK"',
      },
    ]);
  });

  it("ZOLOZ: success with a wrong signature (wfc 206)", () => {
    expect(
      runCheck(check, "zoloz.connectEnroll", { json: zolozBody({}, { transactionId: "G1" }) }, auth("wrong")),
    ).toEqual([
      {
        ...base,
        wfc: 206,
        rule: ruleOf(check, "zoloz.connectEnroll"),
        message:
          'a request with wrong credentials succeeded (HTTP 200, resultStatus S, code SUCCESS, message "Success")',
        expected: "HTTP 200 SIGNATURE_INVALID | HTTP 200 KEY_NOT_FOUND | HTTP 200 MERCHANT_NOT_FOUND",
        actual: 'HTTP 200, resultStatus S, code SUCCESS, message "Success"',
      },
    ]);
  });

  it("ZOLOZ: the probe echoing its body with no credentials is a success (wfc 207)", () => {
    expect(runCheck(check, "zoloz.authenticationTest", { json: { title: "hello" } }, auth("none"))).toEqual([
      expect.objectContaining({
        ...base,
        wfc: 207,
        message: "a request with no credentials succeeded (HTTP 200)",
        actual: "HTTP 200",
      }),
    ]);
  });

  it("uqudo: success with an expired token (wfc 206)", () => {
    expect(runCheck(check, "uqudo.faceMatch", { json: { match: true, matchLevel: 3 } }, auth("expired"))).toEqual([
      {
        ...base,
        wfc: 206,
        rule: ruleOf(check, "uqudo.faceMatch"),
        message: "a request with expired credentials succeeded (HTTP 200)",
        expected: "HTTP 401",
        actual: "HTTP 200",
      },
    ]);
  });

  it("uqudo: an undocumented authentication answer (403 instead of 401)", () => {
    expect(runCheck(check, "uqudo.faceMatch", { status: 403, json: {} }, auth("none"))).toEqual([
      {
        ...base,
        rule: ruleOf(check, "uqudo.faceMatch"),
        message: "missing credentials got HTTP 403, not the documented authentication error",
        expected: "HTTP 401",
        actual: "HTTP 403",
      },
    ]);
  });

  it("ADVANCE: wrong credentials answered with PARAMETER_ERROR", () => {
    const [f] = runCheck(
      check,
      "advance.enroll",
      { json: advanceBody({ code: "PARAMETER_ERROR", message: "Parameter should not be empty" }) },
      auth("wrong"),
    );
    expect(f).toEqual({
      ...base,
      rule: ruleOf(check, "advance.enroll"),
      message:
        'wrong credentials got HTTP 200, code PARAMETER_ERROR, message "Parameter should not be empty", not the documented authentication error',
      expected: `HTTP 200 IAM_FAILED "${IAM}" | HTTP 200 IAM_FAILED`,
      actual: 'HTTP 200, code PARAMETER_ERROR, message "Parameter should not be empty"',
    });
    expect(f).not.toHaveProperty("wfc");
  });

  it("applies only to auth expectations, and an operation without documented auth rejections only fails on success", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody() }, { kind: "accept" })).toEqual([]);
    // uqudo oauthToken documents auth-invalid only: no credentials at all with any error is not judged further.
    expect(runCheck(check, "uqudo.oauthToken", { status: 401, json: {} }, auth("none"))).toEqual([]);
  });
});
