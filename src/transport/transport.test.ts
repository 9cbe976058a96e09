// The sandbox target over real HTTP: every operation with and without valid credentials, ZOLOZ signatures both
// ways (and a tampered answer reported), token caching and the one refresh on IAM_FAILED, wire faults as InfraErrors.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runChecks } from "../checks/index.ts";
import type { Expectation } from "../checks/types.ts";
import { configFromEnv, type KitConfig } from "../config/index.ts";
import { startSandbox, type FaultRule, type Sandbox } from "../sandbox/index.ts";
import { loadSpecs } from "../openapi/index.ts";
import { buildRequest, type BuildContext } from "../suite/build.ts";
import { createRunContext, redactorFor } from "../suite/run-context.ts";
import type { RunContext } from "../suite/run.ts";
import type { CaseInput } from "../suite/types.ts";
import { InfraError, type Exchange, type Transport } from "../types.ts";
import { createTransport, type SandboxInfo } from "./index.ts";
import { sendOnWire, type WireOptions } from "./wire.ts";

const spec = loadSpecs();
const config = (overrides: Partial<KitConfig> = {}): KitConfig => ({
  ...configFromEnv({}),
  target: "sandbox",
  ...overrides,
});
const info = (s: Sandbox): SandboxInfo => ({ baseUrls: s.baseUrls, origin: s.origin });

let sandbox: Sandbox;
let context: RunContext;
let serial = 0;

function build(s: Sandbox): BuildContext {
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  return {
    newId: (kind) => `tt${kind === "bizId" ? "b" : kind === "userId" ? "u" : "x"}${run}${serial++}`,
    captured: new Map(),
    imageUrl: async (bytes, mime) => s.registerImage(bytes, mime),
  };
}

async function send(
  transport: Transport,
  operationId: string,
  input: CaseInput = {},
  s: Sandbox = sandbox,
): Promise<Exchange> {
  const request = await buildRequest(operationId, input, build(s));
  return transport.send(request, { caseId: `${operationId}/transport-test-${serial++}` });
}

function judge(exchange: Exchange, expectation: Expectation) {
  return runChecks({ exchange, operation: spec.operation(exchange.operationId), spec, expectation });
}

const failures = (run: { findings: { severity: string; check: string; message: string }[] }) =>
  run.findings.filter((f) => f.severity === "failure").map((f) => `${f.check}: ${f.message}`);

function transportFor(s: Sandbox | SandboxInfo, wire?: WireOptions, overrides: Partial<KitConfig> = {}): Transport {
  const c = config(overrides);
  return createTransport(c, {
    spec,
    redactor: redactorFor(c),
    sandbox: "baseUrls" in s ? { baseUrls: s.baseUrls, origin: s.origin } : s,
    fixturesDir: "/nonexistent",
    ...(wire ? { wire } : {}),
  });
}

/** Counts the requests that left through global fetch, by operation path suffix. */
function countFetches() {
  const original = globalThis.fetch;
  const seen: string[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    seen.push(String(input instanceof Request ? input.url : input));
    return original(input, init);
  });
  return { count: (suffix: string) => seen.filter((u) => new URL(u).pathname.endsWith(suffix)).length, spy, seen };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  context = createRunContext({ config: config(), sandbox: info(sandbox) });
});

afterAll(async () => {
  await context?.transport.close();
  await sandbox?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
  sandbox.setMutation(null);
  sandbox.setFaults(null);
});

// What a valid request to each operation documents as its answer from a fresh sandbox (unknown ids are refused).
const VALID: Record<string, Expectation> = {
  "advance.generateToken": { kind: "accept" },
  "advance.enroll": { kind: "accept" },
  "advance.getEnroll": { kind: "reject", violations: ["unknown-id"] },
  "advance.deleteEnroll": { kind: "reject", violations: ["unknown-id"] },
  "advance.getLatestSessionResult": { kind: "reject", violations: ["unknown-id"] },
  "zoloz.connectEnroll": { kind: "accept" },
  "zoloz.connectUnenroll": { kind: "reject", violations: ["unknown-id"] },
  "zoloz.authenticationTest": { kind: "accept" },
  "uqudo.oauthToken": { kind: "accept" },
  "uqudo.faceSession": { kind: "accept" },
  "uqudo.faceMatch": { kind: "accept" },
  "uqudo.faceSearch": { kind: "accept" },
  "uqudo.faceSearchInsert": { kind: "accept" },
  "uqudo.faceSearchDelete": { kind: "reject", violations: ["unknown-id"] },
};

