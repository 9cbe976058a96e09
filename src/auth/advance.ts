// ADVANCE.AI token authentication: signature, a caching token provider for the client,
// and HS512 token minting/checking for the local sandbox.

import { createHash, randomUUID } from "node:crypto";
import { InfraError } from "../types.ts";
import { AuthError } from "./errors.ts";
import { CachingTokenProvider, type IssuedToken } from "./token-cache.ts";
import { signJwt, verifyJwt, type JwtClaims, type TokenCheck } from "./jws.ts";

export const ADVANCE_TOKEN_PATH = "/openapi/auth/ticket/v1/generate-token";
/** Business APIs take the raw token in this header (no `Bearer` prefix). */
export const ADVANCE_TOKEN_HEADER = "x-access-token";
export const ADVANCE_PERIOD_DEFAULT = 3600;
export const ADVANCE_PERIOD_MIN = 60;
export const ADVANCE_PERIOD_MAX = 86400;

/** Lower-case hex SHA-256 of `accessKey + secretKey + timestamp`, no separators. */
export function advanceSignature(accessKey: string, secretKey: string, timestamp: string | number): string {
  return createHash("sha256").update(`${accessKey}${secretKey}${timestamp}`, "utf8").digest("hex");
}

export interface AdvanceTokenRequestBody {
  accessKey: string;
  /** Epoch milliseconds; the docs say "13-digit string" but every example sends a number. */
  timestamp: number;
  signature: string;
  periodSecond: number;
}

/** The parts of a token answer the provider reads; anything else is ignored. */
export interface TokenResponseLike {
  code: string;
  message?: string | null;
  data?: { token?: string | null; expiredTime?: number | string | null } | null;
  transactionId?: string | null;
}

export interface AdvanceTokenCall {
  /** Absolute URL of the token endpoint. */
  url: string;
  headers: Record<string, string>;
}

/**
 * Sends the token request and returns the parsed answer. Injected so the transport can send it
 * through its own recorder; network faults should be thrown as InfraError("auth-unavailable").
 */
export type AdvanceTokenSend = (body: AdvanceTokenRequestBody, call: AdvanceTokenCall) => Promise<TokenResponseLike>;

export type AdvanceTokenProviderOptions =
  | {
      baseUrl: string;
      accessKey: string;
      secretKey: string;
      /** Requested token lifetime in seconds, 60..86400; default 3600. */
      periodSecond?: number;
      fetchToken?: AdvanceTokenSend;
      /** Clock in epoch ms (tests inject a fake). */
      now?: () => number;
    }
  /** A ready token (e.g. from the environment): never refreshed. */
  | { accessToken: string; now?: () => number };

/** Body of the token request, signed with the given timestamp. */
export function buildAdvanceTokenRequest(
  accessKey: string,
  secretKey: string,
  timestampMs: number,
  periodSecond: number = ADVANCE_PERIOD_DEFAULT,
): AdvanceTokenRequestBody {
  return {
    accessKey,
    timestamp: timestampMs,
    signature: advanceSignature(accessKey, secretKey, timestampMs),
    periodSecond,
  };
}

/** Refresh this long before expiry: 30 s, but never more than 10% of the token's lifetime. */
export function refreshMarginMs(lifetimeMs: number, maxMarginMs = 30_000): number {
  return Math.max(0, Math.min(maxMarginMs, lifetimeMs * 0.1));
}

export class AdvanceTokenProvider extends CachingTokenProvider {
  private readonly config:
    { url: string; accessKey: string; secretKey: string; periodSecond: number; send: AdvanceTokenSend } | undefined;

  constructor(options: AdvanceTokenProviderOptions) {
    if ("accessToken" in options) {
      if (!options.accessToken) throw new AuthError("advance", "ADVANCE access token is empty");
      super(options.accessToken, options.now);
      return;
    }
    super(undefined, options.now);
    const periodSecond = options.periodSecond ?? ADVANCE_PERIOD_DEFAULT;
    if (!Number.isInteger(periodSecond) || periodSecond < ADVANCE_PERIOD_MIN || periodSecond > ADVANCE_PERIOD_MAX) {
      throw new RangeError(
        `ADVANCE periodSecond must be an integer in ${ADVANCE_PERIOD_MIN}..${ADVANCE_PERIOD_MAX}, got ${periodSecond}`,
      );
    }
    if (!options.accessKey || !options.secretKey) {
      throw new AuthError("advance", "ADVANCE accessKey and secretKey are both required");
    }
    this.config = {
      url: options.baseUrl.replace(/\/+$/, "") + ADVANCE_TOKEN_PATH,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      periodSecond,
      send: options.fetchToken ?? fetchAdvanceToken,
    };
  }

