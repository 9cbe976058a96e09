import { describe, expect, it } from "vitest";
import { InfraError } from "../types.ts";
import { AuthError } from "./errors.ts";
import {
  UqudoTokenProvider,
  bearerToken,
  mintUqudoToken,
  verifyUqudoToken,
  type UqudoTokenHttpResponse,
  type UqudoTokenRequest,
} from "./uqudo.ts";

function harness(answer: (n: number) => UqudoTokenHttpResponse) {
  let clock = 1_700_000_000_000;
  const calls: UqudoTokenRequest[] = [];
  const provider = new UqudoTokenProvider({
    authUrl: "https://auth.sandbox.test",
    clientId: "client-1",
    clientSecret: "s3cr3t&value",
    now: () => clock,
    send: async (request) => {
      calls.push(request);
      return answer(calls.length);
    },
  });
  return { provider, calls, advance: (ms: number) => (clock += ms) };
}

const ok = (n: number, expires_in = 1800): UqudoTokenHttpResponse => ({
  status: 200,
  json: { access_token: `tok${n}`, token_type: "bearer", expires_in, scope: "read", jti: "j" },
});

describe("UqudoTokenProvider", () => {
  it("posts the client-credentials form to <authUrl>/api/oauth/token", async () => {
    const h = harness(ok);
    expect(await h.provider.authorization()).toBe("Bearer tok1");
    const call = h.calls[0]!;
    expect(call.url).toBe("https://auth.sandbox.test/api/oauth/token");
    expect(call.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "client-1",
      client_secret: "s3cr3t&value",
    });
  });

  it("caches for expires_in minus a 60 s margin, refreshes after, and after invalidate()", async () => {
    const h = harness(ok);
    await h.provider.getToken();
    h.advance(1800_000 - 60_001);
    expect(await h.provider.getToken()).toBe("tok1");
    h.advance(2);
    expect(await h.provider.getToken()).toBe("tok2");
    h.provider.invalidate();
    expect(await h.provider.getToken()).toBe("tok3");
    expect(h.calls).toHaveLength(3);
  });

  it("bounds the margin by 10% of a short lifetime", async () => {
    const h = harness((n) => ok(n, 100));
    await h.provider.getToken();
    h.advance(89_000);
    expect(await h.provider.getToken()).toBe("tok1");
    h.advance(1_001);
    expect(await h.provider.getToken()).toBe("tok2");
  });

  it("turns 401 into the documented AuthError without the secret", async () => {
    const h = harness(() => ({
      status: 401,
      json: { error: "unauthorized", error_description: "Invalid client id or client secret" },
    }));
    const error = (await h.provider.getToken().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe("uqudo rejected the client credentials (401)");
    expect(error.httpStatus).toBe(401);
  });

  it("treats 5xx as infrastructure, other refusals as AuthError", async () => {
    await expect(harness(() => ({ status: 503 })).provider.getToken()).rejects.toBeInstanceOf(InfraError);
    const e400 = (await harness(() => ({ status: 400, json: { error: "invalid_grant" } }))
      .provider.getToken()
      .catch((e: unknown) => e)) as AuthError;
    expect(e400.message).toBe("uqudo token request refused (HTTP 400, invalid_grant)");
    await expect(harness(() => ({ status: 200, json: {} })).provider.getToken()).rejects.toThrow(/no access_token/);
  });

  it("extracts bearer tokens", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer  abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe("sandbox uqudo tokens", () => {
  it("mints the OAuth answer and verifies, expires and rejects forgeries", () => {
    const now = 1_700_000_000_000;
    const answer = mintUqudoToken({ secret: "k", clientId: "client-1", expiresIn: 60, nowMs: now });
    expect(answer).toMatchObject({ token_type: "bearer", expires_in: 60 });
    const valid = verifyUqudoToken(answer.access_token, "k", now + 59_999);
    expect(valid.status).toBe("valid");
    expect(valid.status === "valid" && valid.claims.client_id).toBe("client-1");
    expect(verifyUqudoToken(answer.access_token, "k", now + 60_000).status).toBe("expired");
    expect(verifyUqudoToken(answer.access_token, "other", now).status).toBe("invalid");
    expect(verifyUqudoToken(answer.access_token.slice(0, -2), "k", now).status).toBe("invalid");
  });
});
