import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSpecs } from "../openapi/index.ts";
import { startSandbox, type Sandbox } from "./index.ts";
import { b64, call, faceImage, uniformImage, zoloz } from "./testing/clients.ts";

const spec = loadSpecs();
const ENROLL = "/api/v1/zoloz/connect/enroll";
const UNENROLL = "/api/v1/zoloz/connect/unenroll";
const TEST = "/api/v1/zoloz/authentication/test";
const firstCode = (op: string, violation: string) =>
  spec.operation(`zoloz.${op}`).rejections.find((r) => r.violation === violation)!.code;

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.close());
beforeEach(() => {
  s.reset();
  s.setMutation(null);
});

describe("ZOLOZ gateway", () => {
  it("accepts a request signed with the merchant key and signs the response with the platform key", async () => {
    const r = await zoloz(s, TEST, { title: "hello", description: "just for demonstration." });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ title: "hello", description: "just for demonstration." });
    expect(r.verified).toBe("valid");
    expect(r.headers["response-time"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/);
    expect(r.headers["content-type"]).toBe("application/json; charset=UTF-8");
    expect(spec.validateResponse("zoloz.authenticationTest", 200, r.headers, r.json)).toEqual([]);
  });

  it("verifies and signs over the vendor path: a signature over the sandbox's mount path is SIGNATURE_INVALID, answered over the vendor path", async () => {
    const r = await zoloz(s, TEST, { a: 1 }, { signPath: `/zoloz${TEST}`, verifyPath: TEST });
    expect(r.json.result).toMatchObject({ resultStatus: "F", resultCode: "SIGNATURE_INVALID" });
    expect(r.verified).toBe("valid");
    const over = await zoloz(s, TEST, { a: 1 }, { tamper: true, verifyPath: `/zoloz${TEST}` });
    expect(over.verified).toBe("invalid");
  });

  it("tampered, missing or foreign signatures → SIGNATURE_INVALID; unknown Client-Id → MERCHANT_NOT_FOUND; all signed", async () => {
    for (const [o, code] of [
      [{ tamper: true }, "SIGNATURE_INVALID"],
      [{ sign: false }, firstCode("authenticationTest", "auth-missing")],
      [{ clientId: "2188000000000000" }, "MERCHANT_NOT_FOUND"],
    ] as const) {
      const r = await zoloz(s, TEST, { a: 1 }, o);
      expect(r.status).toBe(200);
      expect(r.json.result, JSON.stringify(o)).toMatchObject({ resultStatus: "F", resultCode: code });
      expect(r.verified).toBe("valid");
    }
  });

  it("RSA_AES request → RSA_AES response that decrypts and verifies", async () => {
    const img = b64(await faceImage(1));
    const r = await zoloz(s, ENROLL, { bizId: "b1", userId: "u1", base64ImageContent: img }, { encrypt: true });
    expect(r.headers["encrypt"]).toMatch(/^algorithm=RSA_AES, symmetricKey=/);
    expect(r.headers["content-type"]).toBe("text/plain; charset=UTF-8");
    expect(r.verified).toBe("valid");
    expect(r.plain.result).toEqual({ resultStatus: "S", resultCode: "SUCCESS", resultMessage: "Success" });
    expect(r.plain.transactionId).toMatch(/^G\d{9}[A-Z]{2}\d{8}\d{18}$/);
  });

  it("an encrypted request is answered under its own AES key (128 or 256 bits), errors included", async () => {
    for (const keyBits of [128, 256] as const) {
      const ok = await zoloz(s, TEST, { a: keyBits }, { encrypt: true, keyBits });
      expect(ok.plain).toEqual({ a: keyBits });
      expect(ok.responseKey).toEqual(ok.requestKey);
      for (const o of [{ tamper: true }, { sign: false }]) {
        const r = await zoloz(s, TEST, { a: 1 }, { encrypt: true, keyBits, ...o });
        expect(r.headers["content-type"], JSON.stringify(o)).toBe("text/plain; charset=UTF-8");
        expect(r.plain.result.resultCode).toBe(
          o.sign === false ? firstCode("authenticationTest", "auth-missing") : "SIGNATURE_INVALID",
        );
        expect(r.responseKey).toEqual(r.requestKey);
        expect(r.verified).toBe("valid");
      }
      // A body that does not decrypt under a recovered key: MSG_PARSE_ERROR, still encrypted.
      const garbled = await zoloz(s, TEST, undefined, { encrypt: true, keyBits, rawBody: "{", garbleCiphertext: true });
      expect(garbled.plain.result.resultCode).toBe("MSG_PARSE_ERROR");
      expect(garbled.responseKey).toEqual(garbled.requestKey);
    }
    // No key to answer with: an Encrypt header that does not unwrap, or an unknown merchant → plain JSON.
    const foreign = await zoloz(
      s,
      TEST,
      { a: 1 },
      { encrypt: true, encryptHeader: "algorithm=RSA_AES, symmetricKey=AAAA" },
    );
    expect(foreign.headers["encrypt"]).toBeUndefined();
    expect(foreign.json.result.resultCode).toBe("MSG_PARSE_ERROR");
    const stranger = await zoloz(s, TEST, { a: 1 }, { encrypt: true, clientId: "2188000000000000" });
    expect(stranger.headers["encrypt"]).toBeUndefined();
    expect(stranger.json.result.resultCode).toBe("MERCHANT_NOT_FOUND");
  });

  it("enroll → unenroll → unenroll again fails; responses validate against the spec", async () => {
    const img = b64(await faceImage(2));
    const e = await zoloz(s, ENROLL, { bizId: "b2", userId: "u2", base64ImageContent: img });
    expect(e.json.result.resultStatus).toBe("S");
    expect(spec.validateResponse("zoloz.connectEnroll", 200, e.headers, e.json)).toEqual([]);
    const u = await zoloz(s, UNENROLL, { bizId: "b2", userId: "u2" });
    expect(u.json.result).toMatchObject({ resultStatus: "S", resultCode: "SUCCESS" });
    expect(typeof u.json.transactionId).toBe("string");
    const again = await zoloz(s, UNENROLL, { bizId: "b2", userId: "u2" });
    expect(again.json.result.resultStatus).toBe("F");
    expect(again.json.transactionId).toBeUndefined();
    expect(spec.validateResponse("zoloz.connectUnenroll", 200, again.headers, again.json)).toEqual([]);
  });

  it("applies the documented enroll rejections (first x-rejections code) without a transactionId", async () => {
    const img = b64(await faceImage(3));
    const base = { bizId: "b3", userId: "u3", base64ImageContent: img };
    const big = b64(await faceImage(3, { targetBytes: 1024 * 1024 + 1 }));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, bizId: undefined }, "missing:bizId"],
      [{ ...base, userId: "" }, "empty:userId"],
      [{ ...base, bizId: "b".repeat(33) }, "too-long:bizId"],
      [{ ...base, userId: "u".repeat(65) }, "too-long:userId"],
      [{ ...base, userId: 12 }, "wrong-type:userId"],
      [{ ...base, base64ImageContent: "xxxxxxxxxxxxxxxxx" }, "image-undecodable"],
      [{ ...base, base64ImageContent: b64(await faceImage(3, { format: "png" })) }, "image-format"],
      [{ ...base, base64ImageContent: big }, "image-too-large"],
      [{ ...base, base64ImageContent: b64(await uniformImage()) }, "image-no-face"],
    ];
    for (const [body, violation] of cases) {
      const r = await zoloz(s, ENROLL, body);
      expect(r.json.result.resultCode, violation).toBe(firstCode("connectEnroll", violation));
      expect(r.json.result.resultStatus).toBe("F");
      expect(r.json.transactionId).toBeUndefined();
      expect(r.verified).toBe("valid");
    }
  });

  it("malformed JSON → MSG_PARSE_ERROR; wrong method → 405; unknown API → NO_INTERFACE_DEF; other paths 404", async () => {
    const bad = await zoloz(s, ENROLL, undefined, { rawBody: "{not json" });
    expect(bad.json.result).toMatchObject({ resultStatus: "F", resultCode: "MSG_PARSE_ERROR" });
    expect(bad.verified).toBe("valid");
    const plain = await zoloz(s, ENROLL, { a: 1 }, { contentType: "text/plain" });
    expect(plain.json.result.resultCode).toBe(firstCode("connectEnroll", "wrong-content-type"));
    expect((await call(`${s.baseUrls.zoloz}${ENROLL}`)).status).toBe(405);
    const none = await zoloz(s, "/api/v1/zoloz/nothing", { a: 1 });
    expect(none.json.result.resultCode).toBe("NO_INTERFACE_DEF");
    expect(none.verified).toBe("valid");
    expect((await call(`${s.baseUrls.zoloz}/elsewhere`, { method: "POST" })).status).toBe(404);
    const garbage = await call(`${s.baseUrls.zoloz}${ENROLL}`, { method: "POST", body: Buffer.from([0, 255, 1, 2]) });
    expect(garbage.json.result.resultStatus).toBe("F");
    const huge = await zoloz(s, TEST, undefined, { rawBody: `{"a":"${"x".repeat(20 * 1024 * 1024)}"}` });
    expect(huge.json.result.resultCode).toBe("MSG_PARSE_ERROR");
  });

  it("answered only with rejections the spec documents (no fallback used)", () => {
    expect(s.rules.gaps).toEqual([]);
  });
});
