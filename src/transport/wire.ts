// One HTTP exchange on the wire, with the limits a careful client needs: a timeout, a body cap,
// and every failure to get a response turned into an InfraError naming its kind.
import { sharedBreaker, type CircuitBreaker } from "../reliability/breaker.ts";
import { sharedLimiter, type RequestLimiter } from "../reliability/limiter.ts";
import type { RetryPolicy } from "../reliability/retry.ts";
import { InfraError, type ReceivedResponse } from "../types.ts";
import { textOf } from "../bytes.ts";

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface WireOptions {
  timeoutMs?: number;
  /** Larger bodies are cut off and reported as an infrastructure fault. */
  maxBodyBytes?: number;
  /** Budget, rate and concurrency limits (default: the process's limiter from CONFORMANCE_*; null: none). */
  limiter?: RequestLimiter | null;
  /** Retries of transient faults for calls safe to repeat (default: from CONFORMANCE_RETRIES and friends). */
  retry?: RetryPolicy;
  /** Stops calling a host that fails every call (default: the process's breaker; null: none). */
  breaker?: CircuitBreaker | null;
  /** Answers in-process instead of over the network (the fixtures target's recording); limits and breaker still apply. */
  answer?: (request: WireRequest) => Promise<ReceivedResponse> | ReceivedResponse;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const TIMEOUT_VARIABLE = "CONFORMANCE_TIMEOUT_MS";

/** The per-attempt deadline: CONFORMANCE_TIMEOUT_MS, or 30 s. */
export function timeoutFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env[TIMEOUT_VARIABLE]?.trim();
  if (!raw) return DEFAULT_TIMEOUT_MS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new InfraError(
      "other",
      `${TIMEOUT_VARIABLE}=${JSON.stringify(raw)} must be a positive integer (milliseconds)`,
    );
  return Number(raw);
}
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function classify(error: unknown, request: WireRequest): InfraError {
  const code = causeCode(error);
  const where = `${request.method} ${request.url}`;
  if ((error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError") {
    return new InfraError("timeout", `no response to ${where} within the timeout`);
  }
  if (code === "ECONNREFUSED")
    return new InfraError("connection-refused", `connection refused by ${new URL(request.url).host}`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new InfraError("dns-failure", `host name ${new URL(request.url).hostname} not resolved (${code})`);
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return new InfraError("connection-reset", `connection reset during ${where}`);
  if (
    /redirect/i.test(String((error as Error)?.message)) ||
    /redirect/i.test(String((error as { cause?: Error })?.cause?.message))
  ) {
    return new InfraError("redirect-loop", `too many redirects for ${where}`);
  }
  const message = (error as { cause?: Error })?.cause?.message ?? (error as Error)?.message ?? String(error);
  return new InfraError("other", `request ${where} failed: ${code ?? message}`);
}

export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

async function readCapped(response: Response, cap: number, request: WireRequest): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new InfraError("body-too-large", `response to ${request.method} ${request.url} exceeded ${cap} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as text in the charset its content type declares (UTF-8 when none, or one this runtime cannot decode). */
export function decodeText(body: Uint8Array, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // an unknown label: read it as UTF-8, the content-type check reports the charset
    }
  }
  return textOf(body);
}

export function parseBody(
  body: Uint8Array,
  contentType: string | undefined,
): Pick<ReceivedResponse, "json" | "parseError"> {
  if (body.length === 0) return {};
  const text = decodeText(body, contentType);
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[[{]/.test(text);
  if (!looksJson) return { parseError: `body is not JSON (content-type ${contentType ?? "none"})` };
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { parseError: (error as Error).message };
  }
}

export async function sendOnWire(request: WireRequest, options: WireOptions = {}): Promise<ReceivedResponse> {
  const limiter = options.limiter === undefined ? sharedLimiter() : options.limiter;
  const breaker = options.breaker === undefined ? sharedBreaker() : options.breaker;
  breaker?.admit(request.url);
  try {
    const exchange = options.answer ?? ((r: WireRequest) => exchangeOnWire(r, options));
    const response = await (limiter ? limiter.run(async () => exchange(request)) : exchange(request));
    breaker?.answered(request.url, response);
    return response;
  } catch (error) {
    if (error instanceof InfraError) breaker?.failed(request.url, error);
    throw error;
  }
}

// The timeout covers the whole exchange, body included: a body trickling in a byte at a time ends at the deadline.
async function exchangeOnWire(request: WireRequest, options: WireOptions): Promise<ReceivedResponse> {
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv();
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetchFollowing(request, signal);
  let body: Uint8Array;
  try {
    body = await readCapped(response, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, request);
  } catch (error) {
    if (error instanceof InfraError) throw error;
    throw classify(error, request);
  }
  const headers = headersToRecord(response.headers);
  return { status: response.status, headers, body, ...parseBody(body, headers["content-type"]) };
}

/** Redirects followed at most; a vendor API answering with redirects at all is unusual. */
export const MAX_REDIRECTS = 5;
const CREDENTIAL_HEADERS = ["authorization", "x-access-token"];

// Redirects are followed by hand: a loop is recognised at the first URL seen twice (not after fetch's 20 hops),
// credentials never follow a redirect to another origin, and a 307/308 resends the body (which fetch cannot do
// with a byte-array body).
async function fetchFollowing(request: WireRequest, signal: AbortSignal): Promise<Response> {
  let { url, method, headers, body } = request;
  const seen = new Set<string>([url]);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        signal,
        redirect: "manual",
      });
    } catch (error) {
      throw classify(error, { ...request, url });
    }
    const location = response.headers.get("location");
    if (![301, 302, 303, 307, 308].includes(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, url).href;
    if (seen.has(next))
      throw new InfraError(
        "redirect-loop",
        `redirect loop: ${request.method} ${request.url} led back to ${next} after ${hop + 1} redirect${hop === 0 ? "" : "s"}`,
      );
    if (hop + 1 >= MAX_REDIRECTS)
      throw new InfraError(
        "redirect-loop",
        `too many redirects (${MAX_REDIRECTS}) for ${request.method} ${request.url}`,
      );
    seen.add(next);
    if (new URL(next).origin !== new URL(url).origin)
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase())),
      );
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = "GET";
      body = new Uint8Array();
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "content-type"));
    }
    url = next;
  }
}
