// ZOLOZ request/response signing and verification (SHA256withRSA over `POST <path>\n<clientId>.<time>.<body>`),
// client and sandbox sides together so the two can never drift apart.

import { sign, verify, type KeyObject } from "node:crypto";
import type { SignatureVerification } from "../types.ts";
import {
  formatRequestTime,
  formatSignatureHeader,
  parseRequestTime,
  parseSignatureHeader,
  ZOLOZ_ENCRYPTED_CONTENT_TYPE,
  ZOLOZ_JSON_CONTENT_TYPE,
  ZOLOZ_SIGNATURE_ALGORITHM,
  type ParsedRequestTime,
  type ParsedSignatureHeader,
  type SignatureEncoding,
} from "./zoloz-format.ts";

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
