import { describe, expect, it } from "vitest";
import { encryptZolozBody } from "../auth/zoloz.ts";
import { loadSandboxCredentials } from "../auth/sandbox-credentials.ts";
import { contentTypeConformance as check, parseMediaType } from "./content_type_conformance.ts";
import { advanceBody, context, runCheck, ruleOf, zolozBody } from "./testing/exchange.ts";

const base = { check: "content_type_conformance", severity: "failure" } as const;

describe("content_type_conformance", () => {
  it("parses media types", () => {
    expect(parseMediaType('Application/JSON; Charset="UTF-8"')).toEqual({
      essence: "application/json",
      charset: "utf-8",
    });
    expect(parseMediaType("application/json")).toEqual({ essence: "application/json" });
    expect(parseMediaType("json")).toBeUndefined();
  });

  it("accepts the documented media types", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody() })).toEqual([]);
    expect(
      runCheck(check, "advance.enroll", { json: advanceBody(), contentType: "application/json;charset=utf-8" }),
    ).toEqual([]);
    expect(runCheck(check, "zoloz.connectEnroll", { json: zolozBody({}, { transactionId: "G1" }) })).toEqual([]);
    expect(runCheck(check, "uqudo.faceMatch", { status: 400, json: {} })).toEqual([]);
    expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 })).toEqual([]);
    // An empty body needs no Content-Type.
    expect(runCheck(check, "uqudo.faceMatch", { status: 500, contentType: null })).toEqual([]);
  });

  it("ADVANCE: text/html instead of JSON", () => {
    expect(
      runCheck(check, "advance.getEnroll", { body: "<html>oops</html>", contentType: "text/html; charset=utf-8" }),
    ).toEqual([
      {
        ...base,
        rule: ruleOf(check, "advance.getEnroll"),
        message: "Content-Type text/html is not documented for HTTP 200 (documented: application/json)",
        expected: ["application/json"],
        actual: "text/html; charset=utf-8",
      },
    ]);
  });

  it("ADVANCE: missing Content-Type with a body", () => {
    expect(runCheck(check, "advance.enroll", { json: advanceBody(), contentType: null })).toEqual([
      {
        ...base,
        rule: ruleOf(check, "advance.enroll"),
        message: "Content-Type header is missing",
        expected: ["application/json"],
        actual: null,
      },
    ]);
  });

  it("ADVANCE: JSON in another charset is a warning", () => {
    expect(
      runCheck(check, "advance.enroll", { json: advanceBody(), contentType: "application/json; charset=iso-8859-1" }),
    ).toEqual([
      {
        ...base,
        severity: "warning",
        rule: ruleOf(check, "advance.enroll"),
        message: "JSON declared in charset iso-8859-1; JSON is UTF-8 (RFC 8259)",
        expected: "utf-8",
        actual: "iso-8859-1",
      },
    ]);
  });

  it("ZOLOZ: the documented charset=UTF-8 is required", () => {
    expect(
      runCheck(check, "zoloz.connectEnroll", {
        json: zolozBody({}, { transactionId: "G1" }),
        contentType: "application/json",
      }),
    ).toEqual([
      {
        ...base,
        rule: ruleOf(check, "zoloz.connectEnroll"),
        message: "charset (none) differs from the documented utf-8",
        expected: "utf-8",
        actual: null,
      },
    ]);
  });

  it("ZOLOZ: an unparseable Content-Type", () => {
    expect(
      runCheck(check, "zoloz.authenticationTest", { json: { title: "hello" }, contentType: "json please" }),
    ).toEqual([
      {
        ...base,
        rule: ruleOf(check, "zoloz.authenticationTest"),
        message: 'Content-Type "json please" does not parse as a media type',
        expected: ["application/json; charset=UTF-8"],
        actual: "json please",
      },
    ]);
  });

  it("ZOLOZ: an encrypted response is text/plain; charset=UTF-8 (x-encryption), not a finding", () => {
    const { keys } = loadSandboxCredentials();
    const encrypted = encryptZolozBody(JSON.stringify(zolozBody({}, { transactionId: "G1" })), keys.merchantPublic);
    const headers = { encrypt: encrypted.encryptHeader };
    expect(
      runCheck(check, "zoloz.connectEnroll", {
        body: encrypted.body,
        contentType: "text/plain; charset=UTF-8",
        headers,
      }),
    ).toEqual([]);
    expect(
      runCheck(check, "zoloz.connectEnroll", {
        body: encrypted.body,
        contentType: "application/json; charset=UTF-8",
        headers,
      }),
    ).toEqual([
      {
        ...base,
        rule: ruleOf(check, "zoloz.connectEnroll"),
        message: "Content-Type application/json is not documented for HTTP 200 (documented: text/plain; charset=UTF-8)",
        expected: ["text/plain; charset=UTF-8"],
        actual: "application/json; charset=UTF-8",
      },
    ]);
  });

  it("uqudo: declared JSON that does not parse", () => {
    const [f] = runCheck(check, "uqudo.faceSearch", {
      body: '{"oneToNVerificationMatch": tru',
      contentType: "application/json",
    });
    expect(f).toMatchObject({ ...base, rule: ruleOf(check, "uqudo.faceSearch"), expected: "JSON" });
    expect(f!.message).toMatch(/^body is declared JSON but does not parse: /);
    expect(f!.actual).toEqual(expect.any(String));
  });

  it("does not apply to undocumented statuses (status_code_conformance reports them)", () => {
    expect(check.appliesTo(context("uqudo.faceMatch", { status: 404 }))).toBe(false);
    expect(runCheck(check, "uqudo.faceMatch", { status: 404, body: "<html/>", contentType: "text/html" })).toEqual([]);
  });
});
