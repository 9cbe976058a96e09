import { describe, expect, it } from "vitest";
import { responseSignature as check } from "./response_signature.ts";
import { advanceBody, context, runAll, runCheck, spec, zolozBody } from "./testing/exchange.ts";

const body = zolozBody({}, { transactionId: "G1" });
const signPage = spec.docPages("zoloz").find((p) => p.id === "zoloz-sign-validate")!;
const rule = { text: check.rule, docUrl: signPage.url, specPointer: "specs/zoloz.yaml#/x-signature" };
const base = {
  check: "response_signature",
  severity: "failure",
  expected: "a Signature header that verifies with the platform public key",
} as const;

describe("response_signature", () => {
  it("the rule points at the ZOLOZ signing page", () => {
    expect(signPage.url).toBe("https://docs.zoloz.com/zoloz/saas/apireference/sign_validate");
  });

  it("valid: a response signed with the platform key verifies", () => {
    const ctx = context("zoloz.connectEnroll", { json: body });
    expect(ctx.exchange.signature?.status).toBe("valid");
    expect(check.run(ctx)).toEqual([]);
    expect(runAll("zoloz.connectUnenroll", { json: body }).findings).toEqual([]);
  });

  it("invalid: the body changed after signing", () => {
    const ctx = context("zoloz.connectEnroll", { json: body, signature: "tamper" });
    expect(ctx.exchange.signature?.status).toBe("invalid");
    expect(check.run(ctx)).toEqual([
      {
        ...base,
        rule,
        message: `response signature does not verify: ${ctx.exchange.signature!.detail}`,
        actual: "invalid",
      },
    ]);
    expect(ctx.exchange.signature!.detail).toMatch(/ZOLOZ public key/);
  });

  it("invalid: a Signature without Response-Time", () => {
    const findings = runCheck(check, "zoloz.authenticationTest", {
      json: { title: "hello" },
      headers: { signature: "algorithm=RSA256, signature=abc" },
      signature: "unsigned",
    });
    expect(findings).toEqual([
      {
        ...base,
        rule,
        message: "response signature does not verify: response has a Signature but no Response-Time header",
        actual: "invalid",
      },
    ]);
  });

  it("missing: no Signature header", () => {
    expect(runCheck(check, "zoloz.connectUnenroll", { json: body, signature: "unsigned" })).toEqual([
      { ...base, rule, message: "response signature is missing: response has no Signature header", actual: "missing" },
    ]);
    expect(runCheck(check, "zoloz.connectUnenroll", { json: body, signature: { status: "missing" } })).toEqual([
      { ...base, rule, message: "response signature is missing", actual: "missing" },
    ]);
  });

  it("not-applicable, or no verification recorded, or another vendor: no finding", () => {
    expect(
      runCheck(check, "zoloz.connectEnroll", {
        json: body,
        signature: { status: "not-applicable", detail: "encrypted replay" },
      }),
    ).toEqual([]);
    expect(check.appliesTo(context("zoloz.connectEnroll", { json: body, signature: "none" }))).toBe(false);
    expect(check.appliesTo(context("advance.enroll", { json: advanceBody(), signature: { status: "invalid" } }))).toBe(
      false,
    );
  });
});
