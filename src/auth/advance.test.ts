import { describe, expect, it } from "vitest";
import {
  AdvanceTokenProvider,
  advanceSignature,
  buildAdvanceTokenRequest,
  mintAdvanceToken,
  verifyAdvanceToken,
  type AdvanceTokenRequestBody,
  type TokenResponseLike,
} from "./advance.ts";
import { AuthError } from "./errors.ts";

describe("advanceSignature", () => {
  it("matches the documented vector", () => {
    expect(advanceSignature("sampleaccesskey", "samplesecretkey", 1665993522952)).toBe(
      "02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5",
    );
    expect(advanceSignature("sampleaccesskey", "samplesecretkey", "1665993522952")).toBe(
      "02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5",
    );
  });

  it("builds the token body with the same timestamp it signs", () => {
    const body = buildAdvanceTokenRequest("ak", "sk", 1700000000000, 120);
    expect(body).toEqual({
      accessKey: "ak",
      timestamp: 1700000000000,
      signature: advanceSignature("ak", "sk", 1700000000000),
      periodSecond: 120,
    });
  });
});

function harness(answer: (body: AdvanceTokenRequestBody, n: number) => TokenResponseLike) {
  let clock = 1_700_000_000_000;
  const calls: Array<{ body: AdvanceTokenRequestBody; url: string }> = [];
  const provider = new AdvanceTokenProvider({
    baseUrl: "https://sandbox.test/",
    accessKey: "ak",
    secretKey: "super-secret-value",
    periodSecond: 3600,
    now: () => clock,
    fetchToken: async (body, call) => {
      calls.push({ body, url: call.url });
      return answer(body, calls.length);
    },
  });
  return { provider, calls, advance: (ms: number) => (clock += ms), now: () => clock };
}

const ok = (token: string, expiredTime: number): TokenResponseLike => ({
  code: "SUCCESS",
  message: "OK",
  data: { token, expiredTime },
});

describe("AdvanceTokenProvider", () => {
  it("fetches once, caches until 30 s before expiry, then refreshes", async () => {
    const h = harness((body, n) => ok(`t${n}`, body.timestamp + 3600_000));
    expect(await h.provider.getToken()).toBe("t1");
    expect(h.calls[0]!.url).toBe("https://sandbox.test/openapi/auth/ticket/v1/generate-token");
    expect(h.calls[0]!.body.signature).toBe(advanceSignature("ak", "super-secret-value", h.calls[0]!.body.timestamp));
    h.advance(3600_000 - 30_001);
    expect(await h.provider.getToken()).toBe("t1");
    h.advance(2);
    expect(await h.provider.getToken()).toBe("t2");
    expect(h.calls).toHaveLength(2);
  });

  it("bounds the margin by 10% of a short lifetime", async () => {
    // 120 s lifetime -> 12 s margin, not 30 s.
    const h = harness((body, n) => ok(`t${n}`, body.timestamp + 120_000));
    await h.provider.getToken();
    h.advance(107_000);
    expect(await h.provider.getToken()).toBe("t1");
    h.advance(1_001);
    expect(await h.provider.getToken()).toBe("t2");
  });

  it("shares one request among concurrent callers and refetches after invalidate()", async () => {
    const h = harness((body, n) => ok(`t${n}`, body.timestamp + 3600_000));
    const [a, b] = await Promise.all([h.provider.getToken(), h.provider.getToken()]);
    expect([a, b]).toEqual(["t1", "t1"]);
    h.provider.invalidate();
    expect(await h.provider.getToken()).toBe("t2");
    expect(h.calls).toHaveLength(2);
    expect(await h.provider.headers()).toEqual({ "x-access-token": "t2" });
  });

  it("throws a one-line AuthError naming the code and message, never the secret", async () => {
    const h = harness(() => ({ code: "PARAMETER_ERROR", message: "Signature error", data: null }));
    const error = await h.provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("PARAMETER_ERROR");
    expect((error as AuthError).message).toBe("ADVANCE token request refused (PARAMETER_ERROR: Signature error)");
    expect((error as AuthError).message).not.toContain("super-secret-value");
  });

  it("rejects SUCCESS without a token", async () => {
    const h = harness(() => ({ code: "SUCCESS", data: null }));
    await expect(h.provider.getToken()).rejects.toThrow(/SUCCESS without data.token/);
  });

  it("uses a ready token as is", async () => {
    const p = new AdvanceTokenProvider({ accessToken: "ready" });
    p.invalidate();
    expect(await p.getToken()).toBe("ready");
    expect(p.canRefresh).toBe(false);
  });

  it("refuses an out-of-range periodSecond", () => {
    expect(
      () => new AdvanceTokenProvider({ baseUrl: "http://x", accessKey: "a", secretKey: "s", periodSecond: 30 }),
    ).toThrow(RangeError);
  });
});

describe("sandbox ADVANCE tokens", () => {
  const secret = "sandbox-signing-secret";
  it("mints an HS512 JWT that verifies, then expires", () => {
    const now = 1_700_000_000_000;
    const { token, expiredTime } = mintAdvanceToken({ secret, accessKey: "ak", periodSecond: 120, nowMs: now });
    expect(expiredTime).toBe(now + 120_000);
    const [header, payload] = token.split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "HS512" });
    expect(JSON.parse(Buffer.from(payload!, "base64url").toString())).toMatchObject({
      iss: "h5_liveness",
      aud: "WEB",
      sub: "ak",
    });
    const valid = verifyAdvanceToken(token, secret, now + 119_000);
    expect(valid.status).toBe("valid");
    expect(verifyAdvanceToken(token, secret, now + 120_000).status).toBe("expired");
  });

  it("reports forged, tampered and malformed tokens as invalid", () => {
    const { token } = mintAdvanceToken({ secret, accessKey: "ak" });
    expect(verifyAdvanceToken(token, "other-secret").status).toBe("invalid");
    const [h, p, s] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: "mallory" })).toString("base64url")}.${s}`;
    expect(verifyAdvanceToken(forged, secret).status).toBe("invalid");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${p}.`;
    expect(verifyAdvanceToken(none, secret).status).toBe("invalid");
    expect(verifyAdvanceToken("garbage", secret).status).toBe("invalid");
  });
});
