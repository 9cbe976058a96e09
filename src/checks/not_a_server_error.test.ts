import { describe, expect, it } from "vitest";
import type { CallEvidence } from "../types.ts";
import { notAServerError as check } from "./not_a_server_error.ts";
import { advanceBody, context, ruleOf } from "./testing/exchange.ts";

const html500 = { status: 500, contentType: "text/html; charset=utf-8", fault: "HTTP 500 with an HTML page" };
const healthy = { operationId: "advance.getEnroll", status: 200, contentType: "application/json" };
const judge = (call: CallEvidence) => {
  const ctx = {
    ...context("advance.getEnroll", {
      status: 500,
      body: "<html><body>500</body></html>",
      contentType: "text/html; charset=utf-8",
    }),
    call,
  };
  return check.appliesTo(ctx) ? check.run(ctx) : undefined;
};

describe("not_a_server_error", () => {
  it("fails a server error that recurred on every retry while the operation's valid default request was answered normally", () => {
    expect(judge({ attempts: [html500, html500, html500], control: healthy })).toEqual([
      {
        check: "not_a_server_error",
        severity: "failure",
        wfc: 100,
        rule: ruleOf(check, "advance.getEnroll"),
        message:
          "HTTP 500 (text/html) on all 3 attempts for this input, while advance.getEnroll answered its valid default request with HTTP 200 (application/json) right after",
        expected: "a documented answer (status below 500, in the vendor's JSON envelope)",
        actual: {
          attempts: ["HTTP 500 (text/html)", "HTTP 500 (text/html)", "HTTP 500 (text/html)"],
          control: "advance.getEnroll: HTTP 200 (application/json)",
        },
      },
    ]);
  });

  it("passes a server error that went away on retry (the answer the call recovered to is judged by the other checks)", () => {
    const ctx = {
      ...context("advance.getEnroll", { json: advanceBody({ code: "PARAMETER_ERROR", message: "UserId is invalid" }) }),
      call: { attempts: [html500, { status: 200, contentType: "application/json" }] },
    };
    expect(check.appliesTo(ctx)).toBe(true);
    expect(check.run(ctx)).toEqual([]);
  });

  it("passes (leaves to the outage rule) an error the control request got too, or one without a control", () => {
    expect(
      judge({
        attempts: [html500, html500, html500],
        control: { ...healthy, status: 503, fault: "HTTP 503 from the target" },
      }),
    ).toEqual([]);
    expect(judge({ attempts: [html500, html500, html500] })).toEqual([]);
  });

  it("passes answers that differ between attempts (a 502 then a 500 is not the same error reproduced)", () => {
    expect(judge({ attempts: [{ ...html500, status: 502 }, html500], control: healthy })).toEqual([]);
  });

  it("does not apply to a call made once (an enroll is never repeated, so nothing reproduced)", () => {
    expect(judge({ attempts: [html500] })).toBeUndefined();
    expect(check.appliesTo(context("advance.getEnroll", { json: advanceBody() }))).toBe(false);
  });
});