// Without credentials: the documented auth error; the token endpoints document missing fields instead.
const NO_AUTH: Record<string, { input?: CaseInput; expect: Expectation }> = {
  "advance.generateToken": {
    expect: { kind: "reject", violations: ["missing:accessKey", "missing:timestamp", "missing:signature"] },
  },
  "uqudo.oauthToken": {
    input: { set: { grant_type: "client_credentials" } },
    expect: { kind: "reject", violations: ["missing:client_id", "missing:client_secret"] },
  },
};

describe("every operation over real HTTP against the sandbox", () => {
  it("covers all 14 documented operations", () => {
    expect(Object.keys(VALID).sort()).toEqual(spec.operations.map((o) => o.id).sort());
  });

  for (const operationId of Object.keys(VALID)) {
    it(`${operationId}: valid credentials get the documented answer, none get the documented refusal`, async () => {
      const valid = await send(context.transport, operationId);
      expect(valid.request.url.startsWith(sandbox.origin)).toBe(true);
      expect(valid.response.status).toBeGreaterThanOrEqual(200);
      expect(
        failures(judge(valid, VALID[operationId]!)),
        `${operationId} valid: ${Buffer.from(valid.response.body).toString().slice(0, 300)}`,
      ).toEqual([]);

      const special = NO_AUTH[operationId];
      const operation = spec.operation(operationId);
      expect(operation.secured || special !== undefined).toBe(true);
      const none = await send(context.transport, operationId, { ...special?.input, auth: "none" });
      expect(
        failures(judge(none, special?.expect ?? { kind: "auth", mode: "none" })),
        `${operationId} without auth`,
      ).toEqual([]);
      if (operation.vendor === "advance" && operation.secured)
        expect(none.request.headers["x-access-token"]).toBeUndefined();
      if (operation.vendor === "uqudo" && operation.secured)
        expect(none.request.headers["authorization"]).toBeUndefined();
      if (operation.vendor === "zoloz") expect(none.request.headers["signature"]).toBeUndefined();
    });
  }

  it("wrong and expired credentials are refused where the suites ask for them", async () => {
    for (const mode of ["wrong", "expired"] as const) {
      for (const operationId of ["advance.getEnroll", "uqudo.faceSearchDelete"]) {
        const exchange = await send(context.transport, operationId, { auth: mode });
        expect(failures(judge(exchange, { kind: "auth", mode })), `${operationId} ${mode}`).toEqual([]);
      }
    }
    const wrong = await send(context.transport, "zoloz.authenticationTest", { auth: "wrong" });
    expect(failures(judge(wrong, { kind: "auth", mode: "wrong" }))).toEqual([]);
  });
});

