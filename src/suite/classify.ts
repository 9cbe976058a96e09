// Tells an infrastructure fault from a vendor's answer, so an outage is never scored as conformance either way.
import type { OperationInfo } from "../spec/types.ts";
import type { Exchange, InfraFaultKind } from "../types.ts";

export interface InfraVerdict {
  kind: InfraFaultKind;
  reason: string;
}

const THROTTLE_CODES = new Set(["SERVICE_BUSY", "REQUEST_TRAFFIC_EXCEED_LIMIT", "RETRY_LATER"]);

export function classifyInfrastructure(exchange: Exchange, operation: OperationInfo): InfraVerdict | undefined {
  const { status, headers, json } = exchange.response;
  const type = headers["content-type"] ?? "";
  const retryAfter = headers["retry-after"] ? ` (Retry-After ${headers["retry-after"]})` : "";
  if (status === 429) return { kind: "rate-limited", reason: `HTTP 429 Too Many Requests${retryAfter}` };
  if (status === 502 || status === 503 || status === 504) return { kind: "vendor-outage", reason: `HTTP ${status} from the target (gateway or service unavailable)` };
  // A 5xx in the API's own JSON voice is the vendor answering; an HTML or empty 5xx is the platform in front of it failing.
  if (status >= 500 && (json === undefined || /html/i.test(type))) return { kind: "vendor-outage", reason: `HTTP ${status} with ${/html/i.test(type) ? "an HTML page" : "no JSON body"}` };
  if (json === undefined && isTruncatedJson(exchange.response.body)) return { kind: "truncated-body", reason: `HTTP ${status} body of ${exchange.response.body.length} bytes ends in the middle of a JSON value` };
  const body = json as { code?: unknown; result?: { resultCode?: unknown } } | undefined;
  const code = operation.vendor === "zoloz" ? body?.result?.resultCode : body?.code;
  if (typeof code === "string" && THROTTLE_CODES.has(code)) return { kind: "rate-limited", reason: `${code}${retryAfter}` };
  return undefined;
}

/** A body that starts as JSON and fails to parse only because it ends too early (a cut-off transfer). */
export function isTruncatedJson(body: Uint8Array): boolean {
  const text = Buffer.from(body).toString("utf8").trimEnd();
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
