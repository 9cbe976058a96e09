import { describe, expect, it } from "vitest";
import { responseHeadersConformance as check } from "./response_headers_conformance.ts";
import { advanceBody, docUrl, runCheck, zolozBody } from "./testing/exchange.ts";

const okEnroll = zolozBody({}, { transactionId: "G006600016CN20190114000000009572520355" });
const SIGNATURE_PATTERN =
  "^(?=(?:[^,]*, *)*algorithm=RSA256 *(?:,|$))(?=(?:[^,]*, *)*signature=[A-Za-z0-9+/_%=-]+ *(?:,|$))(?:algorithm|signature|keyVersion)=[^,]+(?:, *(?:algorithm|signature|keyVersion)=[^,]+){1,2}$";

describe("response_headers_conformance", () => {
  it("accepts signed ZOLOZ responses and ADVANCE/uqudo responses without documented required headers", () => {
    expect(runCheck(check, "zoloz.connectEnroll", { json: okEnroll })).toEqual([]);
    expect(runCheck(check, "zoloz.authenticationTest", { json: { title: "hello" } })).toEqual([]);
    expect(
      runCheck(check, "advance.enroll", {
        json: advanceBody({ code: "SERVICE_BUSY", message: "busy" }),
        headers: { "retry-after": "10s" },
      }),
    ).toEqual([]);
    expect(runCheck(check, "uqudo.faceSearch", { json: { oneToNVerificationMatch: false } })).toEqual([]);
  });

  it("ZOLOZ: an unsigned response misses Response-Time and Signature", () => {
    expect(runCheck(check, "zoloz.connectEnroll", { json: okEnroll, signature: "unsigned" })).toEqual([
      {
        check: "response_headers_conformance",
        severity: "failure",
        rule: {
          text: check.rule,
          docUrl: docUrl("zoloz.connectEnroll"),
          specPointer: "specs/zoloz.yaml#/components/headers/ResponseTime/required",
        },
        message: 'response-time: /headers is missing required header "response-time"',
        pointer: "/headers/response-time",
        schemaFindings: [
          expect.objectContaining({
            pointer: "/headers/response-time",
            keyword: "required",
            specPointer: "specs/zoloz.yaml#/components/headers/ResponseTime/required",
          }),
        ],
        expected: "response-time",
      },
      {
        check: "response_headers_conformance",
        severity: "failure",
        rule: {
          text: check.rule,
          docUrl: docUrl("zoloz.connectEnroll"),
          specPointer: "specs/zoloz.yaml#/components/headers/ResponseSignature/required",
        },
        message: 'signature: /headers is missing required header "signature"',
        pointer: "/headers/signature",
        schemaFindings: [expect.objectContaining({ pointer: "/headers/signature", keyword: "required" })],
        expected: "signature",
      },
    ]);
  });

  it("ZOLOZ: a malformed Signature header", () => {
    expect(
      runCheck(check, "zoloz.connectUnenroll", {
        json: zolozBody({}, { transactionId: "G1" }),
        headers: { signature: "sig=abc" },
      }),
    ).toEqual([
      {
        check: "response_headers_conformance",
        severity: "failure",
        rule: {
          text: check.rule,
          docUrl: docUrl("zoloz.connectUnenroll"),
          specPointer: "specs/zoloz.yaml#/components/headers/ResponseSignature/schema/pattern",
        },
        message: `signature: /headers/signature must match /${SIGNATURE_PATTERN}/; got "sig=abc"`,
        pointer: "/headers/signature",
        schemaFindings: [expect.objectContaining({ keyword: "pattern", actual: "sig=abc" })],
        expected: SIGNATURE_PATTERN,
        actual: "sig=abc",
      },
    ]);
  });

  it("ZOLOZ: a malformed Encrypt header", () => {
    const [f] = runCheck(check, "zoloz.connectEnroll", { json: okEnroll, headers: { encrypt: "algorithm=AES" } });
    expect(f).toMatchObject({
      check: "response_headers_conformance",
      severity: "failure",
      pointer: "/headers/encrypt",
      actual: "algorithm=AES",
      rule: { docUrl: docUrl("zoloz.connectEnroll") },
    });
  });

  it("does not apply to an undocumented status", () => {
    expect(runCheck(check, "zoloz.connectEnroll", { status: 500, json: okEnroll, signature: "unsigned" })).toEqual([]);
  });
});
