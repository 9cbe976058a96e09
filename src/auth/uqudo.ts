// uqudo OAuth2 client-credentials token provider, and sandbox-side token minting/checking.

import { randomUUID } from "node:crypto";
import { InfraError } from "../types.ts";
import { AuthError } from "./errors.ts";
import { CachingTokenProvider, type IssuedToken } from "./token-cache.ts";
import { signJwt, verifyJwt, type JwtClaims, type TokenCheck } from "./jws.ts";

export const UQUDO_TOKEN_PATH = "/api/oauth/token";
export const UQUDO_DEFAULT_AUTH_URL = "https://auth.uqudo.io";
export const UQUDO_DEFAULT_EXPIRES_IN = 1800;

export interface UqudoTokenRequest {
  url: string;
  headers: Record<string, string>;
  /** Form-encoded body. Carries client_secret: a recorder must redact it. */
  body: string;
}

export interface UqudoTokenHttpResponse {
  status: number;
  /** Parsed JSON body, when it was JSON. */
  json?: unknown;
}

/** Sends the token request (injected so the transport can record it); throw InfraError on network faults. */
export type UqudoTokenSend = (request: UqudoTokenRequest) => Promise<UqudoTokenHttpResponse>;

export type UqudoTokenProviderOptions =
  | {
      /** Origin of the auth server, e.g. https://auth.uqudo.io; the token path is appended. */
      authUrl: string;
      clientId: string;
      clientSecret: string;
      send?: UqudoTokenSend;
      /** Clock in epoch ms (tests inject a fake). */
      now?: () => number;
    }
  | { accessToken: string; now?: () => number };

/** Refresh this long before expiry: 60 s, but never more than 10% of the token's lifetime. */
function marginMs(lifetimeMs: number): number {
  return Math.max(0, Math.min(60_000, lifetimeMs * 0.1));
}

export class UqudoTokenProvider extends CachingTokenProvider {
  private readonly config: { url: string; clientId: string; clientSecret: string; send: UqudoTokenSend } | undefined;

  constructor(options: UqudoTokenProviderOptions) {
    if ("accessToken" in options) {
      if (!options.accessToken) throw new AuthError("uqudo", "uqudo access token is empty");
      super(options.accessToken, options.now);
      return;
    }
    super(undefined, options.now);
    if (!options.clientId || !options.clientSecret) {
      throw new AuthError("uqudo", "uqudo clientId and clientSecret are both required");
    }
    this.config = {
      url: options.authUrl.replace(/\/+$/, "") + UQUDO_TOKEN_PATH,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      send: options.send ?? fetchUqudoToken,
    };
  }

  protected get hasCredentials(): boolean {
    return this.config !== undefined;
  }

  /** Value of the Authorization header: `Bearer <token>`. */
  async authorization(): Promise<string> {
    return `Bearer ${await this.getToken()}`;
  }

  protected async issue(): Promise<IssuedToken> {
    const c = this.config!;
    const requestedAt = this.now();
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: c.clientId,
      client_secret: c.clientSecret,
    }).toString();
    const answer = await c.send({
      url: c.url,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
    });
    if (answer.status === 401) {
      throw new AuthError("uqudo", "uqudo rejected the client credentials (401)", undefined, 401);
    }
    if (answer.status >= 500) {
      throw new InfraError("auth-unavailable", `uqudo token endpoint answered HTTP ${answer.status}`);
    }
    if (answer.status !== 200) {
      const error = field(answer.json, "error");
      throw new AuthError(
        "uqudo",
        `uqudo token request refused (HTTP ${answer.status}${error ? `, ${error.slice(0, 80)}` : ""})`,
        error,
        answer.status,
      );
    }
    const token = field(answer.json, "access_token");
    if (!token) throw new AuthError("uqudo", "uqudo token answer has no access_token", undefined, 200);
    const expiresIn = Number((answer.json as { expires_in?: unknown }).expires_in);
    // Missing or nonsense expires_in: assume the documented 1800 s rather than caching forever.
    const lifetime = (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : UQUDO_DEFAULT_EXPIRES_IN) * 1000;
    const expiresAt = requestedAt + lifetime;
    return { token, expiresAt, refreshAt: expiresAt - marginMs(lifetime) };
  }
}

/** Default sender: global fetch. */
export async function fetchUqudoToken(request: UqudoTokenRequest): Promise<UqudoTokenHttpResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } })?.cause?.code;
    throw new InfraError("auth-unavailable", `uqudo token endpoint unreachable: ${cause ?? (error as Error).message}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
  } catch {
    return { status: response.status };
  }
}

function field(json: unknown, name: string): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const v = (json as Record<string, unknown>)[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The token from an `Authorization: Bearer <token>` value (scheme case-insensitive), or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return m?.[1];
}

// ---------------------------------------------------------------- sandbox side

export interface UqudoTokenClaims extends JwtClaims {
  client_id: string;
  scope: string[];
  iat: number;
  exp: number;
  jti: string;
}

/** The body of a successful token answer, as uqudo documents it. */
export interface UqudoTokenAnswer {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  scope: string;
  jti: string;
}

/** Mint a sandbox token (HS256 JWS) and the full OAuth answer body around it. */
export function mintUqudoToken(options: {
  secret: string | Uint8Array;
  clientId: string;
  expiresIn?: number;
  scope?: string[];
  nowMs?: number;
}): UqudoTokenAnswer {
  const iat = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const expiresIn = options.expiresIn ?? UQUDO_DEFAULT_EXPIRES_IN;
  const scope = options.scope ?? ["read", "write"];
  const jti = randomUUID();
  const claims: UqudoTokenClaims = { client_id: options.clientId, scope, iat, exp: iat + expiresIn, jti };
  return {
    access_token: signJwt(claims, options.secret, "HS256", { alg: "HS256", typ: "JWT" }),
    token_type: "bearer",
    expires_in: expiresIn,
    scope: scope.join(" "),
    jti,
  };
}

/** Check a sandbox uqudo token: valid | expired | invalid. */
export function verifyUqudoToken(
  token: string,
  secret: string | Uint8Array,
  nowMs: number = Date.now(),
): TokenCheck<UqudoTokenClaims> {
  const check = verifyJwt(token, secret, "HS256", nowMs);
  if (check.status === "invalid") return check;
  if (typeof check.claims["client_id"] !== "string") {
    return { status: "invalid", detail: "token has no client_id claim" };
  }
  return check as TokenCheck<UqudoTokenClaims>;
}
