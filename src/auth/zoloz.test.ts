import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SignatureHeaderError, ZolozCryptoError } from "./errors.ts";
import { loadSandboxCredentials } from "./sandbox-credentials.ts";
import {
  decryptZolozBody,
  decryptZolozEnvelope,
  encryptZolozBody,
  formatRequestTime,
  formatSignatureHeader,
  parseEncryptHeader,
  parseRequestTime,
  parseSignatureHeader,
  nativePkcs1DecryptAvailable,
  rsaPkcs1Decrypt,
  signZoloz,
  signZolozRequest,
  signZolozResponse,
  verifyZoloz,
  verifyZolozRequest,
  verifyZolozResponse,
  zolozContent,
} from "./zoloz.ts";

const creds = loadSandboxCredentials();
const { merchantPrivate, merchantPublic, platformPrivate, platformPublic } = creds.keys;
const clientId = creds.zoloz.clientId;
const path = "/api/v1/zoloz/connect/enroll";
const body = JSON.stringify({ bizId: "b-1", userId: "u-1" });
const now = new Date("2024-03-05T07:08:09.123Z");

describe("Request-Time", () => {
  it("formats as yyyy-MM-ddTHH:mm:ss+0000 by default and with an offset", () => {
    expect(formatRequestTime(now)).toBe("2024-03-05T07:08:09+0000");
    expect(formatRequestTime(now, 330)).toBe("2024-03-05T12:38:09+0530");
    expect(formatRequestTime(now, -300)).toBe("2024-03-05T02:08:09-0500");
  });

  it("parses +hhmm, +hh:mm and Z to the same instant; rejects junk", () => {
    const a = parseRequestTime("2024-03-05T12:38:09+0530");
    const b = parseRequestTime("2024-03-05T12:38:09+05:30");
    expect(a?.date.toISOString()).toBe("2024-03-05T07:08:09.000Z");
    expect(b?.date.getTime()).toBe(a?.date.getTime());
    expect([a?.zoneStyle, b?.zoneStyle, parseRequestTime("2024-03-05T07:08:09Z")?.zoneStyle]).toEqual([
      "+hhmm",
      "+hh:mm",
      "Z",
    ]);
    expect(parseRequestTime("2024-02-30T00:00:00+0000")).toBeUndefined();
    expect(parseRequestTime("2024-03-05 07:08:09+0000")).toBeUndefined();
    expect(parseRequestTime("yesterday")).toBeUndefined();
  });
});

describe("raw signing", () => {
  it("builds the content string the SDKs sign", () => {
    expect(zolozContent(path, clientId, "T", "{}")).toBe(`POST ${path}\n${clientId}.T.{}`);
  });

  it("signs and verifies; a wrong key or changed content fails", () => {
    const content = zolozContent(path, clientId, formatRequestTime(now), body);
    const sig = Buffer.from(signZoloz(content, merchantPrivate), "base64");
    expect(sig).toHaveLength(256);
    expect(verifyZoloz(content, sig, merchantPublic)).toBe(true);
    expect(verifyZoloz(content, sig, platformPublic)).toBe(false);
    expect(verifyZoloz(content + " ", sig, merchantPublic)).toBe(false);
  });
});

describe("Signature header", () => {
  const sig = signZoloz("x", merchantPrivate);
  const bytes = Buffer.from(sig, "base64");

  it("percent-encodes standard Base64 like the SDKs", () => {
    const value = formatSignatureHeader(sig, "v1");
    expect(value).toMatch(/^algorithm=RSA256, signature=[A-Za-z0-9%]+, keyVersion=v1$/);
    expect(value).toContain("%3D%3D");
    const parsed = parseSignatureHeader(value);
    expect(parsed).toMatchObject({ algorithm: "RSA256", keyVersion: "v1", encoding: "percent-encoded-base64" });
    expect(parsed.signature.equals(bytes)).toBe(true);
  });

  it("accepts base64url (padded or not) and raw standard Base64 with = padding", () => {
    const url = bytes.toString("base64url");
    for (const [value, encoding] of [
      [`algorithm=RSA256, signature=${url}`, "base64url"],
      [`algorithm=RSA256, signature=${url}==`, "base64url"],
      [`algorithm=RSA256,signature=${sig}`, "base64"],
      // Python's parse.quote leaves "/" alone.
      [`algorithm=RSA256, signature=${sig.replace(/\+/g, "%2B").replace(/=/g, "%3D")}`, "percent-encoded-base64"],
    ] as const) {
      const parsed = parseSignatureHeader(value);
      expect(parsed.encoding).toBe(encoding);
      expect(parsed.signature.equals(bytes)).toBe(true);
    }
  });

  it("rejects malformed headers with a typed one-line error", () => {
    for (const bad of [
      "",
      "signature=abc",
      "algorithm=RSA256",
      "algorithm=RSA256, signature=%zz",
      "algorithm=RSA256, signature=ab*cd",
      "algorithm=RSA256, signature=a",
      "algorithm=RSA256, signature=+-ab",
      "algorithm=RSA256, signature=AA, signature=BB",
    ]) {
      expect(() => parseSignatureHeader(bad), bad).toThrow(SignatureHeaderError);
    }
  });
});

