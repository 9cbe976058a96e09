// Shared request/response shapes and per-server context of the sandbox.
import type { IdSource } from "./ids.ts";
import type { Rules } from "./rules.ts";
import type { SandboxCredentials } from "./credentials.ts";
import type { SandboxSecrets } from "../auth/sandbox-credentials.ts";
import type { State } from "./state.ts";
import type { ImageFacts } from "./imaging.ts";

export type Route = "advance" | "zoloz" | "uqudo" | "uqudoAuth";

export interface SbRequest {
  method: string;
  /** Vendor path: the request path without the sandbox prefix and query. */
  path: string;
  /** Path as received (with the sandbox prefix), without the query. */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-case names, first value of repeated headers. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body exceeded the sandbox cap and was discarded. */
  overflow: boolean;
}

/** A response before serialisation: `json` is serialised, else `body` is sent as is. */
export interface SbResponse {
  status: number;
  headers: Record<string, string>;
  json?: unknown;
  body?: Buffer;
  /** Global operation id, e.g. `advance.enroll` (absent for 404/405 and test endpoints). */
  operation?: string;
  /** Turns the (possibly mutated) response into wire form; ZOLOZ encrypts and signs here. */
  seal?: (res: SbResponse) => WireResponse;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Set when the connection should be destroyed instead of answered (faults). */
  destroy?: boolean;
}

/** Behaviour switches the handlers consult (via ctx.flag) for the operations a mutation targets. */
export interface MutationFlags {
  acceptOversizedImage?: boolean;
  acceptExpiredToken?: boolean;
  deleteNoop?: boolean;
  acceptUnsignedRequest?: boolean;
  acceptUnsupportedMedia?: boolean;
  skipRegionCheck?: boolean;
  skipLengthCheck?: boolean;
  acceptInvalidMatchLevel?: boolean;
  plainResponseToEncrypted?: boolean;
}

export interface Ctx {
  now(): number;
  ids: IdSource;
  rules: Rules;
  credentials: SandboxCredentials;
  secrets: SandboxSecrets;
  state: State;
  /** True when an active mutation sets this flag and targets `operation`. */
  flag(name: keyof MutationFlags, operation: string): boolean;
  /** `http://host:port` of this sandbox. */
  origin: string;
  /** Facts of image bytes (cached). */
  analyse(bytes: Uint8Array): Promise<ImageFacts>;
}

export function jsonResponse(
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
  operation?: string,
): SbResponse {
  const res: SbResponse = { status, headers: { "content-type": "application/json", ...headers }, json };
  if (operation !== undefined) res.operation = operation;
  return res;
}

export function serialise(res: SbResponse): WireResponse {
  const body = res.json !== undefined ? Buffer.from(JSON.stringify(res.json), "utf8") : (res.body ?? Buffer.alloc(0));
  return { status: res.status, headers: { ...res.headers }, body };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Strict standard Base64 (whitespace tolerated, padding optional): undefined when it is not Base64. */
export function decodeBase64(text: string): Buffer | undefined {
  // A multi-megabyte image is scanned as few times as possible: no copy unless it has white space to drop.
  const t = /\s/.test(text) ? text.replace(/\s+/g, "") : text;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  let padding = 0;
  while (padding < 2 && t.charCodeAt(t.length - 1 - padding) === 61) padding++;
  if ((t.length - padding) % 4 === 1) return undefined;
  if (padding > 0 && t.length % 4 !== 0) return undefined;
  return Buffer.from(t, "base64");
}
