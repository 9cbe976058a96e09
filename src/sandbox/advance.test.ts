import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { advanceSignature } from "../auth/advance.ts";
import { loadSpecs } from "../openapi/index.ts";
import { startSandbox, type Sandbox } from "./index.ts";
import { ADV, advance, advanceToken, b64, call, faceImage, uniformImage } from "./testing/clients.ts";

const spec = loadSpecs();
const msg = (op: string, violation: string) =>
  spec.operation(`advance.${op}`).rejections.find((r) => r.violation === violation)!.message;

let s: Sandbox;
let clock = Date.now();
let token: string;
const TOKEN_URL = () => `${s.baseUrls.advance}/openapi/auth/ticket/v1/generate-token`;

beforeAll(async () => {
  s = await startSandbox({ now: () => clock });
});
afterAll(() => s.close());
beforeEach(async () => {
  s.reset();
  s.setMutation(null);
  clock = Date.now();
  token = await advanceToken(s, clock);
});

function tokenRequest(body: unknown) {
  return call(TOKEN_URL(), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("ADVANCE token API", () => {
  it("issues an HS512 JWT with expiredTime in ms, timestamp as number or string, periodSecond honoured", async () => {
    const { accessKey, secretKey } = s.credentials.advance;
    const ts = String(clock);
    const r = await tokenRequest({
      accessKey,
      timestamp: ts,
      signature: advanceSignature(accessKey, secretKey, ts),
      periodSecond: "120",
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ code: "SUCCESS", message: "OK", extra: null, pricingStrategy: "FREE" });
    expect(r.json.transactionId).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(Buffer.from(r.json.data.token.split(".")[0], "base64url").toString())).toEqual({ alg: "HS512" });
    expect(r.json.data.expiredTime).toBe((Math.floor(clock / 1000) + 120) * 1000);
  });

  it("rejects as documented: empty fields, timestamp window, signature, unknown key, periodSecond", async () => {
    const { accessKey, secretKey } = s.credentials.advance;
    const sig = advanceSignature(accessKey, secretKey, clock);
    const cases: Array<[unknown, string, string | undefined]> = [
      [{ timestamp: clock, signature: sig }, "PARAMETER_ERROR", "Parameter should not be empty"],
      [{ accessKey, timestamp: clock, signature: "" }, "PARAMETER_ERROR", "Parameter should not be empty"],
      [
        { accessKey, timestamp: clock - 301_000, signature: advanceSignature(accessKey, secretKey, clock - 301_000) },
        "PARAMETER_ERROR",
        "Timestamp error",
      ],
      [{ accessKey, timestamp: clock, signature: "0".repeat(64) }, "PARAMETER_ERROR", "Signature error"],
      [{ accessKey: "nobody", timestamp: clock, signature: sig }, "IAM_FAILED", "Access Key not found"],
      [{ accessKey, timestamp: clock, signature: sig, periodSecond: 59 }, "PARAMETER_ERROR", undefined],
      [{ accessKey, timestamp: clock, signature: sig, periodSecond: 86401 }, "PARAMETER_ERROR", undefined],
    ];
    for (const [body, code, message] of cases) {
      const r = await tokenRequest(body);
      expect(r.status).toBe(200);
      expect(r.json.code, JSON.stringify(body)).toBe(code);
      if (message) expect(r.json.message).toBe(message);
      expect(r.json.data).toBeNull();
    }
  });
});

describe("ADVANCE face authentication", () => {
  it("enroll → get-enroll → delete-enroll → get-enroll rejects", async () => {
    const img = await faceImage(1);
    const e = await advance(
      s,
      "/face-authentication/enroll",
      { userId: "u1", region: "PHL", faceImage: b64(img) },
      token,
    );
    expect(e.json).toMatchObject({ code: "SUCCESS", message: "OK", data: null });
    const g = await advance(s, "/face-authentication/get-enroll", { userId: "u1" }, token);
    expect(g.json.code).toBe("SUCCESS");
    expect(g.json.data.userId).toBe("u1");
    expect(g.json.data.imageUrlList).toHaveLength(1);
    // The listed URL serves the enrolled bytes.
    const served = await fetch(g.json.data.imageUrlList[0]);
    expect(Buffer.from(await served.arrayBuffer()).equals(img)).toBe(true);
    const d = await advance(s, "/face-authentication/delete-enroll", { userId: "u1" }, token);
    expect(d.json).toMatchObject({ code: "SUCCESS", data: null });
    const g2 = await advance(s, "/face-authentication/get-enroll", { userId: "u1" }, token);
    expect(g2.json).toMatchObject({ code: "PARAMETER_ERROR", message: "UserId is invalid", data: null });
    const d2 = await advance(s, "/face-authentication/delete-enroll", { userId: "u1" }, token);
    expect(d2.json.code).toBe("PARAMETER_ERROR");
  });

  it("keeps at most 5 images, evicting the oldest", async () => {
    const urls: string[] = [];
    for (let i = 1; i <= 6; i++) {
      urls.push(s.registerImage(await faceImage(i)));
      const e = await advance(
        s,
        "/face-authentication/enroll",
        { userId: "u5", region: "SGP", faceImage: urls[i - 1] },
        token,
      );
      expect(e.json.code).toBe("SUCCESS");
    }
    const g = await advance(s, "/face-authentication/get-enroll", { userId: "u5" }, token);
    expect(g.json.data.imageUrlList).toEqual(urls.slice(1));
  });

  it("applies each documented enroll rejection with the spec's message", async () => {
    const good = b64(await faceImage(2));
    const base = { userId: "u2", region: "PHL", faceImage: good };
    const gif = b64(await faceImage(2, { format: "gif" }));
    const small = b64(await faceImage(2, { size: 200 }));
    const big = b64(await faceImage(2, { targetBytes: 2 * 1024 * 1024 }));
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...base, userId: undefined }, "missing:userId", "PARAMETER_ERROR"],
      [{ ...base, userId: "" }, "empty:userId", "PARAMETER_ERROR"],
      [{ ...base, region: "XYZ" }, "region-invalid", "PARAMETER_ERROR"],
      [{ ...base, region: "PH" }, "region-invalid", "PARAMETER_ERROR"],
      [{ ...base, faceImage: undefined }, "missing:faceImage", "PARAMETER_ERROR"],
      [{ ...base, faceImage: "" }, "empty:faceImage", "PARAMETER_ERROR"],
      [{ ...base, faceImage: "https://example.com/face.jpg" }, "image-unreachable", "PARAMETER_ERROR"],
      [{ ...base, faceImage: `${s.origin}/__images/ffff` }, "image-unreachable", "PARAMETER_ERROR"],
      [{ ...base, faceImage: "not base64 !!" }, "image-undecodable", "PARAMETER_ERROR"],
      [{ ...base, faceImage: "7ac66c0f148de9519b8bd264312c4d64" }, "image-undecodable", "PARAMETER_ERROR"],
      [{ ...base, faceImage: gif }, "image-format", "PARAMETER_ERROR"],
      [{ ...base, faceImage: small }, "image-dimensions", "PARAMETER_ERROR"],
      [{ ...base, faceImage: big }, "image-too-large", "PARAMETER_ERROR"],
      [{ ...base, faceImage: b64(await uniformImage()) }, "image-no-face", "IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE"],
    ];
    for (const [body, violation, code] of cases) {
      const r = await advance(s, "/face-authentication/enroll", body, token);
      expect(r.status).toBe(200);
      expect(r.json.code, violation).toBe(code);
      expect(r.json.message, violation).toBe(msg("enroll", violation));
      expect(r.json.data).toBeNull();
    }
    const ok = await advance(
      s,
      "/face-authentication/enroll",
      { ...base, faceImage: b64(await faceImage(2, { format: "png" })) },
      token,
    );
    expect(ok.json.code).toBe("SUCCESS");
  });

  it("answers IAM_FAILED for a missing, forged, Bearer-prefixed or expired token", async () => {
    const body = { userId: "x" };
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const t of [undefined, "garbage", forged, `Bearer ${token}`]) {
      const r = await advance(s, "/face-authentication/get-enroll", body, t);
      expect(r.json).toMatchObject({ code: "IAM_FAILED", message: "Token not found or expired", data: null });
    }
    const short = await advanceToken(s, clock, 60);
    clock += 61_000;
    const r = await advance(s, "/face-authentication/get-enroll", body, short);
    expect(r.json.code).toBe("IAM_FAILED");
  });

  it("get-latest-session-result: enrolled user, unknown user, bad solutionCode, no token", async () => {
    await advance(
      s,
      "/face-authentication/enroll",
      { userId: "u3", region: "IDN", faceImage: b64(await faceImage(3)) },
      token,
    );
    const get = (q: string, t: string | null = token) =>
      call(`${s.baseUrls.advance}${ADV}/customer-profile/get-latest-session-result?${q}`, {
        headers: t ? { "x-access-token": t } : {},
      });
    const ok = await get("userId=u3&solutionCode=101");
    expect(ok.json.code).toBe("SUCCESS");
    expect(ok.json.data.profileStatus).toBe("ACTIVE");
    expect(ok.json.data.result).toMatchObject({ overallResult: "PASS", countryCodeIso3: "IDN" });
    expect(spec.validateResponse("advance.getLatestSessionResult", 200, ok.headers, ok.json)).toEqual([]);
    expect((await get("userId=nobody")).json).toMatchObject({
      code: "PARAMETER_ERROR",
      message: "externalUserId does not exist.",
    });
    expect((await get("userId=u3&solutionCode=999")).json).toMatchObject({
      code: "PARAMETER_ERROR",
      message: "solutionCode is wrong.",
    });
    expect((await get("")).json.code).toBe("PARAMETER_ERROR");
    expect((await get("userId=u3", null)).json.code).toBe("IAM_FAILED");
    const post = await call(`${s.baseUrls.advance}${ADV}/customer-profile/get-latest-session-result?userId=u3`, {
      method: "POST",
      headers: { "x-access-token": token },
    });
    expect(post.status).toBe(405);
  });

  it("every success and error envelope validates against the spec", async () => {
    const e = await advance(
      s,
      "/face-authentication/enroll",
      { userId: "v", region: "PHL", faceImage: b64(await faceImage(4)) },
      token,
    );
    const g = await advance(s, "/face-authentication/get-enroll", { userId: "v" }, token);
    const bad = await advance(s, "/face-authentication/get-enroll", { userId: "nobody" }, token);
    const d = await advance(s, "/face-authentication/delete-enroll", { userId: "v" }, token);
    for (const [op, r] of [
      ["enroll", e],
      ["getEnroll", g],
      ["getEnroll", bad],
      ["deleteEnroll", d],
    ] as const) {
      expect(spec.validateResponse(`advance.${op}`, r.status, r.headers, r.json), op).toEqual([]);
    }
  });

  it("is deterministic: same requests in the same order give the same bodies", async () => {
    const run = async () => {
      s.reset();
      const t = await advanceToken(s, clock);
      const img = b64(await faceImage(5));
      const bodies = [t];
      for (const [p, b] of [
        ["/face-authentication/enroll", { userId: "d", region: "PHL", faceImage: img }],
        ["/face-authentication/get-enroll", { userId: "d" }],
        ["/face-authentication/get-enroll", { userId: "zz" }],
      ] as const) {
        bodies.push((await advance(s, p, b, t)).text);
      }
      return bodies;
    };
    expect(await run()).toEqual(await run());
  });

  it("survives garbage: bad JSON, wrong content type, arrays, unknown paths, wrong method", async () => {
    const url = `${s.baseUrls.advance}${ADV}/face-authentication/get-enroll`;
    const h = { "x-access-token": token };
    const bad = await call(url, {
      method: "POST",
      headers: { ...h, "content-type": "application/json" },
      body: "{nope",
    });
    expect(bad.json.code).toBe(
      spec.operation("advance.getEnroll").rejections.find((r) => r.violation === "malformed-body")!.code,
    );
    const arr = await call(url, {
      method: "POST",
      headers: { ...h, "content-type": "application/json" },
      body: "[1,2]",
    });
    expect(arr.status).toBe(200);
    const text = await call(url, {
      method: "POST",
      headers: { ...h, "content-type": "text/plain" },
      body: '{"userId":"x"}',
    });
    expect(text.status).toBe(200);
    expect(text.json.code).not.toBe("SUCCESS");
    expect((await call(`${s.baseUrls.advance}/nope`)).status).toBe(404);
    expect((await call(url, { headers: h })).status).toBe(405);
    expect((await call(`${s.origin}/elsewhere`)).status).toBe(404);
  });

  it("answered only with rejections the spec documents (no fallback used)", () => {
    expect(s.rules.gaps).toEqual([]);
  });
});