describe("request signing (client) and verification (sandbox)", () => {
  const signed = () => signZolozRequest({ path, clientId, body, privateKey: merchantPrivate, now, keyVersion: "v1" });

  it("signs exactly the documented content string", () => {
    const headers = signed();
    const sig = parseSignatureHeader(headers.signature).signature;
    expect(verifyZoloz(`POST ${path}\n${clientId}.${headers["request-time"]}.${body}`, sig, merchantPublic)).toBe(true);
    const res = signZolozResponse({ path, clientId, body, privateKey: platformPrivate, now });
    const rsig = parseSignatureHeader(res["signature"]!).signature;
    expect(verifyZoloz(`POST ${path}\n${clientId}.${res["response-time"]}.${body}`, rsig, platformPublic)).toBe(true);
  });

  it("round-trips", () => {
    const headers = signed();
    expect(headers["request-time"]).toBe("2024-03-05T07:08:09+0000");
    expect(headers["content-type"]).toBe("application/json; charset=UTF-8");
    const r = verifyZolozRequest({ path, headers, body, publicKey: merchantPublic });
    expect(r).toMatchObject({ status: "valid", clientId, encoding: "percent-encoded-base64", keyVersion: "v1" });
  });

  it("finds the key by Client-Id and reports an unknown client", () => {
    const headers = signed();
    const lookup = (id: string) => (id === clientId ? merchantPublic : undefined);
    expect(verifyZolozRequest({ path, headers, body, publicKey: lookup }).status).toBe("valid");
    const other = { ...headers, "client-id": "9999999999999999" };
    expect(verifyZolozRequest({ path, headers: other, body, publicKey: lookup })).toMatchObject({
      status: "invalid",
      problem: "client-id-unknown",
    });
  });

  it("flags a tampered body, path, signature, time or wrong key as invalid", () => {
    const headers = signed();
    const bad = (o: Partial<Parameters<typeof verifyZolozRequest>[0]>) =>
      verifyZolozRequest({ path, headers, body, publicKey: merchantPublic, ...o });
    expect(bad({ body: body.replace("u-1", "u-2") })).toMatchObject({
      status: "invalid",
      problem: "signature-mismatch",
    });
    expect(bad({ path: "/api/v1/zoloz/connect/unenroll" }).status).toBe("invalid");
    expect(bad({ publicKey: platformPublic }).status).toBe("invalid");
    expect(bad({ headers: { ...headers, "request-time": "2024-03-05T07:08:10+0000" } }).status).toBe("invalid");
    const sig = parseSignatureHeader(headers.signature).signature;
    sig[10] = sig[10]! ^ 1;
    expect(bad({ headers: { ...headers, signature: formatSignatureHeader(sig.toString("base64")) } })).toMatchObject({
      status: "invalid",
      problem: "signature-mismatch",
    });
    expect(bad({ headers: { ...headers, signature: headers.signature.replace("RSA256", "RSA512") } })).toMatchObject({
      problem: "algorithm-unsupported",
    });
    expect(bad({ headers: { ...headers, "request-time": "05/03/2024" } })).toMatchObject({
      problem: "request-time-malformed",
    });
  });

  it("reports missing headers and clock skew", () => {
    const { signature: _s, ...noSig } = signed();
    expect(verifyZolozRequest({ path, headers: noSig, body, publicKey: merchantPublic })).toMatchObject({
      status: "missing",
      problem: "signature-missing",
    });
    const { "client-id": _c, ...noClient } = signed();
    expect(verifyZolozRequest({ path, headers: noClient, body, publicKey: merchantPublic })).toMatchObject({
      status: "missing",
      problem: "client-id-missing",
    });
    const skewed = verifyZolozRequest({
      path,
      headers: signed(),
      body,
      publicKey: merchantPublic,
      maxSkewSeconds: 300,
      now: new Date(now.getTime() + 301_000),
    });
    expect(skewed).toMatchObject({ status: "invalid", problem: "request-time-skew" });
  });

  it("accepts the doc's base64url form and header names in any case", () => {
    const headers = signed();
    const url = parseSignatureHeader(headers.signature).signature.toString("base64url");
    const r = verifyZolozRequest({
      path,
      body,
      publicKey: merchantPublic,
      headers: {
        "Client-Id": clientId,
        "Request-Time": headers["request-time"],
        Signature: `algorithm=RSA256, signature=${url}`,
      },
    });
    expect(r).toMatchObject({ status: "valid", encoding: "base64url" });
  });
});

