// Minimal compact-JWS (JWT) signing and checking with HMAC, for the sandbox's own tokens.
// Only what the sandbox needs: HS256/HS512, exp/iat in seconds, constant-time comparison.

import { createHmac, timingSafeEqual } from "node:crypto";

export type HmacAlg = "HS256" | "HS512";

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number };

export type TokenCheck<C = JwtClaims> =
  | { status: "valid"; claims: C; detail: string }
  | { status: "expired"; claims: C; detail: string }
  | { status: "invalid"; detail: string };

const HASH: Record<HmacAlg, string> = { HS256: "sha256", HS512: "sha512" };

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

function mac(alg: HmacAlg, secret: string | Uint8Array, input: string): Buffer {
  return createHmac(HASH[alg], secret).update(input).digest();
}

/** Sign `claims` as a compact JWS. `header` extras let a sandbox imitate a vendor's header exactly. */
export function signJwt(
  claims: JwtClaims,
  secret: string | Uint8Array,
  alg: HmacAlg,
  header: Record<string, unknown> = { alg },
): string {
  const input = `${b64url(JSON.stringify({ ...header, alg }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(mac(alg, secret, input))}`;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Check a compact JWS: structure, algorithm (must equal `alg`, so "none" and alg swaps fail),
 * signature, then `exp` against `nowMs`. Expiry is only reported for an authentic token.
 */
export function verifyJwt(token: string, secret: string | Uint8Array, alg: HmacAlg, nowMs: number): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) {
    return { status: "invalid", detail: "token is not a compact JWS (three base64url segments)" };
  }
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return { status: "invalid", detail: "token header or payload is not base64url JSON" };
  }
  if (!isObject(header) || header["alg"] !== alg) {
    return { status: "invalid", detail: `token algorithm is not ${alg}` };
  }
  const expected = mac(alg, secret, `${h}.${p}`);
  const given = Buffer.from(s, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: "invalid", detail: "token signature does not verify" };
  }
  if (!isObject(claims)) return { status: "invalid", detail: "token payload is not a JSON object" };
  const exp = claims["exp"];
  if (typeof exp !== "number" || !Number.isFinite(exp)) {
    return { status: "invalid", detail: "token has no numeric exp claim" };
  }
  if (nowMs >= exp * 1000) {
    return {
      status: "expired",
      claims: claims as JwtClaims,
      detail: `token expired at ${new Date(exp * 1000).toISOString()}`,
    };
  }
  return { status: "valid", claims: claims as JwtClaims, detail: "token valid" };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
