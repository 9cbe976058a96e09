// Token calls: safe to repeat (a second token does no harm), so transient faults are retried; a token endpoint
// that stays unavailable is an infrastructure fault of every case that needed the token.
import { InfraError, type InfraFaultKind, type ReceivedResponse } from "../types.ts";
import { sendOnWire, type WireOptions, type WireRequest } from "./wire.ts";
import { markRetried, retryPolicyFromEnv, withRetry, type FaultSeen } from "../reliability/retry.ts";

const THROTTLE = new Set(["SERVICE_BUSY", "REQUEST_TRAFFIC_EXCEED_LIMIT", "RETRY_LATER"]);

export function tokenFault(response: ReceivedResponse): FaultSeen | undefined {
  const retryAfter = response.headers["retry-after"];
  const extra = retryAfter !== undefined ? { retryAfter } : {};
  if (response.status === 429) return { kind: "rate-limited", ...extra };
  if (response.status >= 500) return { kind: "vendor-outage", ...extra };
  const code = (response.json as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && THROTTLE.has(code)) return { kind: "rate-limited", ...extra };
  return undefined;
}

export async function sendTokenCall(
  wire: WireRequest,
  options: WireOptions | undefined,
  what: string,
): Promise<ReceivedResponse> {
  const outcome = await withRetry({
    policy: options?.retry ?? retryPolicyFromEnv(),
    safety: "safe",
    attempt: () => sendOnWire(wire, options),
    faultOf: tokenFault,
  });
  const tried = `${outcome.attempts} attempt${outcome.attempts === 1 ? "" : "s"}`;
  if (outcome.error)
    throw markRetried(new InfraError(outcome.error.kind, `${what} token call: ${outcome.error.message} (${tried})`));
  const response = outcome.result!;
  const fault = tokenFault(response);
  if (fault)
    throw markRetried(
      new InfraError(
        fault.kind as InfraFaultKind,
        `${what} token endpoint answered HTTP ${response.status}${fault.retryAfter ? ` (Retry-After ${fault.retryAfter})` : ""} (${tried})`,
      ),
    );
  return response;
}