describe("response signing (sandbox) and verification (client)", () => {
  const responseBody = JSON.stringify({
    result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "success" },
  });

  it("round-trips in both encodings", () => {
    for (const encoding of ["percent-encoded-base64", "base64url", "base64"] as const) {
      const headers = signZolozResponse({
        path,
        clientId,
        body: responseBody,
        privateKey: platformPrivate,
        now,
        encoding,
      });
      const r = verifyZolozResponse({ path, clientId, headers, body: responseBody, publicKey: platformPublic });
      expect(r.status, encoding).toBe("valid");
      expect(r.detail).toContain(encoding);
    }
  });

  it("verifies raw bytes and flags tampering, a wrong key and a missing header", () => {
    const headers = signZolozResponse({ path, clientId, body: responseBody, privateKey: platformPrivate, now });
    const bytes = new TextEncoder().encode(responseBody);
    expect(verifyZolozResponse({ path, clientId, headers, body: bytes, publicKey: platformPublic }).status).toBe(
      "valid",
    );
    expect(
      verifyZolozResponse({ path, clientId, headers, body: responseBody + "\n", publicKey: platformPublic }).status,
    ).toBe("invalid");
    expect(verifyZolozResponse({ path, clientId, headers, body: responseBody, publicKey: merchantPublic }).status).toBe(
      "invalid",
    );
    expect(
      verifyZolozResponse({ path, clientId: "1".repeat(16), headers, body: responseBody, publicKey: platformPublic })
        .status,
    ).toBe("invalid");
    const { signature: _s, ...unsigned } = headers;
    expect(
      verifyZolozResponse({ path, clientId, headers: unsigned, body: responseBody, publicKey: platformPublic }),
    ).toEqual({ status: "missing", detail: "response has no Signature header" });
    const { "response-time": _t, ...noTime } = headers;
    expect(
      verifyZolozResponse({ path, clientId, headers: noTime, body: responseBody, publicKey: platformPublic }).status,
    ).toBe("invalid");
    expect(
      verifyZolozResponse({
        path,
        clientId,
        headers: { ...headers, signature: "algorithm=RSA256, signature=###" },
        body: responseBody,
        publicKey: platformPublic,
      }).status,
    ).toBe("invalid");
  });
});

