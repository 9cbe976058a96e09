import { describe, expect, it } from "vitest";
import { responseSchemaConformance as check } from "./response_schema_conformance.ts";
import { advanceBody, docUrl, runAll, runCheck, spec } from "./testing/exchange.ts";

const ENROLL_CODES = [
  "SUCCESS",
  "PARAMETER_ERROR",
  "IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE",
  "ERROR",
  "EMPTY_PARAMETER_ERROR",
  "INSUFFICIENT_BALANCE",
  "SERVICE_BUSY",
  "IAM_FAILED",
  "OVER_QUERY_LIMIT",
  "CLIENT_ERROR",
  "RETRY_LATER",
];
const ENROLL_POINTER =
  "specs/advance.yaml#/paths/~1intl~1openapi~1identity-risk~1idvs-h5~1ekyc~1v1~1face-authentication~1enroll/post";

function example(operationId: string, name: string) {
  const found = spec.examples().find((e) => e.operationId === operationId && e.name === name);
  if (!found) throw new Error(`no example ${operationId}/${name}`);
  return found;
}

describe("response_schema_conformance", () => {
  it("accepts correct bodies for all three vendors", () => {
    expect(
      runCheck(check, "advance.getEnroll", {
        json: advanceBody({ data: { userId: "u1", imageUrlList: ["https://abc.com/1.jpg"] } }),
      }),
    ).toEqual([]);
    expect(
      runCheck(check, "advance.generateToken", {
        json: advanceBody({ data: { token: "eyJ", expiredTime: 1642580192430 } }),
      }),
    ).toEqual([]);
    expect(
      runCheck(check, "zoloz.connectEnroll", {
        json: { transactionId: "G1", result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "Success" } },
      }),
    ).toEqual([]);
    expect(runCheck(check, "uqudo.faceMatch", { json: { match: false, matchLevel: 1 } })).toEqual([]);
    expect(
      runCheck(check, "uqudo.oauthToken", {
        json: { access_token: "a", token_type: "bearer", expires_in: 1800, scope: "s", jti: "j" },
      }),
    ).toEqual([]);
  });

  it("every documented example without a deviation passes", () => {
    for (const e of spec.examples().filter((x) => x.deviation === undefined)) {
      expect(runCheck(check, e.operationId, { status: e.status, json: e.value }), `${e.operationId}/${e.name}`).toEqual(
        [],
      );
    }
  });

  it("ADVANCE: transactionId of 65 characters", () => {
    const long = "a".repeat(65);
    expect(runCheck(check, "advance.enroll", { json: advanceBody({ transactionId: long }) })).toEqual([
      {
        check: "response_schema_conformance",
        severity: "failure",
        wfc: 101,
        rule: {
          text: check.rule,
          docUrl: docUrl("advance.enroll"),
          specPointer: "specs/advance.yaml#/components/schemas/Envelope/properties/transactionId/maxLength",
        },
        message: "/transactionId: /transactionId must NOT have more than 64 characters; got 65 characters",
        pointer: "/transactionId",
        schemaFindings: [
          expect.objectContaining({ pointer: "/transactionId", keyword: "maxLength", expected: 64, actual: long }),
        ],
        expected: 64,
        actual: long,
      },
    ]);
  });

  it("ADVANCE: get-enroll with six image URLs (at most five documented)", () => {
    const urls = [1, 2, 3, 4, 5, 6].map((i) => `https://abc.com/${i}.jpg`);
    expect(
      runCheck(check, "advance.getEnroll", { json: advanceBody({ data: { userId: "u", imageUrlList: urls } }) }),
    ).toEqual([
      expect.objectContaining({
        message: "/data/imageUrlList: /data/imageUrlList must NOT have more than 5 items; got 6 items",
        pointer: "/data/imageUrlList",
        expected: 5,
        actual: urls,
        severity: "failure",
        wfc: 101,
      }),
    ]);
  });

  it("ZOLOZ: a successful enroll without transactionId", () => {
    const findings = runCheck(check, "zoloz.connectEnroll", {
      json: { result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "Success" } },
    });
    expect(findings.map((f) => [f.pointer, f.message])).toEqual([
      ["/result/resultStatus", '/result/resultStatus: /result/resultStatus must be one of "F", "U"; got "S"'],
      ["/transactionId", '/transactionId: (root) is missing required property "transactionId"'],
      ["", "/: (root) must match a schema in anyOf"],
    ]);
    expect(
      findings.every(
        (f) => f.rule.docUrl === docUrl("zoloz.connectEnroll") && f.severity === "failure" && f.wfc === 101,
      ),
    ).toBe(true);
  });

  it("uqudo: matchLevel 6", () => {
    expect(runCheck(check, "uqudo.faceMatch", { json: { match: true, matchLevel: 6 } })).toEqual([
      expect.objectContaining({
        pointer: "/matchLevel",
        message: "/matchLevel: /matchLevel must be <= 5; got 6",
        expected: 5,
        actual: 6,
        rule: expect.objectContaining({ docUrl: docUrl("uqudo.faceMatch") }),
      }),
    ]);
  });

  describe("documented examples that contradict the docs, through runChecks", () => {
    it("the REGION_WRONG enroll example fails the code enum, and advance-region-wrong-code reports the envelope finding at its reportedAs", () => {
      const e = example("advance.enroll", "regionWrong");
      expect(e.deviation).toBe("advance-region-wrong-code");
      const deviation = spec.deviations("advance").find((d) => d.id === e.deviation)!;
      expect(deviation.reportedAs).toBe("warning");

      const direct = runCheck(check, "advance.enroll", { json: e.value });
      expect(direct).toEqual([
        expect.objectContaining({
          check: "response_schema_conformance",
          severity: "failure",
          pointer: "/code",
          expected: ENROLL_CODES,
          actual: "REGION_WRONG",
          message: `/code: /code must be one of ${ENROLL_CODES.map((c) => JSON.stringify(c)).join(", ")}; got "REGION_WRONG"`,
          rule: {
            text: check.rule,
            docUrl: docUrl("advance.enroll"),
            specPointer: `${ENROLL_POINTER}/responses/200/content/application~1json/schema/allOf/1/properties/code/enum`,
          },
        }),
      ]);

      const { findings } = runAll("advance.enroll", { json: e.value });
      const envelope = findings.find((f) => f.check === "envelope_conformance");
      expect(envelope).toMatchObject({
        pointer: "/code",
        actual: "REGION_WRONG",
        severity: deviation.reportedAs,
        deviation: "advance-region-wrong-code",
      });
      // The deviation's `explains.check` names envelope_conformance only, so the schema finding keeps its own
      // severity unless the spec widens it to "*" (as the ZOLOZ deviations that both checks flag do).
      const schema = findings.find((f) => f.check === "response_schema_conformance");
      const coversSchema =
        deviation.explains?.check === "*" || deviation.explains?.check === "response_schema_conformance";
      expect(schema).toMatchObject(
        coversSchema ? { severity: deviation.reportedAs, deviation: deviation.id } : { severity: "failure" },
      );
    });

    it("the getLatestSessionResult examples without pricingStrategy are warnings (advance-pricing-strategy-missing)", () => {
      for (const name of ["success", "error"]) {
        const { findings } = runAll("advance.getLatestSessionResult", {
          json: example("advance.getLatestSessionResult", name).value,
        });
        expect(findings, name).toEqual([
          expect.objectContaining({
            check: "response_schema_conformance",
            pointer: "/pricingStrategy",
            severity: "warning",
            deviation: "advance-pricing-strategy-missing",
            message: '/pricingStrategy: (root) is missing required property "pricingStrategy"',
          }),
        ]);
      }
    });

    it("every documented example that names a deviation fails some check", () => {
      for (const e of spec.examples().filter((x) => x.deviation !== undefined)) {
        expect(
          runAll(e.operationId, { status: e.status, json: e.value }).findings.length,
          `${e.operationId}/${e.name}`,
        ).toBeGreaterThan(0);
      }
    });
  });

  describe("deviation matching (runChecks)", () => {
    it("explains findings at or below the pointer, never at an ancestor or the root", () => {
      // zoloz-unenroll-codes-not-captured explains "*" at /result/resultCode.
      const code = runAll("zoloz.connectUnenroll", {
        json: {
          transactionId: "T",
          result: { resultStatus: "F", resultCode: "USER_NOT_FOUND", resultMessage: "no user" },
        },
      }).findings;
      expect(code.map((f) => [f.check, f.severity, f.deviation])).toEqual([
        ["response_schema_conformance", "warning", "zoloz-unenroll-codes-not-captured"],
        ["envelope_conformance", "warning", "zoloz-unenroll-codes-not-captured"],
      ]);
      const missing = runAll("zoloz.connectUnenroll", { json: { transactionId: "T" } }).findings;
      expect(missing.map((f) => [f.check, f.severity, f.pointer, f.deviation])).toEqual([
        ["response_schema_conformance", "failure", "/result", undefined],
        ["envelope_conformance", "failure", "/result", undefined],
      ]);
      const array = runAll("advance.getLatestSessionResult", { json: [1] }).findings;
      expect(array.length).toBeGreaterThan(0);
      expect(array.every((f) => f.severity === "failure" && f.deviation === undefined)).toBe(true);
    });

    it("a value at the pointer must match: token_type Bearer is info, token_type BEARER stays a failure", () => {
      const token = { access_token: "a", expires_in: 1800, scope: "s", jti: "j" };
      expect(runAll("uqudo.oauthToken", { json: { ...token, token_type: "Bearer" } }).findings).toEqual([
        expect.objectContaining({
          check: "response_schema_conformance",
          pointer: "/token_type",
          severity: "info",
          deviation: "uqudo-token-type-case",
        }),
      ]);
      expect(runAll("uqudo.oauthToken", { json: { ...token, token_type: "BEARER" } }).findings).toEqual([
        expect.objectContaining({
          check: "response_schema_conformance",
          pointer: "/token_type",
          severity: "failure",
          actual: "BEARER",
        }),
      ]);
    });

    it("uqudo: a no-match without matchLevel and an insert without id are warnings", () => {
      expect(runAll("uqudo.faceMatch", { json: { match: false } }).findings).toEqual([
        expect.objectContaining({
          pointer: "/matchLevel",
          severity: "warning",
          deviation: "uqudo-match-level-when-no-match",
          wfc: 101,
        }),
      ]);
      expect(runAll("uqudo.faceSearchInsert", { json: {} }).findings).toEqual([
        expect.objectContaining({
          pointer: "/oneToNVerificationId",
          severity: "warning",
          deviation: "uqudo-search-insert-response-fields",
        }),
      ]);
    });
  });
});
