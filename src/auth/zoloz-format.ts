// ZOLOZ gateway header formats: the protocol constants, Request-Time/Response-Time values, and the
// `name=value` Signature header with its Base64 variants (shared by signing and by the Encrypt header).

import { SignatureHeaderError } from "./errors.ts";

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
export function parseParams(value: string, header: string): Map<string, string> {
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

export const STD = /^[A-Za-z0-9+/]+={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]+={0,2}$/;

/** Decode a Base64 value written percent-encoded, raw standard, or base64url (padded or not). */
export function decodeBase64Value(raw: string, what: string): { bytes: Buffer; encoding: SignatureEncoding } {
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
