import { describe, expect, it } from "vitest";
import { positiveDataAcceptance as check } from "./positive_data_acceptance.ts";
import { advanceBody, runAll, runCheck, ruleOf, zolozBody, zolozFailure } from "./testing/exchange.ts";
import type { Expectation } from "./types.ts";

const accept: Expectation = { kind: "accept" };
const base = { check: "positive_data_acceptance", severity: "failure" } as const;

describe("positive_data_acceptance", () => {
  it("accepts documented successes of all three vendors", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody() }, accept)).toEqual([]);
    expect(runCheck(check, "zoloz.connectEnroll", { json: zolozBody({}, { transactionId: "G1" }) }, accept)).toEqual(
      [],
    );
    expect(runCheck(check, "zoloz.authenticationTest", { json: { title: "hello" } }, accept)).toEqual([]);
    expect(runCheck(check, "uqudo.faceSession", { status: 201, json: { sessionId: "s" } }, accept)).toEqual([]);
    expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 }, accept)).toEqual([]);
  });

  it("applies only to accept expectations", () => {
    expect(
      runCheck(
        check,
        "advance.enroll",
        { json: advanceBody({ code: "ERROR", message: "Server error" }) },
        { kind: "reject", violations: ["region-invalid"] },
      ),
    ).toEqual([]);
  });

  it("ADVANCE: valid input refused with PARAMETER_ERROR", () => {
    expect(
      runCheck(
        check,
        "advance.enroll",
        { json: advanceBody({ code: "PARAMETER_ERROR", message: "Region is wrong" }) },
        accept,
      ),
    ).toEqual([
      {
        ...base,
        rule: ruleOf(check, "advance.enroll"),
        message: 'valid input was refused: HTTP 200, code PARAMETER_ERROR, message "Region is wrong"',
        expected: "a documented success",
        actual: 'HTTP 200, code PARAMETER_ERROR, message "Region is wrong"',
      },
    ]);
  });

  it("ADVANCE: SUCCESS under a non-2xx status is no success", () => {
    expect(runCheck(check, "advance.getEnroll", { status: 500, json: advanceBody() }, accept)).toEqual([
      expect.objectContaining({ ...base, message: 'valid input was refused: HTTP 500, code SUCCESS, message "OK"' }),
    ]);
  });

  it("ZOLOZ: valid input refused with F/INVALID_ARGUMENT", () => {
    expect(
      runCheck(check, "zoloz.connectEnroll", { json: zolozFailure("INVALID_ARGUMENT", "bizId too long") }, accept),
    ).toEqual([
      {
        ...base,
        rule: ruleOf(check, "zoloz.connectEnroll"),
        message: 'valid input was refused: HTTP 200, resultStatus F, code INVALID_ARGUMENT, message "bizId too long"',
        expected: "a documented success",
        actual: 'HTTP 200, resultStatus F, code INVALID_ARGUMENT, message "bizId too long"',
      },
    ]);
  });

  it("uqudo: valid input refused with 415", () => {
    expect(runCheck(check, "uqudo.faceMatch", { status: 415, json: {} }, accept)).toEqual([
      {
        ...base,
        rule: ruleOf(check, "uqudo.faceMatch"),
        message: "valid input was refused: HTTP 415",
        expected: "a documented success",
        actual: "HTTP 415",
      },
    ]);
  });

  it('a size only one reading of "less than 2M" allows: a refusal is the deviation\'s warning, an acceptance passes', () => {
    const sizeMessage =
      "Invalid image size, max image size should be less than 2M, and image dimension should be between 256 * 256 and 4096 * 4096";
    const refused = { json: advanceBody({ code: "PARAMETER_ERROR", message: sizeMessage }) };
    const ambiguous: Expectation = { kind: "accept", deviation: "advance-image-size-measure" };
    expect(runAll("advance.enroll", refused, ambiguous).findings).toEqual([
      expect.objectContaining({
        check: "positive_data_acceptance",
        severity: "warning",
        deviation: "advance-image-size-measure",
      }),
    ]);
    expect(runAll("advance.enroll", { json: advanceBody() }, ambiguous).findings).toEqual([]);
    // Without the deviation named (a size both readings allow) the same refusal is a failure.
    expect(runAll("advance.enroll", refused, accept).findings).toEqual([
      expect.objectContaining({ check: "positive_data_acceptance", severity: "failure" }),
    ]);
  });

  it("through runChecks a refused token request stays a failure: advance-token-numeric-strings names /timestamp, which positive findings never carry", () => {
    // The deviation names pointer /timestamp; positive findings carry no pointer, so it does not attach.
    const { findings } = runAll(
      "advance.generateToken",
      { json: advanceBody({ code: "PARAMETER_ERROR", message: "Timestamp error" }) },
      accept,
    );
    expect(findings).toEqual([expect.objectContaining({ check: "positive_data_acceptance", severity: "failure" })]);
    expect(findings[0]).not.toHaveProperty("deviation");
  });
});
