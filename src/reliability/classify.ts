// Tells an infrastructure fault from a vendor's answer, so an outage is never scored as conformance either way.
// The transport classifies every answer once and hands the verdict back on the exchange; nothing else classifies.
import type { OperationInfo } from "../openapi/types.ts";
import type { AttemptAnswer, Exchange, InfraVerdict, ReceivedResponse } from "../types.ts";
import { textOf } from "../bytes.ts";

const THROTTLE_CODES = new Set(["SERVICE_BUSY", "REQUEST_TRAFFIC_EXCEED_LIMIT", "RETRY_LATER"]);

export function classifyInfrastructure(exchange: Exchange, operation: OperationInfo): InfraVerdict | undefined {
  const { status, headers, json } = exchange.response;
  const retryAfter = headers["retry-after"] ? ` (Retry-After ${headers["retry-after"]})` : "";
  if (status === 429) return { kind: "rate-limited", reason: `HTTP 429 Too Many Requests${retryAfter}` };
  const outage = serverFault(exchange.response);
  if (outage) return { kind: "vendor-outage", reason: outage };
  if (json === undefined && isTruncatedJson(exchange.response.body))
    return {
      kind: "truncated-body",
      reason: `HTTP ${status} body of ${exchange.response.body.length} bytes ends in the middle of a JSON value`,
    };
  const body = json as { code?: unknown; result?: { resultCode?: unknown } } | undefined;
  const code = operation.vendor === "zoloz" ? body?.result?.resultCode : body?.code;
  if (typeof code === "string" && THROTTLE_CODES.has(code))
    return { kind: "rate-limited", reason: `${code}${retryAfter}` };
  return undefined;
}

/**
 * Why an answer looks like the platform in front of the vendor failing rather than the vendor answering: a 502/503/504,
 * or a 5xx that is not in the API's own JSON voice (HTML or empty). Undefined for any other answer.
 */
export function serverFault(response: ReceivedResponse): string | undefined {
  const { status, json } = response;
  const type = response.headers["content-type"] ?? "";
  if (status === 502 || status === 503 || status === 504)
    return `HTTP ${status} from the target (gateway or service unavailable)`;
  if (status >= 500 && (json === undefined || /html/i.test(type)))
    return `HTTP ${status} with ${/html/i.test(type) ? "an HTML page" : "no JSON body"}`;
  return undefined;
}

/** Every attempt of a call got the same outage answer (a server error that recurred on retry, not a passing blip). */
export function reproducedServerError(attempts: readonly AttemptAnswer[]): boolean {
  const last = attempts[attempts.length - 1];
  return (
    attempts.length > 1 &&
    last !== undefined &&
    attempts.every((a) => a.fault !== undefined && a.status === last.status)
  );
}

/** A body that starts as JSON and fails to parse only because it ends too early (a cut-off transfer). */
export function isTruncatedJson(body: Uint8Array): boolean {
  const text = textOf(body).trimEnd();
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/end of (JSON )?input|unterminated/i.test(message)) return true;
    const at = /position (\d+)/.exec(message);
    return at !== null && Number(at[1]) >= text.length;
  }
}
