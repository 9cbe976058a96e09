// Faults in the target: for each, what the kit does. Every case ends inconclusive (infrastructure) with the fault
// kind and a reason, or passes after a safe retry; never a conformance failure; and the run goes on. The exception
// is the rule of the last block: a server error that recurs for one input while the operation answers other input
// normally is the vendor's behaviour (not_a_server_error), and a host that fails every call is given up on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CaseResult } from "../../src/results/model.ts";
import { CircuitBreaker } from "../../src/reliability/breaker.ts";
import type { Sandbox } from "../../src/sandbox/index.ts";
import { accept, reject } from "../../src/suite/dsl.ts";
import { runCase, type RunContext } from "../../src/suite/run.ts";
import type { CaseDefinition } from "../../src/suite/types.ts";
import { closedPort, contextFor, infoOf, sandboxAt, SLEEPS, testPolicy, withSandbox } from "./support.ts";

// One call's behaviour is pinned here, so no breaker: the breaker tests below bring their own.
const WIRE = { timeoutMs: 200, limiter: null, retry: testPolicy(), breaker: null } as const;
const unknownUser: CaseDefinition = { name: "unknown-user", kind: "negative", expect: reject("unknown-id") };
const enrollFace: CaseDefinition = { name: "jpeg-face", kind: "positive", expect: accept() };
const probe: CaseDefinition = { name: "signed-probe", kind: "positive", expect: accept() };
const uqudoUnknown: CaseDefinition = { name: "unknown-id", kind: "negative", expect: reject("unknown-id") };
const uqudoToken: CaseDefinition = { name: "client-credentials", kind: "positive", expect: accept() };

let sandbox: Sandbox;
let ctx: RunContext;
beforeAll(async () => {
  sandbox = await withSandbox();
  ctx = contextFor(infoOf(sandbox), WIRE);
});
afterAll(async () => {
  await ctx.transport.close();
  await sandbox.close();
});
beforeEach(() => {
  sandbox.setFaults(null);
  sandbox.clearRequests();
  SLEEPS.length = 0;
});

const hits = (path: string) => sandbox.requests.filter((r) => r.path.includes(path)).length;

