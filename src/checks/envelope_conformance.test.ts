import { describe, expect, it } from "vitest";
import { envelopeConformance as check } from "./envelope_conformance.ts";
import { advanceBody, runAll, runCheck, ruleOf, spec, zolozBody, zolozFailure } from "./testing/exchange.ts";

const base = { check: "envelope_conformance", severity: "failure", wfc: 101 } as const;
const codesOf = (id: string) => [...new Set(spec.operation(id).businessCodes.map((c) => c.code))];

describe("envelope_conformance", () => {
  describe("ADVANCE.AI", () => {
    it("accepts documented envelopes", () => {
      expect(runCheck(check, "advance.enroll", { json: advanceBody() })).toEqual([]);
      expect(
        runCheck(check, "advance.enroll", {
          json: advanceBody({ code: "PARAMETER_ERROR", message: "Region is wrong" }),
        }),
      ).toEqual([]);
      expect(
        runCheck(check, "advance.getEnroll", {
          json: advanceBody({ code: "IAM_FAILED", message: "Token not found or expired" }),
        }),
      ).toEqual([]);
      // PARAMETER_ERROR has no glossary message, and SERVICE_BUSY documents none: any message is fine.
      expect(
        runCheck(check, "advance.deleteEnroll", {
          json: advanceBody({ code: "SERVICE_BUSY", message: "Too many requests" }),
        }),
      ).toEqual([]);
      expect(
        runCheck(check, "advance.getEnroll", { json: advanceBody({ data: { userId: "u", imageUrlList: [] } }) }),
      ).toEqual([]);
    });

    it("an undocumented business code", () => {
      expect(
        runCheck(check, "advance.enroll", { json: advanceBody({ code: "USER_NOT_FOUND", message: "no such user" }) }),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.enroll"),
          message: 'code "USER_NOT_FOUND" is not documented for advance.enroll',
          pointer: "/code",
          expected: codesOf("advance.enroll"),
          actual: "USER_NOT_FOUND",
        },
      ]);
    });

    it("a missing code", () => {
      const { code: _code, ...body } = advanceBody();
      expect(runCheck(check, "advance.enroll", { json: body })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.enroll"),
          message: "code undefined is not documented for advance.enroll",
          pointer: "/code",
          expected: codesOf("advance.enroll"),
          actual: null,
        },
      ]);
    });

    it("an undocumented message for a documented code is only a warning", () => {
      expect(
        runCheck(check, "advance.getEnroll", {
          json: advanceBody({ code: "PARAMETER_ERROR", message: "userId is bad" }),
        }),
      ).toEqual([
        {
          ...base,
          severity: "warning",
          rule: ruleOf(check, "advance.getEnroll"),
          message: 'message "userId is bad" is not one documented for PARAMETER_ERROR',
          pointer: "/message",
          expected: [
            "Parameter error, please check you input.",
            "UserId is invalid",
            "Parameter error,please check you input.",
          ],
          actual: "userId is bad",
        },
      ]);
    });

    it("data not null on PARAMETER_ERROR", () => {
      expect(
        runCheck(check, "advance.enroll", {
          json: advanceBody({ code: "PARAMETER_ERROR", message: "Region is wrong", data: { region: "PH" } }),
        }),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.enroll"),
          message: "data must be null when code is PARAMETER_ERROR",
          pointer: "/data",
          expected: null,
          actual: { region: "PH" },
        },
      ]);
    });

    it("a transactionId of 65 characters", () => {
      expect(runCheck(check, "advance.deleteEnroll", { json: advanceBody({ transactionId: "f".repeat(65) }) })).toEqual(
        [
          {
            ...base,
            rule: ruleOf(check, "advance.deleteEnroll"),
            message: "transactionId is 65 characters; the documented maximum is 64",
            pointer: "/transactionId",
            expected: "<= 64",
            actual: 65,
          },
        ],
      );
      expect(runCheck(check, "advance.deleteEnroll", { json: advanceBody({ transactionId: "f".repeat(64) }) })).toEqual(
        [],
      );
    });

    it("pricingStrategy PAY is a warning, reported as info through advance-pricing-strategy-pay", () => {
      const finding = {
        ...base,
        severity: "warning",
        rule: ruleOf(check, "advance.enroll"),
        message: 'pricingStrategy "PAY"; the IDVS pages say it is deprecated and always FREE',
        pointer: "/pricingStrategy",
        expected: "FREE",
        actual: "PAY",
      };
      expect(runCheck(check, "advance.enroll", { json: advanceBody({ pricingStrategy: "PAY" }) })).toEqual([finding]);
      expect(runAll("advance.enroll", { json: advanceBody({ pricingStrategy: "PAY" }) }).findings).toEqual([
        { ...finding, severity: "info", deviation: "advance-pricing-strategy-pay" },
      ]);
    });

    it("REGION_WRONG is explained by advance-region-wrong-code (warning)", () => {
      const findings = runAll("advance.enroll", {
        json: advanceBody({ code: "REGION_WRONG", message: "Region is wrong" }),
      }).findings.filter((f) => f.check === "envelope_conformance");
      expect(findings).toEqual([
        {
          ...base,
          severity: "warning",
          deviation: "advance-region-wrong-code",
          rule: ruleOf(check, "advance.enroll"),
          message: 'code "REGION_WRONG" is not documented for advance.enroll',
          pointer: "/code",
          expected: codesOf("advance.enroll"),
          actual: "REGION_WRONG",
        },
      ]);
    });

    it("several faults at once, and a body that is not an object", () => {
      const findings = runCheck(check, "advance.enroll", {
        json: advanceBody({
          code: "ERROR",
          message: "Internal",
          data: [],
          transactionId: "x".repeat(70),
          pricingStrategy: "PAY",
        }),
      });
      expect(findings.map((f) => [f.pointer, f.severity])).toEqual([
        ["/message", "warning"],
        ["/data", "failure"],
        ["/transactionId", "failure"],
        ["/pricingStrategy", "warning"],
      ]);
      expect(runCheck(check, "advance.enroll", { json: ["SUCCESS"] })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.enroll"),
          message: "the response body is not a JSON object",
          expected: "JSON object",
          actual: "object",
        },
      ]);
      expect(runCheck(check, "advance.enroll", { body: "" })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.enroll"),
          message: "the response body is not a JSON object",
          expected: "JSON object",
          actual: "empty body",
        },
      ]);
    });
  });

  describe("ZOLOZ", () => {
    it("accepts documented result triples", () => {
      expect(runCheck(check, "zoloz.connectEnroll", { json: zolozBody({}, { transactionId: "G1" }) })).toEqual([]);
      expect(
        runCheck(check, "zoloz.connectEnroll", { json: zolozFailure("INVALID_ARGUMENT", "userId is too long") }),
      ).toEqual([]);
      expect(runCheck(check, "zoloz.connectUnenroll", { json: zolozFailure("SYSTEM_ERROR", "retry", "U") })).toEqual(
        [],
      );
      expect(
        runCheck(check, "zoloz.authenticationTest", {
          json: { title: "hello", description: "just for demonstration." },
        }),
      ).toEqual([]);
      expect(runCheck(check, "zoloz.authenticationTest", { json: zolozFailure("SIGNATURE_INVALID") })).toEqual([]);
    });

    it("S with INVALID_ARGUMENT", () => {
      expect(
        runCheck(check, "zoloz.connectEnroll", {
          json: zolozBody({ resultStatus: "S", resultCode: "INVALID_ARGUMENT" }, { transactionId: "G1" }),
        }),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message: 'resultStatus "S" with resultCode "INVALID_ARGUMENT": S is documented exactly for SUCCESS',
          pointer: "/result/resultStatus",
          expected: "not S",
          actual: "S",
        },
      ]);
    });

    it("F with SUCCESS", () => {
      expect(
        runCheck(check, "zoloz.connectUnenroll", { json: zolozBody({ resultStatus: "F" }, { transactionId: "G1" }) }),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectUnenroll"),
          message: 'resultStatus "F" with resultCode "SUCCESS": S is documented exactly for SUCCESS',
          pointer: "/result/resultStatus",
          expected: "S",
          actual: "F",
        },
      ]);
    });

    it("resultStatus U for a code documented only as F", () => {
      expect(
        runCheck(check, "zoloz.connectEnroll", { json: zolozFailure("UNABLE_GET_IMAGE", "no face", "U") }),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message: "resultStatus U is not documented for resultCode UNABLE_GET_IMAGE",
          pointer: "/result/resultStatus",
          expected: ["F"],
          actual: "U",
        },
      ]);
    });

    it("SYSTEM_ERROR with U on connectEnroll (documented F there) is info through zoloz-system-error-status", () => {
      const findings = runAll("zoloz.connectEnroll", { json: zolozFailure("SYSTEM_ERROR", "internal", "U") }).findings;
      expect(findings).toEqual([
        {
          ...base,
          severity: "info",
          deviation: "zoloz-system-error-status",
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message: "resultStatus U is not documented for resultCode SYSTEM_ERROR",
          pointer: "/result/resultStatus",
          expected: ["F"],
          actual: "U",
        },
      ]);
    });

    it("a successful enroll without transactionId", () => {
      expect(runCheck(check, "zoloz.connectEnroll", { json: zolozBody() })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message: "a successful connectEnroll carries no transactionId",
          pointer: "/transactionId",
          expected: "present",
          actual: null,
        },
      ]);
    });

    it("a failed enroll with a transactionId; without one it passes", () => {
      expect(
        runCheck(check, "zoloz.connectEnroll", {
          json: { ...zolozFailure("INVALID_ARGUMENT", "bizId too long"), transactionId: "G1" },
        }),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message:
            "a failed connectEnroll (resultStatus F) carries a transactionId; none is returned when an error occurs",
          pointer: "/transactionId",
          expected: "absent",
          actual: "G1",
        },
      ]);
      expect(
        runCheck(check, "zoloz.connectEnroll", { json: zolozFailure("INVALID_ARGUMENT", "bizId too long") }),
      ).toEqual([]);
    });

    it("a missing result", () => {
      expect(runCheck(check, "zoloz.connectEnroll", { json: { transactionId: "G1" } })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message: "result object is missing",
          pointer: "/result",
          expected: "{resultStatus, resultCode, resultMessage}",
          actual: null,
        },
      ]);
    });

    it("an undocumented resultCode; INVALID_SIGNATURE is a warning through zoloz-signature-invalid-code-name", () => {
      const expected = codesOf("zoloz.connectEnroll");
      expect(runCheck(check, "zoloz.connectEnroll", { json: zolozFailure("USER_BLOCKED") })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectEnroll"),
          message: 'resultCode "USER_BLOCKED" is not documented for zoloz.connectEnroll',
          pointer: "/result/resultCode",
          expected,
          actual: "USER_BLOCKED",
        },
      ]);
      const findings = runAll("zoloz.connectEnroll", { json: zolozFailure("INVALID_SIGNATURE") }).findings;
      expect(findings.map((f) => [f.check, f.severity, f.deviation])).toEqual([
        ["response_schema_conformance", "warning", "zoloz-signature-invalid-code-name"],
        ["envelope_conformance", "warning", "zoloz-signature-invalid-code-name"],
      ]);
    });
  });

  describe("uqudo", () => {
    it("accepts a 204 without a body and 2xx JSON objects", () => {
      expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 })).toEqual([]);
      expect(runCheck(check, "uqudo.faceSession", { status: 201, json: { sessionId: "s" } })).toEqual([]);
      expect(runCheck(check, "uqudo.faceMatch", { status: 400, json: {} })).toEqual([]);
    });

    it("204 with a body, JSON or not", () => {
      expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204, json: { deleted: true } })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "uqudo.faceSearchDelete"),
          message: "204 No Content carries a 16-byte body",
          expected: "empty body",
          actual: 16,
        },
      ]);
      expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204, body: "OK", contentType: "text/plain" })).toEqual(
        [
          {
            ...base,
            rule: ruleOf(check, "uqudo.faceSearchDelete"),
            message: "204 No Content carries a 2-byte body",
            expected: "empty body",
            actual: 2,
          },
        ],
      );
    });

    it("200 without a JSON object", () => {
      expect(runCheck(check, "uqudo.faceMatch", { json: [true, 5] })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "uqudo.faceMatch"),
          message: "HTTP 200 carries no JSON object",
          expected: "JSON object",
          actual: "object",
        },
      ]);
      expect(runCheck(check, "uqudo.faceSearch", { body: "" })).toEqual([
        {
          ...base,
          rule: ruleOf(check, "uqudo.faceSearch"),
          message: "HTTP 200 carries no JSON object",
          expected: "JSON object",
          actual: "undefined",
        },
      ]);
    });

    it("does not apply to unparseable bodies other than a uqudo 204 (content_type_conformance reports those)", () => {
      expect(runCheck(check, "uqudo.faceMatch", { body: "{oops", contentType: "application/json" })).toEqual([]);
      expect(runCheck(check, "advance.enroll", { body: "{oops" })).toEqual([]);
    });
  });
});