describe("ZOLOZ signatures", () => {
  it("a request signed by the kit verifies at the sandbox, and the sandbox's signed answer verifies at the kit", async () => {
    for (const operationId of ["zoloz.authenticationTest", "zoloz.connectEnroll", "zoloz.connectUnenroll"]) {
      const exchange = await send(context.transport, operationId);
      expect(exchange.request.headers["signature"]).toMatch(/^algorithm=RSA256, signature=/);
      expect(exchange.request.headers["client-id"]).toBe("2188813011569652");
      const result = (exchange.response.json as { result?: { resultCode?: string } }).result;
      expect(result?.resultCode, operationId).not.toBe("SIGNATURE_INVALID");
      expect(exchange.response.headers["signature"]).toBeDefined();
      expect(exchange.signature?.status, `${operationId}: ${exchange.signature?.detail}`).toBe("valid");
    }
  });

  it("RSA_AES: an encrypted request is decrypted by the sandbox, its encrypted answer decrypted and verified", async () => {
    const transport = transportFor(sandbox, undefined, {
      zoloz: { baseUrl: "", clientId: "", merchantPrivateKey: "", platformPublicKey: "", encrypt: true },
    });
    const exchange = await send(transport, "zoloz.connectEnroll");
    expect(exchange.request.headers["encrypt"]).toBeDefined();
    expect(exchange.response.headers["encrypt"]).toBeDefined();
    expect((exchange.response.json as { result: { resultStatus: string } }).result.resultStatus).toBe("S");
    expect(exchange.signature?.status).toBe("valid");
  });

  it("a request signed with a key the platform does not know is refused with SIGNATURE_INVALID", async () => {
    const exchange = await send(context.transport, "zoloz.authenticationTest", { auth: "wrong" });
    expect((exchange.response.json as { result: { resultCode: string } }).result.resultCode).toBe("SIGNATURE_INVALID");
  });

  for (const [mutation, status] of [
    ["zoloz-bad-response-signature", "invalid"],
    ["zoloz-missing-response-signature", "missing"],
  ] as const) {
    it(`${mutation}: the kit reports the response signature as ${status} and response_signature fails`, async () => {
      sandbox.setMutation(mutation);
      const exchange = await send(context.transport, "zoloz.authenticationTest");
      expect(exchange.signature?.status).toBe(status);
      const run = judge(exchange, { kind: "accept" });
      expect(run.applied).toContain("response_signature");
      expect(run.findings.filter((f) => f.check === "response_signature")).toEqual([
        expect.objectContaining({ severity: "failure", actual: status }),
      ]);
    });
  }

  it("a body tampered with on the way (signature left as it was) is reported by response_signature", async () => {
    const proxy = await tamperingProxy(sandbox.origin);
    try {
      const transport = transportFor({
        baseUrls: {
          advance: `${proxy.origin}/advance`,
          zoloz: `${proxy.origin}/zoloz`,
          uqudo: `${proxy.origin}/uqudo`,
          uqudoAuth: `${proxy.origin}/uqudo-auth`,
        },
        origin: proxy.origin,
      });
      const exchange = await send(transport, "zoloz.authenticationTest");
      expect(proxy.tampered()).toBe(1);
      expect(exchange.response.status).toBe(200);
      expect(exchange.signature?.status).toBe("invalid");
      const run = judge(exchange, { kind: "accept" });
      expect(run.findings.map((f) => f.check)).toContain("response_signature");
    } finally {
      await proxy.close();
    }
  });
});

/** Forwards to the sandbox and appends a space to every ZOLOZ response body, keeping its Signature header. */
async function tamperingProxy(target: string): Promise<{ origin: string; tampered(): number; close(): Promise<void> }> {
  let tampered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const upstream = httpRequest(
        target + (req.url ?? "/"),
        { method: req.method, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (c: Buffer) => body.push(c));
          answer.on("end", () => {
            let bytes = Buffer.concat(body);
            if (req.url?.startsWith("/zoloz/")) {
              bytes = Buffer.concat([bytes, Buffer.from(" ")]);
              tampered++;
            }
            res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "content-length": String(bytes.length) });
            res.end(bytes);
          });
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    tampered: () => tampered,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("token handling", () => {
  it("ADVANCE: the token is fetched once and reused for every business call", async () => {
    const transport = transportFor(sandbox);
    const fetches = countFetches();
    for (let i = 0; i < 3; i++) {
      const exchange = await send(transport, "advance.getEnroll");
      expect((exchange.response.json as { code: string }).code).not.toBe("IAM_FAILED");
    }
    expect(fetches.count("/generate-token")).toBe(1);
    expect(fetches.count("/get-enroll")).toBe(3);
  });

  /** Rewrites the token of the first `times` ADVANCE business calls to one the sandbox never issued. */
  function staleTokens(times: number): string[] {
    const original = globalThis.fetch;
    const seen: string[] = [];
    let left = times;
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      seen.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
      const headers = { ...(init?.headers as Record<string, string>) };
      if (headers["x-access-token"] && left > 0) {
        left--;
        headers["x-access-token"] = "stale-token-the-vendor-forgot";
      }
      return original(input, { ...init, headers });
    });
    return seen;
  }

  it("ADVANCE: a token the vendor no longer accepts (IAM_FAILED) is refreshed once and the call retried once", async () => {
    const transport = transportFor(sandbox);
    const seen = staleTokens(1);
    const exchange = await send(transport, "advance.getEnroll");
    expect((exchange.response.json as { code: string }).code).toBe("PARAMETER_ERROR");
    expect(seen.filter((p) => p.endsWith("/generate-token"))).toHaveLength(2);
    expect(seen.filter((p) => p.endsWith("/get-enroll"))).toHaveLength(2);
    // The fresh token is cached in turn.
    await send(transport, "advance.getEnroll");
    expect(seen.filter((p) => p.endsWith("/generate-token"))).toHaveLength(2);
  });

  it("ADVANCE: a vendor that keeps answering IAM_FAILED gets one refresh, not a loop", async () => {
    const transport = transportFor(sandbox);
    const seen = staleTokens(Number.POSITIVE_INFINITY);
    // Either the refused answer itself, or an infrastructure fault saying the fresh token was refused too.
    const outcome = await send(transport, "advance.getEnroll").then(
      (exchange) => (exchange.response.json as { code: string }).code,
      (error: unknown) => (error instanceof InfraError ? error.kind : String(error)),
    );
    expect(["IAM_FAILED", "auth-unavailable"]).toContain(outcome);
    expect(seen.filter((p) => p.endsWith("/generate-token"))).toHaveLength(2);
    expect(seen.filter((p) => p.endsWith("/get-enroll"))).toHaveLength(2);
  });

  it("uqudo: the OAuth token is fetched once and reused", async () => {
    const transport = transportFor(sandbox);
    const fetches = countFetches();
    for (let i = 0; i < 3; i++) {
      const exchange = await send(transport, "uqudo.faceSearchDelete");
      expect(exchange.response.status).toBe(404);
    }
    expect(fetches.count("/api/oauth/token")).toBe(1);
    expect(fetches.seen.filter((u) => u.includes("/one-to-n/search/"))).toHaveLength(3);
  });
});