function inconclusive(result: CaseResult, fault: string, reason: RegExp): void {
  expect(
    result.status,
    JSON.stringify({ reason: result.reason, findings: result.findings.map((f) => f.message) }),
  ).toBe("inconclusive");
  expect(result.fault).toBe(fault);
  expect(result.reason).toMatch(reason);
  expect(result.findings.filter((f) => f.severity === "failure")).toEqual([]);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe("faults in the target", () => {
  it("connection refused: nothing reached the target, so any call is retried (3 attempts, backoff), then inconclusive", async () => {
    const refused = contextFor(sandboxAt(`http://127.0.0.1:${await closedPort()}`), WIRE);
    const { value, ms } = await timed(() => runCase(refused, "zoloz.authenticationTest", probe));
    inconclusive(value, "connection-refused", /connection refused by 127\.0\.0\.1:\d+ \(gave up after 3 attempts\)/);
    expect(SLEEPS).toEqual([10, 20]);
    // even an enroll: a refused connection provably created nothing
    inconclusive(
      await runCase(refused, "zoloz.connectEnroll", enrollFace),
      "connection-refused",
      /gave up after 3 attempts/,
    );
    // the token call retries on its own, and is not retried again around the business call
    SLEEPS.length = 0;
    inconclusive(
      await runCase(refused, "advance.getEnroll", unknownUser),
      "connection-refused",
      /ADVANCE token call: connection refused .*\(3 attempts\)/,
    );
    expect(SLEEPS).toEqual([10, 20]);
    expect(ms).toBeLessThan(2_000);
    await refused.transport.close();
  });

  it("reset before the answer: a read is retried and passes; the reset is not held against the vendor", async () => {
    sandbox.setFaults([{ kind: "reset", path: "get-enroll", times: 1 }]);
    const result = await runCase(ctx, "advance.getEnroll", unknownUser);
    expect(result.status).toBe("passed");
    expect(hits("get-enroll")).toBe(2);
  });

  it("reset mid-body on an enroll: never repeated; inconclusive; the user the enroll did create is deleted by the sweep", async () => {
    sandbox.setFaults([{ kind: "reset-mid-body", path: "face-authentication/enroll", times: 1 }]);
    // An enroll decodes its image before the reset: under load that can outlast the 200 ms a read is given.
    const roomy = contextFor(infoOf(sandbox), { ...WIRE, timeoutMs: 5_000 });
    const result = await runCase(roomy, "advance.enroll", enrollFace);
    inconclusive(
      result,
      "connection-reset",
      /connection reset.*not retried: the call may have changed the target's state/,
    );
    expect(hits("face-authentication/enroll")).toBe(1);
    // The enroll took effect before the connection broke; the sweep deleted that user (SUCCESS, not "UserId is invalid").
    expect(hits("delete-enroll")).toBe(1);
    const deleted = result.exchanges.find((e) => String(e.request.url).includes("delete-enroll"));
    expect(JSON.parse(deleted?.response?.body ?? "{}").code).toBe("SUCCESS");
    expect(roomy.journal.entries("advance.enroll/jpeg-face")).toEqual([]);
    await roomy.transport.close();
  });

  it("a response that never arrives: the per-request timeout (200 ms) ends each attempt; a read gets 3, then inconclusive", async () => {
    sandbox.setFaults([{ kind: "hang", path: "get-enroll" }]);
    const { value, ms } = await timed(() => runCase(ctx, "advance.getEnroll", unknownUser));
    inconclusive(value, "timeout", /within the timeout.*gave up after 3 attempts/);
    expect(hits("get-enroll")).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(600);
    expect(ms).toBeLessThan(2_500);
  });

  it("a slow trickle body: the timeout covers the body too, so a byte every 50 ms cannot hold the run", async () => {
    sandbox.setFaults([{ kind: "trickle", path: "get-enroll", delayMs: 50 }]);
    const { value, ms } = await timed(() =>
      runCase(
        contextFor(infoOf(sandbox), { ...WIRE, retry: testPolicy({ maxAttempts: 1 }) }),
        "advance.getEnroll",
        unknownUser,
      ),
    );
    inconclusive(value, "timeout", /within the timeout/);
    expect(ms).toBeLessThan(1_500);
  });

  for (const status of [500, 502, 503]) {
    it(`HTTP ${status} with an HTML body: vendor outage; a read is retried and passes once the outage is over`, async () => {
      sandbox.setFaults([{ kind: "status", status, body: "html", path: "get-enroll", times: 1 }]);
      expect((await runCase(ctx, "advance.getEnroll", unknownUser)).status).toBe("passed");
      expect(hits("get-enroll")).toBe(2);
      sandbox.setFaults([{ kind: "status", status, body: "html", path: "get-enroll" }]);
      inconclusive(
        await runCase(ctx, "advance.getEnroll", unknownUser),
        "vendor-outage",
        new RegExp(`HTTP ${status} .*gave up after 3 attempts`),
      );
    });
  }

  it("HTTP 503 with an HTML body on an enroll: one attempt, inconclusive (vendor-outage)", async () => {
    sandbox.setFaults([{ kind: "status", status: 503, body: "html", path: "face-authentication/enroll" }]);
    inconclusive(await runCase(ctx, "advance.enroll", enrollFace), "vendor-outage", /HTTP 503.*not retried/);
    expect(hits("face-authentication/enroll")).toBe(1);
  });

  it("429 with Retry-After on the uqudo token call: waits as asked (clamped to 300 ms), then passes", async () => {
    sandbox.setFaults([{ kind: "rate-limit", route: "uqudoAuth", retryAfter: "1", times: 1 }]);
    const result = await runCase(ctx, "uqudo.oauthToken", uqudoToken);
    expect(result.status).toBe("passed");
    expect(SLEEPS).toEqual([300]);
  });

  it("ADVANCE SERVICE_BUSY with Retry-After 10s: clamped to 300 ms, retried (read); persistent → inconclusive rate-limited", async () => {
    sandbox.setFaults([{ kind: "rate-limit", path: "get-enroll", times: 1 }]);
    expect((await runCase(ctx, "advance.getEnroll", unknownUser)).status).toBe("passed");
    expect(SLEEPS).toEqual([300]);
    sandbox.setFaults([{ kind: "rate-limit", path: "get-enroll", retryAfter: "0" }]);
    inconclusive(
      await runCase(ctx, "advance.getEnroll", unknownUser),
      "rate-limited",
      /SERVICE_BUSY \(Retry-After 0\).*gave up after 3 attempts/,
    );
  });

  it("ZOLOZ REQUEST_TRAFFIC_EXCEED_LIMIT: the probe is retried; an enroll is not", async () => {
    sandbox.setFaults([{ kind: "rate-limit", route: "zoloz", retryAfter: "0" }]);
    inconclusive(
      await runCase(ctx, "zoloz.authenticationTest", probe),
      "rate-limited",
      /REQUEST_TRAFFIC_EXCEED_LIMIT.*gave up after 3 attempts/,
    );
    expect(hits("authentication/test")).toBe(3);
    inconclusive(
      await runCase(ctx, "zoloz.connectEnroll", enrollFace),
      "rate-limited",
      /REQUEST_TRAFFIC_EXCEED_LIMIT.*not retried/,
    );
    expect(hits("connect/enroll")).toBe(1);
  });

  it("truncated JSON (complete framing, body cut in half): inconclusive truncated-body, not a schema failure, not retried", async () => {
    sandbox.setFaults([{ kind: "truncate", path: "get-enroll" }]);
    inconclusive(
      await runCase(ctx, "advance.getEnroll", unknownUser),
      "truncated-body",
      /ends in the middle of a JSON value/,
    );
    expect(hits("get-enroll")).toBe(1);
  });

  it("a 20 MB body: cut off at the 16 MB cap, inconclusive body-too-large, not retried", async () => {
    sandbox.setFaults([{ kind: "huge-body", path: "get-enroll", bytes: 20 * 1024 * 1024 }]);
    const roomy = contextFor(infoOf(sandbox), { ...WIRE, timeoutMs: 5_000 });
    inconclusive(await runCase(roomy, "advance.getEnroll", unknownUser), "body-too-large", /exceeded 16777216 bytes/);
    expect(hits("get-enroll")).toBe(1);
  });

  it("a wrong charset: the body is read in the charset it declares; the answer is judged (the content-type check reports the charset)", async () => {
    sandbox.setFaults([{ kind: "charset", route: "uqudo", charset: "UTF-16", encoding: "utf16le" }]);
    const utf16 = await runCase(ctx, "uqudo.faceSearchDelete", uqudoUnknown);
    expect(utf16.status).not.toBe("inconclusive");
    expect(utf16.findings.map((f) => f.check)).toContain("content_type_conformance");
    const exchange = await ctx.transport.send(
      { operationId: "uqudo.faceSearchDelete", pathParams: { oneToNVerificationId: "ekcrel001-nx-none" } },
      { caseId: "charset" },
    );
    expect(exchange.response.headers["content-type"]).toMatch(/charset=UTF-16/);
    expect(exchange.response.json).toMatchObject({ message: expect.stringMatching(/not found/i) });
    sandbox.setFaults([
      { kind: "charset", route: "advance", path: "get-enroll", charset: "ISO-8859-1", encoding: "latin1" },
    ]);
    const latin1 = await runCase(ctx, "advance.getEnroll", unknownUser);
    expect(latin1.status).not.toBe("inconclusive");
    expect(latin1.findings.map((f) => f.check)).toContain("content_type_conformance");
  });

  it("a redirect loop: recognised at the first URL seen twice, inconclusive redirect-loop, not retried", async () => {
    sandbox.setFaults([{ kind: "redirect-loop", path: "get-enroll" }]);
    const { value, ms } = await timed(() => runCase(ctx, "advance.getEnroll", unknownUser));
    inconclusive(value, "redirect-loop", /redirect loop: POST .* led back to/);
    expect(hits("get-enroll")).toBe(1);
    expect(ms).toBeLessThan(2_000);
  });

  it("ADVANCE IAM_FAILED on a token the kit believed valid: one refresh, one retry, passes", async () => {
    await runCase(ctx, "advance.getEnroll", unknownUser); // a token is cached now
    sandbox.clearRequests();
    sandbox.setFaults([{ kind: "expire-token", route: "advance", times: 1 }]);
    expect((await runCase(ctx, "advance.getEnroll", unknownUser)).status).toBe("passed");
    expect(hits("generate-token")).toBe(1);
    expect(hits("get-enroll")).toBe(2);
  });

  it("ADVANCE refusing the fresh token too: exactly one refresh, then inconclusive auth-unavailable (no loop)", async () => {
    sandbox.setFaults([{ kind: "expire-token", route: "advance" }]);
    inconclusive(
      await runCase(ctx, "advance.getEnroll", unknownUser),
      "auth-unavailable",
      /refused a freshly issued token after one refresh/,
    );
    expect(hits("generate-token")).toBe(1);
    expect(hits("get-enroll")).toBe(2);
  });

  it("uqudo 401 on a token the kit believed valid: one refresh, one retry, passes", async () => {
    await runCase(ctx, "uqudo.faceSearchDelete", uqudoUnknown);
    sandbox.clearRequests();
    sandbox.setFaults([{ kind: "expire-token", route: "uqudo", times: 1 }]);
    expect((await runCase(ctx, "uqudo.faceSearchDelete", uqudoUnknown)).status).toBe("passed");
    expect(hits("/api/oauth/token")).toBe(1);
    expect(hits("one-to-n/search/")).toBe(2);
  });

  it("the token endpoint down (HTML 503): the token call is retried, then the case is inconclusive, not an error", async () => {
    const fresh = contextFor(infoOf(sandbox), WIRE);
    sandbox.setFaults([{ kind: "status", status: 503, body: "html", path: "generate-token" }]);
    inconclusive(
      await runCase(fresh, "advance.getEnroll", unknownUser),
      "vendor-outage",
      /ADVANCE token endpoint answered HTTP 503 \(3 attempts\)/,
    );
    expect(hits("generate-token")).toBe(3);
    expect(hits("get-enroll")).toBe(0);
    await fresh.transport.close();
  });

  it("the run goes on: after every fault above, the next case against the healthy target passes", async () => {
    for (const [op, def] of [
      ["advance.getEnroll", unknownUser],
      ["zoloz.authenticationTest", probe],
      ["uqudo.faceSearchDelete", uqudoUnknown],
    ] as const) {
      expect((await runCase(ctx, op, def)).status, op).toBe("passed");
    }
  });
});

describe("an outage is not a regression, and a regression is not an outage", () => {
  const journalOf = (c: RunContext, caseId: string) => c.journal.entries(caseId);
  const numericUser: CaseDefinition = {
    name: "numeric-user-id",
    kind: "negative",
    input: { set: { userId: 12345 } },
    expect: reject("wrong-type:userId"),
  };

  it("a host that refuses every call: after 5 consecutive failures (two calls) nothing more is sent; later cases end at once with the cause; nothing is journaled", async () => {
    const port = await closedPort();
    const breaker = new CircuitBreaker({ threshold: 5 });
    const refused = contextFor(sandboxAt(`http://127.0.0.1:${port}`), { ...WIRE, breaker });
    const first = await runCase(refused, "zoloz.connectEnroll", enrollFace);
    inconclusive(first, "connection-refused", /connection refused by 127\.0\.0\.1:\d+ \(gave up after 3 attempts\)/);
    // The enroll was refused at connect time: the user it named was never created, so the journal holds nothing.
    expect(journalOf(refused, "zoloz.connectEnroll/jpeg-face")).toEqual([]);
    const second = await runCase(refused, "zoloz.authenticationTest", probe);
    inconclusive(
      second,
      "connection-refused",
      /not sent: 127\.0\.0\.1:\d+ is down \(connection refused; 5 consecutive failures\)/,
    );
    expect(breaker.openHost(`127.0.0.1:${port}`)).toMatchObject({
      kind: "connection-refused",
      cause: "connection refused",
      failures: 5,
    });
    SLEEPS.length = 0;
    const { value, ms } = await timed(() => runCase(refused, "advance.enroll", enrollFace));
    // Not even the request is built (no face rendered, no token asked for).
    inconclusive(
      value,
      "connection-refused",
      /^not sent: 127\.0\.0\.1:\d+ is down \(connection refused; 5 consecutive failures\), so the run stopped calling it$/,
    );
    expect(SLEEPS).toEqual([]);
    expect(ms).toBeLessThan(200);
    expect(journalOf(refused, "advance.enroll/jpeg-face")).toEqual([]);
    await refused.transport.close();
  });

  it("a host that answers HTML 500 to everything: an outage (the control request fails too), and the breaker opens", async () => {
    const breaker = new CircuitBreaker({ threshold: 5 });
    const down = contextFor(infoOf(sandbox), { ...WIRE, breaker });
    sandbox.setFaults([{ kind: "status", status: 500, body: "html", route: "advance" }]);
    inconclusive(
      await runCase(down, "advance.getEnroll", unknownUser),
      "vendor-outage",
      /ADVANCE token endpoint answered HTTP 500 \(3 attempts\)/,
    );
    inconclusive(
      await runCase(down, "advance.getEnroll", numericUser),
      "vendor-outage",
      /not sent: 127\.0\.0\.1:\d+ is down \(HTTP 500 with an HTML page; 5 consecutive failures\)/,
    );
    expect(hits("generate-token")).toBe(5);
    expect(hits("get-enroll")).toBe(0);
    await down.transport.close();
  });

  it("one input reproducibly answered with HTML 500 while the operation answers its valid default request: a not_a_server_error failure with the retry evidence", async () => {
    await runCase(ctx, "advance.getEnroll", unknownUser); // a token is cached now
    sandbox.clearRequests();
    const breaker = new CircuitBreaker({ threshold: 5 });
    const watched = contextFor(infoOf(sandbox), { ...WIRE, breaker });
    sandbox.setFaults([
      { kind: "status", status: 500, body: "html", path: "get-enroll", bodyIncludes: '"userId":12345' },
    ]);
    const result = await runCase(watched, "advance.getEnroll", numericUser);
    expect(result.status).toBe("failed");
    expect(result.fault).toBeUndefined();
    const finding = result.findings.find((f) => f.check === "not_a_server_error");
    expect(finding).toMatchObject({
      severity: "failure",
      message:
        "HTTP 500 (text/html) on all 3 attempts for this input, while advance.getEnroll answered its valid default request with HTTP 200 (application/json) right after",
      actual: {
        attempts: ["HTTP 500 (text/html)", "HTTP 500 (text/html)", "HTTP 500 (text/html)"],
        control: "advance.getEnroll: HTTP 200 (application/json)",
      },
    });
    // 3 attempts of the input, 1 control; the control's exchange is in the case's evidence.
    expect(hits("get-enroll")).toBe(4);
    expect(result.exchanges).toHaveLength(2);
    // Other inputs still pass, and the breaker never opened: the vendor was answering.
    expect((await runCase(watched, "advance.getEnroll", unknownUser)).status).toBe("passed");
    expect(breaker.openHost(new URL(sandbox.origin).host)).toBeUndefined();
    await watched.transport.close();
  });

  it("the same error for every input of the operation (the control fails too) stays an outage: inconclusive, not failed", async () => {
    sandbox.setFaults([{ kind: "status", status: 500, body: "html", path: "get-enroll" }]);
    inconclusive(
      await runCase(ctx, "advance.getEnroll", numericUser),
      "vendor-outage",
      /HTTP 500 with an HTML page \(gave up after 3 attempts\); advance\.getEnroll's valid default request failed too/,
    );
    expect(hits("get-enroll")).toBe(6);
  });
});
