// ZOLOZ gateway protocol (public/private-key mode): request/response signing and verification,
// header formats, and the optional RSA_AES body encryption. Client and sandbox sides both live
// here so the two can never drift apart.

import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import type { SignatureVerification } from "../types.ts";
import { SignatureHeaderError, ZolozCryptoError } from "./errors.ts";

export const ZOLOZ_JSON_CONTENT_TYPE = "application/json; charset=UTF-8";
export const ZOLOZ_ENCRYPTED_CONTENT_TYPE = "text/plain; charset=UTF-8";
export const ZOLOZ_SIGNATURE_ALGORITHM = "RSA256";
export const ZOLOZ_ENCRYPT_ALGORITHM = "RSA_AES";

// ---------------------------------------------------------------- time

/** `yyyy-MM-ddTHH:mm:ss+hhmm` (Java `yyyy-MM-dd'T'HH:mm:ssZ`); UTC (`+0000`) unless an offset is given. */
export function formatRequestTime(date: Date, offsetMinutes = 0): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${p(local.getUTCFullYear(), 4)}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}` +
    `T${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}` +
    `${sign}${p(Math.floor(abs / 60))}${p(abs % 60)}`
  );
}

export interface ParsedRequestTime {
  date: Date;
  offsetMinutes: number;
  /** `+hhmm` is what the SDKs send; `+hh:mm` appears on older doc pages; `Z` is plain RFC 3339. */
  zoneStyle: "+hhmm" | "+hh:mm" | "Z";
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2})(:?)(\d{2}))$/;

/** Parse a Request-Time / Response-Time value; undefined when it is not one of the accepted forms. */
export function parseRequestTime(value: string): ParsedRequestTime | undefined {
  const m = TIME.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const utcAsLocal = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(utcAsLocal);
  // Reject 2024-02-30 and 25:00, which Date.UTC would silently roll over.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || check.getUTCHours() !== h || mi > 59 || s > 59) {
    return undefined;
  }
  if (m[8] === "Z") return { date: check, offsetMinutes: 0, zoneStyle: "Z" };
  const oh = Number(m[10]);
  const om = Number(m[12]);
  if (oh > 23 || om > 59) return undefined;
  const offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  return { date: new Date(utcAsLocal - offsetMinutes * 60_000), offsetMinutes, zoneStyle: m[11] ? "+hh:mm" : "+hhmm" };
}

// ---------------------------------------------------------------- content and raw signatures

/** The signed content: `POST <path>\n<clientId>.<time>.<body>` (body exactly as sent). */
export function zolozContent(path: string, clientId: string, time: string, body: string): string {
  return `POST ${path}\n${clientId}.${time}.${body}`;
}

/** Byte form of `zolozContent`: keeps non-UTF-8 bodies (garbage cases) byte-exact. */
export function zolozContentBytes(path: string, clientId: string, time: string, body: string | Uint8Array): Buffer {
  const bodyBytes =
    typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.concat([Buffer.from(`POST ${path}\n${clientId}.${time}.`, "utf8"), bodyBytes]);
}

/** SHA256withRSA (RSASSA-PKCS1-v1_5) over the content, standard Base64. */
export function signZoloz(content: string | Uint8Array, privateKey: KeyObject): string {
  return sign("sha256", toBytes(content), privateKey).toString("base64");
}

/** True when `signature` is a valid SHA256withRSA signature of `content` under `publicKey`. */
export function verifyZoloz(content: string | Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return verify("sha256", toBytes(content), publicKey, signature);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- headers

export type SignatureEncoding = "percent-encoded-base64" | "base64url" | "base64";

export interface ParsedSignatureHeader {
  algorithm: string;
  signature: Buffer;
  keyVersion?: string;
  /** How the value was written: the SDKs percent-encode standard Base64, the doc says base64url. */
  encoding: SignatureEncoding;
}

/** `algorithm=RSA256, signature=<percent-encoded base64>[, keyVersion=<v>]`, as the vendor SDKs write it. */
export function formatSignatureHeader(base64Signature: string, keyVersion?: string): string {
  const head = `algorithm=${ZOLOZ_SIGNATURE_ALGORITHM}, signature=${encodeURIComponent(base64Signature)}`;
  return keyVersion === undefined ? head : `${head}, keyVersion=${keyVersion}`;
}

/** Parse a `Signature` header; throws SignatureHeaderError with a one-line reason. */
export function parseSignatureHeader(value: string): ParsedSignatureHeader {
  const params = parseParams(value, "Signature");
  const algorithm = params.get("algorithm");
  if (algorithm === undefined || algorithm === "") throw new SignatureHeaderError("Signature header has no algorithm=");
  const raw = params.get("signature");
  if (raw === undefined || raw === "") throw new SignatureHeaderError("Signature header has no signature=");
  const { bytes, encoding } = decodeBase64Value(raw, "signature");
  const keyVersion = params.get("keyversion");
  return keyVersion === undefined
    ? { algorithm, signature: bytes, encoding }
    : { algorithm, signature: bytes, keyVersion, encoding };
}

/**
 * Split `a=1, b=2` on commas, then each pair on its FIRST "=" so raw Base64 padding survives
 * (the Java SDK splits on every "=" and drops such pairs). Names are matched case-insensitively.
 */
function parseParams(value: string, header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of value.split(",")) {
    const item = part.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq <= 0) throw new SignatureHeaderError(`${header} header item "${item.slice(0, 40)}" is not name=value`);
    const name = item.slice(0, eq).trim().toLowerCase();
    if (params.has(name)) throw new SignatureHeaderError(`${header} header repeats ${name}=`);
    params.set(name, item.slice(eq + 1).trim());
  }
  return params;
}

const STD = /^[A-Za-z0-9+/]+={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]+={0,2}$/;

/** Decode a Base64 value written percent-encoded, raw standard, or base64url (padded or not). */
function decodeBase64Value(raw: string, what: string): { bytes: Buffer; encoding: SignatureEncoding } {
  let text = raw;
  let encoding: SignatureEncoding | undefined;
  if (raw.includes("%")) {
    try {
      text = decodeURIComponent(raw);
    } catch {
      throw new SignatureHeaderError(`${what} has a broken percent-encoding`);
    }
    encoding = "percent-encoded-base64";
  }
  const std = STD.test(text);
  const url = URL_SAFE.test(text);
  if (!std && !url) throw new SignatureHeaderError(`${what} is not Base64 (neither standard nor base64url alphabet)`);
  const unpadded = text.replace(/=+$/, "");
  if (unpadded.length % 4 === 1 || (text.length !== unpadded.length && text.length % 4 !== 0)) {
    throw new SignatureHeaderError(`${what} has an impossible Base64 length`);
  }
  // Both alphabets agree on letters and digits; only the padding hints at which one was meant.
  encoding ??= /[-_]/.test(text) ? "base64url" : /[+/]/.test(text) || text.endsWith("=") ? "base64" : "base64url";
  return { bytes: Buffer.from(unpadded, url && !std ? "base64url" : "base64"), encoding };
}

// ---------------------------------------------------------------- client side

export interface ZolozRequestHeaders {
  "content-type": string;
  "client-id": string;
  "request-time": string;
  signature: string;
  encrypt?: string;
  [name: string]: string | undefined;
}

/** Requests and responses are signed alike: over `POST <path>\n<clientId>.<time>.<body as sent>`, at the current time. */
function signedNow(o: ZolozSigningOptions): { time: string; signature: string } {
  const time = formatRequestTime(o.now ?? new Date());
  return { time, signature: signZoloz(zolozContentBytes(o.path, o.clientId, time, o.body), o.privateKey) };
}

const contentTypeFor = (encryptHeader: string | undefined) =>
  encryptHeader === undefined ? ZOLOZ_JSON_CONTENT_TYPE : ZOLOZ_ENCRYPTED_CONTENT_TYPE;

export interface ZolozSigningOptions {
  /** The request's path: responses are signed over the request URI too. */
  path: string;
  clientId: string;
  /** Body exactly as it is sent (the ciphertext when encrypted). */
  body: string | Uint8Array;
  /** The merchant's key for requests, the platform (ZOLOZ-side) key for responses. */
  privateKey: KeyObject;
  now?: Date;
  keyVersion?: string;
  encryptHeader?: string;
}

/** Headers for a signed request. Pass `encryptHeader` (from encryptZolozBody) when `body` is ciphertext. */
export function signZolozRequest(options: ZolozSigningOptions): ZolozRequestHeaders {
  const { time, signature } = signedNow(options);
  const headers: ZolozRequestHeaders = {
    "content-type": contentTypeFor(options.encryptHeader),
    "client-id": options.clientId,
    "request-time": time,
    signature: formatSignatureHeader(signature, options.keyVersion),
  };
  if (options.encryptHeader !== undefined) headers.encrypt = options.encryptHeader;
  return headers;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface ZolozVerification extends SignatureVerification {
  status: "valid" | "invalid" | "missing";
  detail: string;
}

/** Verify a response's `Signature` over `POST <request path>\n<clientId>.<Response-Time>.<raw body>`. */
export function verifyZolozResponse(options: {
  /** The request's path (responses are signed over the request URI). */
  path: string;
  clientId: string;
  headers: HeaderBag;
  body: string | Uint8Array;
  /** ZOLOZ's public key for this merchant. */
  publicKey: KeyObject;
}): ZolozVerification {
  const signature = header(options.headers, "signature");
  if (signature === undefined) return { status: "missing", detail: "response has no Signature header" };
  const time = header(options.headers, "response-time");
  if (time === undefined) return { status: "invalid", detail: "response has a Signature but no Response-Time header" };
  const r = checkSignature(
    signature,
    zolozContentBytes(options.path, options.clientId, time, options.body),
    options.publicKey,
    "ZOLOZ public key",
  );
  return { status: r.status, detail: r.detail };
}

// ---------------------------------------------------------------- sandbox side

export type ZolozRequestProblem =
  | "signature-missing"
  | "signature-malformed"
  | "algorithm-unsupported"
  | "signature-mismatch"
  | "client-id-missing"
  | "client-id-unknown"
  | "request-time-missing"
  | "request-time-malformed"
  | "request-time-skew";

export interface ZolozRequestVerification extends ZolozVerification {
  /** Set when status is not "valid", so the sandbox can choose its result code. */
  problem?: ZolozRequestProblem;
  clientId?: string;
  requestTime?: ParsedRequestTime;
  encoding?: SignatureEncoding;
  keyVersion?: string;
}

/** Verify an incoming request as the ZOLOZ gateway would. */
export function verifyZolozRequest(options: {
  path: string;
  headers: HeaderBag;
  body: string | Uint8Array;
  /** The merchant's public key, or a lookup by Client-Id (undefined = unknown client). */
  publicKey: KeyObject | ((clientId: string) => KeyObject | undefined);
  /** Reject a Request-Time further than this from `now` (default: no check). */
  maxSkewSeconds?: number;
  now?: Date;
}): ZolozRequestVerification {
  const clientId = header(options.headers, "client-id");
  const signature = header(options.headers, "signature");
  const time = header(options.headers, "request-time");
  if (clientId === undefined || clientId === "")
    return fail("missing", "client-id-missing", "request has no Client-Id header");
  if (signature === undefined)
    return fail("missing", "signature-missing", "request has no Signature header", { clientId });
  if (time === undefined)
    return fail("invalid", "request-time-missing", "request has no Request-Time header", { clientId });
  const requestTime = parseRequestTime(time);
  if (!requestTime)
    return fail(
      "invalid",
      "request-time-malformed",
      `Request-Time "${time.slice(0, 40)}" is not yyyy-MM-ddTHH:mm:ss+hhmm`,
      { clientId },
    );
  if (options.maxSkewSeconds !== undefined) {
    const skew = Math.abs((options.now ?? new Date()).getTime() - requestTime.date.getTime()) / 1000;
    if (skew > options.maxSkewSeconds) {
      return fail(
        "invalid",
        "request-time-skew",
        `Request-Time is ${Math.round(skew)} s from now (limit ${options.maxSkewSeconds} s)`,
        { clientId, requestTime },
      );
    }
  }
  const key = typeof options.publicKey === "function" ? options.publicKey(clientId) : options.publicKey;
  if (!key)
    return fail("invalid", "client-id-unknown", `Client-Id ${clientId.slice(0, 32)} has no registered public key`, {
      clientId,
      requestTime,
    });
  const r = checkSignature(
    signature,
    zolozContentBytes(options.path, clientId, time, options.body),
    key,
    "merchant public key",
  );
  const out: ZolozRequestVerification = { status: r.status, detail: r.detail, clientId, requestTime };
  if (r.problem) out.problem = r.problem;
  if (r.parsed) {
    out.encoding = r.parsed.encoding;
    if (r.parsed.keyVersion !== undefined) out.keyVersion = r.parsed.keyVersion;
  }
  return out;
}

/** Headers for a signed sandbox response. Pass `encryptHeader` when `body` is ciphertext. */
export function signZolozResponse(
  options: ZolozSigningOptions & {
    /**
     * Default: the SDK way (percent-encoded standard Base64). "base64url" is the doc's RFC 3548 form;
     * "base64" is raw standard Base64, whose "=" padding the Java SDK's header parser drops.
     */
    encoding?: SignatureEncoding;
  },
): Record<string, string> {
  const { time, signature: b64 } = signedNow(options);
  let signature = formatSignatureHeader(b64, options.keyVersion);
  if (options.encoding === "base64url" || options.encoding === "base64") {
    const value = options.encoding === "base64" ? b64 : Buffer.from(b64, "base64").toString("base64url");
    signature =
      `algorithm=${ZOLOZ_SIGNATURE_ALGORITHM}, signature=${value}` +
      (options.keyVersion === undefined ? "" : `, keyVersion=${options.keyVersion}`);
  }
  const headers: Record<string, string> = {
    "content-type": contentTypeFor(options.encryptHeader),
    "response-time": time,
    signature,
  };
  if (options.encryptHeader !== undefined) headers["encrypt"] = options.encryptHeader;
  return headers;
}

function checkSignature(
  value: string,
  content: Buffer,
  key: KeyObject,
  keyName: string,
): { status: "valid" | "invalid"; detail: string; problem?: ZolozRequestProblem; parsed?: ParsedSignatureHeader } {
  let parsed: ParsedSignatureHeader;
  try {
    parsed = parseSignatureHeader(value);
  } catch (error) {
    return { status: "invalid", problem: "signature-malformed", detail: (error as Error).message };
  }
  if (parsed.algorithm !== ZOLOZ_SIGNATURE_ALGORITHM) {
    return {
      status: "invalid",
      problem: "algorithm-unsupported",
      parsed,
      detail: `Signature algorithm "${parsed.algorithm.slice(0, 20)}" is not ${ZOLOZ_SIGNATURE_ALGORITHM}`,
    };
  }
  if (!verifyZoloz(content, parsed.signature, key)) {
    return {
      status: "invalid",
      problem: "signature-mismatch",
      parsed,
      detail: `signature (${parsed.encoding}) does not verify with the ${keyName}`,
    };
  }
  return { status: "valid", parsed, detail: `signature (${parsed.encoding}) verifies with the ${keyName}` };
}

function fail(
  status: "missing" | "invalid",
  problem: ZolozRequestProblem,
  detail: string,
  extra: Partial<ZolozRequestVerification> = {},
): ZolozRequestVerification {
  return { ...extra, status, problem, detail };
}

/** Case-insensitive single header value (first of repeated values). */
function header(headers: HeaderBag, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) return value;
  }
  return undefined;
}

function toBytes(content: string | Uint8Array): Buffer {
  return typeof content === "string"
    ? Buffer.from(content, "utf8")
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

// ---------------------------------------------------------------- RSA_AES encryption

export interface ParsedEncryptHeader {
  algorithm: string;
  /** RSA-encrypted AES key bytes. */
  symmetricKey: Buffer;
  encoding: SignatureEncoding;
}

export function formatEncryptHeader(encryptedKeyBase64: string): string {
  return `algorithm=${ZOLOZ_ENCRYPT_ALGORITHM}, symmetricKey=${encodeURIComponent(encryptedKeyBase64)}`;
}

export function parseEncryptHeader(value: string): ParsedEncryptHeader {
  const params = parseParams(value, "Encrypt");
  const algorithm = params.get("algorithm");
  if (algorithm === undefined || algorithm === "") throw new SignatureHeaderError("Encrypt header has no algorithm=");
  const raw = params.get("symmetrickey");
  if (raw === undefined || raw === "") throw new SignatureHeaderError("Encrypt header has no symmetricKey=");
  const { bytes, encoding } = decodeBase64Value(raw, "symmetricKey");
  return { algorithm, symmetricKey: bytes, encoding };
}

/**
 * Encrypt a JSON body as the SDKs do: random AES key (256 bits by default, like the Java
 * TwoWayAuthProtocol; 128 like the older clients), AES-ECB with PKCS#7, Base64 body; the key is
 * RSA/ECB/PKCS1Padding-encrypted for the recipient. Sign the returned `body`, not the JSON.
 */
export function encryptZolozBody(
  json: string,
  recipientPublicKey: KeyObject,
  options: { keyBits?: 128 | 256; aesKey?: Uint8Array } = {},
): { body: string; encryptHeader: string; aesKey: Buffer } {
  const aesKey = options.aesKey ? Buffer.from(options.aesKey) : randomBytes((options.keyBits ?? 256) / 8);
  const body = aesEcb("encrypt", aesKey, Buffer.from(json, "utf8")).toString("base64");
  const wrapped = publicEncrypt({ key: recipientPublicKey, padding: constants.RSA_PKCS1_PADDING }, aesKey);
  return { body, encryptHeader: formatEncryptHeader(wrapped.toString("base64")), aesKey };
}

/** Decrypt an RSA_AES body to its JSON text. Throws ZolozCryptoError / SignatureHeaderError (one line). */
export function decryptZolozBody(body: string | Uint8Array, encryptHeader: string, privateKey: KeyObject): string {
  return decryptZolozEnvelope(body, encryptHeader, privateKey).json;
}

/** Like decryptZolozBody, also returning the AES key (the sandbox answers with the same key). */
export function decryptZolozEnvelope(
  body: string | Uint8Array,
  encryptHeader: string,
  privateKey: KeyObject,
): { json: string; aesKey: Buffer } {
  const aesKey = unwrapZolozKey(encryptHeader, privateKey);
  return { json: decryptZolozBodyWithKey(body, aesKey), aesKey };
}

/** The AES key an `Encrypt` header carries, RSA-decrypted. Throws ZolozCryptoError / SignatureHeaderError (one line). */
export function unwrapZolozKey(encryptHeader: string, privateKey: KeyObject): Buffer {
  const parsed = parseEncryptHeader(encryptHeader);
  if (parsed.algorithm !== ZOLOZ_ENCRYPT_ALGORITHM) {
    throw new ZolozCryptoError(
      `Encrypt algorithm "${parsed.algorithm.slice(0, 20)}" is not ${ZOLOZ_ENCRYPT_ALGORITHM}`,
    );
  }
  let aesKey: Buffer;
  try {
    aesKey = rsaPkcs1Decrypt(privateKey, parsed.symmetricKey);
  } catch {
    throw new ZolozCryptoError("symmetricKey does not decrypt with this private key (RSA/ECB/PKCS1Padding)");
  }
  if (![16, 24, 32].includes(aesKey.length)) {
    throw new ZolozCryptoError(`symmetricKey decrypts to ${aesKey.length} bytes, not an AES-128/192/256 key`);
  }
  return aesKey;
}

/** Decrypt a Base64 AES-ECB body with a known AES key. */
export function decryptZolozBodyWithKey(body: string | Uint8Array, aesKey: Uint8Array): string {
  // openssl-based clients wrap Base64 at 64 columns; whitespace is not part of the data.
  const text = (typeof body === "string" ? body : Buffer.from(body).toString("latin1")).replace(/\s+/g, "");
  if (text === "" || !STD.test(text) || text.length % 4 !== 0) {
    throw new ZolozCryptoError("encrypted body is not standard Base64");
  }
  let plain: Buffer;
  try {
    plain = aesEcb("decrypt", Buffer.from(aesKey), Buffer.from(text, "base64"));
  } catch {
    throw new ZolozCryptoError(
      "encrypted body does not decrypt with the symmetric key (expected AES-ECB, PKCS#7 padding)",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw new ZolozCryptoError("decrypted body is not UTF-8 text");
  }
}

function aesEcb(direction: "encrypt" | "decrypt", key: Buffer, data: Buffer): Buffer {
  if (![16, 24, 32].includes(key.length))
    throw new ZolozCryptoError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  const algorithm = `aes-${key.length * 8}-ecb`;
  const cipher =
    direction === "encrypt" ? createCipheriv(algorithm, key, null) : createDecipheriv(algorithm, key, null);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

let nativePkcs1Decrypt: boolean | undefined;

/**
 * RSAES-PKCS1-v1_5 decryption. Node 20.20 refuses RSA_PKCS1_PADDING in privateDecrypt
 * (CVE-2023-46809, Marvin attack) unless started with --security-revert, which we do not use.
 * Fallback: raw RSA (RSA_NO_PADDING) and strip the type-2 padding here, without early exits.
 * This is acceptable for a test kit (no network-facing decryption oracle) but it is not a
 * hardened implementation: do not reuse it in a server that decrypts attacker-chosen data with a production key.
 */
export function rsaPkcs1Decrypt(privateKey: KeyObject, data: Uint8Array): Buffer {
  if (nativePkcs1Decrypt !== false) {
    try {
      const out = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, data);
      nativePkcs1Decrypt = true;
      return out;
    } catch (error) {
      if (!/security-revert/.test(String((error as Error).message))) throw error;
      nativePkcs1Decrypt = false;
    }
  }
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, data);
  const message = unpadPkcs1Type2(em);
  if (!message) throw new ZolozCryptoError("RSA PKCS#1 v1.5 padding check failed");
  return message;
}

/** Whether this Node decrypts PKCS#1 v1.5 natively (known only after the first rsaPkcs1Decrypt call). */
export function nativePkcs1DecryptAvailable(): boolean | undefined {
  return nativePkcs1Decrypt;
}

/** EM = 0x00 || 0x02 || PS (>= 8 non-zero bytes) || 0x00 || M. Scans the whole block either way. */
function unpadPkcs1Type2(em: Buffer): Buffer | undefined {
  let good = (em[0] === 0 ? 1 : 0) & (em[1] === 2 ? 1 : 0);
  let found = 0;
  let separator = 0;
  for (let i = 2; i < em.length; i++) {
    const zero = em[i] === 0 ? 1 : 0;
    const first = zero & (found ^ 1);
    separator = first * i + (1 - first) * separator;
    found |= zero;
  }
  good &= found & (separator >= 10 ? 1 : 0);
  return good === 1 ? Buffer.from(em.subarray(separator + 1)) : undefined;
}