describe("wire faults become InfraError kinds", () => {
  // One attempt each: the kind of the first fault is what is under test, not the retry policy.
  beforeEach(() => {
    vi.stubEnv("CONFORMANCE_RETRIES", "0");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  async function infraKind(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InfraError);
    return { kind: (error as InfraError).kind, message: (error as InfraError).message };
  }

  it("connection refused on a closed port", async () => {
    const port = await closedPort();
    const origin = `http://127.0.0.1:${port}`;
    const transport = transportFor({
      baseUrls: {
        advance: `${origin}/advance`,
        zoloz: `${origin}/zoloz`,
        uqudo: `${origin}/uqudo`,
        uqudoAuth: `${origin}/uqudo-auth`,
      },
      origin,
    });
    const zoloz = await infraKind(send(transport, "zoloz.authenticationTest"));
    expect(zoloz.kind).toBe("connection-refused");
    expect(zoloz.message).toContain(`127.0.0.1:${port}`);
    expect((await infraKind(send(transport, "advance.generateToken"))).kind).toBe("connection-refused");
    // Behind a token: the token request is what cannot connect.
    expect(["connection-refused", "auth-unavailable"]).toContain(
      (await infraKind(send(transport, "uqudo.faceSearchDelete"))).kind,
    );
  });

  it("a hung request times out after timeoutMs", async () => {
    sandbox.setFaults([{ kind: "hang", route: "zoloz" } satisfies FaultRule]);
    const transport = transportFor(sandbox, { timeoutMs: 150 });
    const started = Date.now();
    const fault = await infraKind(send(transport, "zoloz.authenticationTest"));
    expect(fault.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a reset connection is connection-reset", async () => {
    sandbox.setFaults([{ kind: "reset", route: "zoloz" }]);
    expect((await infraKind(send(transportFor(sandbox), "zoloz.authenticationTest"))).kind).toBe("connection-reset");
  });

  it("a host name that does not resolve is dns-failure (nothing was sent)", async () => {
    const wire = { method: "GET", url: "http://ekyc-conformance.invalid/advance", headers: {}, body: new Uint8Array() };
    const fault = await infraKind(sendOnWire(wire, { limiter: null, breaker: null }));
    expect(fault.kind).toBe("dns-failure");
    expect(fault.message).toMatch(/^host name ekyc-conformance\.invalid not resolved \((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it("a response over the body cap is body-too-large", async () => {
    const transport = transportFor(sandbox, { maxBodyBytes: 32 });
    const fault = await infraKind(send(transport, "zoloz.authenticationTest"));
    expect(fault.kind).toBe("body-too-large");
    expect(fault.message).toContain("32 bytes");
  });
});