describe("RSA_AES encryption", () => {
  it("decrypts PKCS#1 v1.5 even where Node refuses it natively (CVE-2023-46809 revert)", () => {
    const key = Buffer.alloc(32, 7);
    const wrapped = publicEncrypt({ key: merchantPublic, padding: constants.RSA_PKCS1_PADDING }, key);
    let native = true;
    try {
      privateDecrypt({ key: merchantPrivate, padding: constants.RSA_PKCS1_PADDING }, wrapped);
    } catch {
      native = false;
    }
    expect(rsaPkcs1Decrypt(merchantPrivate, wrapped).equals(key)).toBe(true);
    expect(nativePkcs1DecryptAvailable()).toBe(native);
    // A block that is not type-2 padded must be refused, not returned.
    const raw = publicEncrypt({ key: merchantPublic, padding: constants.RSA_NO_PADDING }, Buffer.alloc(256, 1));
    expect(() => rsaPkcs1Decrypt(merchantPrivate, raw)).toThrow();
  });

  it("round-trips client→sandbox and sandbox→client, 128 and 256-bit keys", () => {
    const json = JSON.stringify({ userId: "u-1", note: "ünïcødé ✓" });
    for (const keyBits of [128, 256] as const) {
      const req = encryptZolozBody(json, platformPublic, { keyBits });
      expect(req.aesKey).toHaveLength(keyBits / 8);
      expect(req.encryptHeader).toMatch(/^algorithm=RSA_AES, symmetricKey=[A-Za-z0-9%]+$/);
      expect(req.body).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(decryptZolozBody(req.body, req.encryptHeader, platformPrivate)).toBe(json);
      const res = encryptZolozBody(json, merchantPublic, { keyBits });
      expect(decryptZolozBody(res.body, res.encryptHeader, merchantPrivate)).toBe(json);
    }
  });

  it("signs the ciphertext and lets the sandbox reuse the request key", () => {
    const json = '{"a":1}';
    const { body: cipher, encryptHeader, aesKey } = encryptZolozBody(json, platformPublic);
    const headers = signZolozRequest({ path, clientId, body: cipher, privateKey: merchantPrivate, encryptHeader, now });
    expect(headers["content-type"]).toBe("text/plain; charset=UTF-8");
    expect(headers.encrypt).toBe(encryptHeader);
    expect(verifyZolozRequest({ path, headers, body: cipher, publicKey: merchantPublic }).status).toBe("valid");
    expect(verifyZolozRequest({ path, headers, body: json, publicKey: merchantPublic }).status).toBe("invalid");
    const opened = decryptZolozEnvelope(cipher, headers.encrypt!, platformPrivate);
    expect(opened.aesKey.equals(aesKey)).toBe(true);
    const reply = encryptZolozBody('{"ok":true}', merchantPublic, { aesKey: opened.aesKey });
    expect(decryptZolozBody(reply.body, reply.encryptHeader, merchantPrivate)).toBe('{"ok":true}');
  });

  it("tolerates wrapped Base64 and a raw-Base64 symmetricKey", () => {
    const { body, encryptHeader } = encryptZolozBody('{"x":"' + "y".repeat(200) + '"}', platformPublic);
    const wrapped = body.match(/.{1,64}/g)!.join("\n");
    const rawKey = decodeURIComponent(encryptHeader.split("symmetricKey=")[1]!);
    expect(parseEncryptHeader(`algorithm=RSA_AES, symmetricKey=${rawKey}`).encoding).toBe("base64");
    expect(decryptZolozBody(wrapped, `algorithm=RSA_AES, symmetricKey=${rawKey}`, platformPrivate)).toContain("yyyy");
  });

  it("fails with one-line errors on the wrong key, a bad body or a bad header", () => {
    const { body, encryptHeader } = encryptZolozBody("{}", platformPublic);
    const expectOneLine = (f: () => unknown, type: new (...a: never[]) => Error) => {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(type);
      expect((error as Error).message).not.toMatch(/\n/);
    };
    expectOneLine(() => decryptZolozBody(body, encryptHeader, merchantPrivate), ZolozCryptoError);
    expectOneLine(() => decryptZolozBody("not base64!", encryptHeader, platformPrivate), ZolozCryptoError);
    expectOneLine(
      () => decryptZolozBody(Buffer.alloc(16, 1).toString("base64"), encryptHeader, platformPrivate),
      ZolozCryptoError,
    );
    expectOneLine(
      () => decryptZolozBody(body, encryptHeader.replace("RSA_AES", "AES"), platformPrivate),
      ZolozCryptoError,
    );
    expectOneLine(() => decryptZolozBody(body, "symmetricKey=abc", platformPrivate), SignatureHeaderError);
  });

  it("works with a freshly generated key pair too (not only the fixtures)", () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const { body, encryptHeader } = encryptZolozBody('{"k":1}', publicKey, { keyBits: 128 });
    expect(decryptZolozBody(body, encryptHeader, privateKey)).toBe('{"k":1}');
  });
});