  protected get hasCredentials(): boolean {
    return this.config !== undefined;
  }

  /** Header to add to business API calls. */
  async headers(): Promise<Record<string, string>> {
    return { [ADVANCE_TOKEN_HEADER]: await this.getToken() };
  }

  protected async issue(): Promise<IssuedToken> {
    const c = this.config!;
    const requestedAt = this.now();
    const body = buildAdvanceTokenRequest(c.accessKey, c.secretKey, requestedAt, c.periodSecond);
    const answer = await c.send(body, { url: c.url, headers: { "content-type": "application/json" } });
    const token = answer?.data?.token;
    if (answer?.code !== "SUCCESS" || typeof token !== "string" || token === "") {
      const code = typeof answer?.code === "string" ? answer.code : "no code";
      const message = typeof answer?.message === "string" ? `: ${answer.message.slice(0, 200)}` : "";
      const what = answer?.code === "SUCCESS" ? "SUCCESS without data.token" : `${code}${message}`;
      throw new AuthError("advance", `ADVANCE token request refused (${what})`, code);
    }
    // expiredTime is epoch ms; fall back to the requested period when absent or unparsable.
    const raw = Number(answer.data?.expiredTime);
    const expiresAt = Number.isFinite(raw) && raw > 0 ? raw : requestedAt + c.periodSecond * 1000;
    const lifetime = Math.max(0, expiresAt - requestedAt);
    return { token, expiresAt, refreshAt: expiresAt - refreshMarginMs(lifetime) };
  }
}

/** Default sender: global fetch, JSON in and out. */
export async function fetchAdvanceToken(
  body: AdvanceTokenRequestBody,
  call: AdvanceTokenCall,
): Promise<TokenResponseLike> {
  let response: Response;
  try {
    response = await fetch(call.url, { method: "POST", headers: call.headers, body: JSON.stringify(body) });
  } catch (error) {
    throw new InfraError("auth-unavailable", `ADVANCE token endpoint unreachable: ${describe(error)}`);
  }
  const text = await response.text();
  if (response.status >= 500) {
    throw new InfraError("auth-unavailable", `ADVANCE token endpoint answered HTTP ${response.status}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AuthError(
      "advance",
      `ADVANCE token endpoint answered HTTP ${response.status} without a JSON body`,
      undefined,
      response.status,
    );
  }
  if (typeof json !== "object" || json === null || typeof (json as { code?: unknown }).code !== "string") {
    throw new AuthError(
      "advance",
      `ADVANCE token endpoint answered HTTP ${response.status} without a code`,
      undefined,
      response.status,
    );
  }
  return json as TokenResponseLike;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

// ---------------------------------------------------------------- sandbox side

export interface AdvanceTokenClaims extends JwtClaims {
  iss: "h5_liveness";
  aud: "WEB";
  /** Access key the token was issued to. */
  sub: string;
  iat: number;
  exp: number;
  jti: string;
}

/** Mint a sandbox token shaped like ADVANCE's (HS512 JWT, iss h5_liveness, aud WEB, seconds). */
export function mintAdvanceToken(options: {
  secret: string | Uint8Array;
  accessKey: string;
  periodSecond?: number;
  nowMs?: number;
}): { token: string; expiredTime: number } {
  const nowMs = options.nowMs ?? Date.now();
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + (options.periodSecond ?? ADVANCE_PERIOD_DEFAULT);
  const claims: AdvanceTokenClaims = {
    iss: "h5_liveness",
    aud: "WEB",
    sub: options.accessKey,
    iat,
    exp,
    jti: randomUUID(),
  };
  // ADVANCE's example token header is exactly {"alg":"HS512"}, without "typ".
  return { token: signJwt(claims, options.secret, "HS512", { alg: "HS512" }), expiredTime: exp * 1000 };
}

/** Check a sandbox ADVANCE token: valid | expired | invalid (forged, malformed, wrong issuer). */
export function verifyAdvanceToken(
  token: string,
  secret: string | Uint8Array,
  nowMs: number = Date.now(),
): TokenCheck<AdvanceTokenClaims> {
  const check = verifyJwt(token, secret, "HS512", nowMs);
  if (check.status === "invalid") return check;
  const c = check.claims;
  if (c["iss"] !== "h5_liveness" || c["aud"] !== "WEB" || typeof c["sub"] !== "string") {
    return { status: "invalid", detail: "token was not issued by the ADVANCE sandbox (iss/aud/sub)" };
  }
  return check as TokenCheck<AdvanceTokenClaims>;
}
