// The one retry policy of the kit: which calls may be repeated, after which faults, and how long to wait.
// A retry is only ever safe for a call whose repetition cannot change the target's state (token calls, reads,
// probes: `x-retry: safe` in the spec), for a delete made by cleanup (an x-resource delete: deleting twice leaves the
// same state), and for any call the target provably never received (connection refused). Creates are never
// repeated blindly.
import type { RetrySafety } from "../openapi/types.ts";
import { InfraError, type InfraFaultKind } from "../types.ts";
import { currentScope } from "./scope.ts";

export type { RetrySafety };

/** Faults that may pass by themselves. A too-large body, a redirect loop or a truncated body will not. */
const TRANSIENT: ReadonlySet<InfraFaultKind> = new Set([
  "connection-refused",
  "dns-failure",
  "connection-reset",
  "timeout",
  "vendor-outage",
  "rate-limited",
]);

/** Faults of a request that provably never reached the target: repeating it cannot create anything twice. */
export const NEVER_SENT: ReadonlySet<InfraFaultKind> = new Set(["connection-refused", "dns-failure"]);

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** First backoff; doubles on each retry. */
  baseDelayMs: number;
  /** Cap of one backoff. */
  maxDelayMs: number;
  /** Cap of a wait a Retry-After asks for (a longer one is clamped to this). */
  maxRetryAfterMs: number;
  /** 0..1: share of each backoff drawn at random, so workers do not retry in lockstep. */
  jitter: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  jitter: 0.25,
};

function nonNegative(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw))
    throw new InfraError("other", `${name}=${JSON.stringify(raw)} must be a non-negative integer`);
  return Number(raw);
}

/** CONFORMANCE_RETRIES (retries after the first attempt), CONFORMANCE_RETRY_BASE_MS, CONFORMANCE_MAX_RETRY_AFTER_MS. */
export function retryPolicyFromEnv(env: Record<string, string | undefined> = process.env): RetryPolicy {
  const retries = nonNegative(env, "CONFORMANCE_RETRIES");
  const base = nonNegative(env, "CONFORMANCE_RETRY_BASE_MS");
  const retryAfter = nonNegative(env, "CONFORMANCE_MAX_RETRY_AFTER_MS");
  return {
    ...DEFAULT_RETRY_POLICY,
    ...(retries !== undefined ? { maxAttempts: retries + 1 } : {}),
    ...(base !== undefined
      ? { baseDelayMs: base, maxDelayMs: Math.max(base, Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, base * 16)) }
      : {}),
    ...(retryAfter !== undefined ? { maxRetryAfterMs: retryAfter } : {}),
  };
}

/**
 * Milliseconds a Retry-After value asks for: delta-seconds ("10"), the "10s" some gateways send, or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const seconds = /^(\d+(?:\.\d+)?)\s*s?$/i.exec(text);
  if (seconds) return Math.round(Number(seconds[1]) * 1000);
  const date = Date.parse(text);
  if (!Number.isNaN(date) && /[a-z]/i.test(text)) return Math.max(0, date - now);
  return undefined;
}

export interface FaultSeen {
  kind: InfraFaultKind;
  /** Retry-After of the faulty answer, if it carried one. */
  retryAfter?: string;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** Why not, or why and how long: lands in the case's reason. */
  note: string;
}

/** Whether attempt `attempt` (1-based, just failed with `fault`) of a call of this safety is repeated, and after how long. */
export function decideRetry(
  policy: RetryPolicy,
  safety: RetrySafety,
  attempt: number,
  fault: FaultSeen,
  cleanup = currentScope().purpose === "cleanup",
): RetryDecision {
  if (!TRANSIENT.has(fault.kind))
    return { retry: false, delayMs: 0, note: `${fault.kind} is not transient: not retried` };
  // Nothing reached the target: repeating cannot create anything twice.
  const neverSent = NEVER_SENT.has(fault.kind);
  const allowed = safety === "safe" || (safety === "delete" && cleanup) || neverSent;
  if (!allowed) return { retry: false, delayMs: 0, note: "not retried: the call may have changed the target's state" };
  if (attempt >= policy.maxAttempts)
    return { retry: false, delayMs: 0, note: `gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}` };
  const asked = parseRetryAfter(fault.retryAfter);
  if (asked !== undefined) {
    const delayMs = Math.min(asked, policy.maxRetryAfterMs);
    return {
      retry: true,
      delayMs,
      note: `Retry-After ${fault.retryAfter}${delayMs < asked ? ` (clamped to ${delayMs} ms)` : ""}`,
    };
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const random = policy.random ?? Math.random;
  const delayMs = Math.round(backoff * (1 - policy.jitter * random()));
  return { retry: true, delayMs, note: `backoff ${delayMs} ms` };
}

const settled = new WeakSet<InfraError>();
/** The note of a fault that went through its own retries (or was never sent): nothing to add to its message. */
export const ALREADY_RETRIED = "already retried";

/** Marks a fault that already went through its own retries (a token call), so an outer call does not repeat them. */
export function markRetried(error: InfraError): InfraError {
  settled.add(error);
  return error;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryingCall<T> {
  policy: RetryPolicy;
  safety: RetrySafety;
  /** One attempt. May throw an InfraError. */
  attempt: () => Promise<T>;
  /** The fault an answer amounts to (an HTML 503, a SERVICE_BUSY), if any. */
  faultOf?: (result: T) => FaultSeen | undefined;
  onRetry?: (attempt: number, fault: FaultSeen, decision: RetryDecision) => void;
}

export interface RetryOutcome<T> {
  /** The last answer, when the last attempt produced one. */
  result?: T;
  /** The last attempt's error, when it threw. */
  error?: InfraError;
  attempts: number;
  /** What the policy said after the last attempt (why it stopped). */
  last?: RetryDecision;
}

/** Runs a call under the policy. Never throws an InfraError: the caller sees the last answer or the last fault. */
export async function withRetry<T>(call: RetryingCall<T>): Promise<RetryOutcome<T>> {
  const wait = call.policy.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    let result: T | undefined;
    let error: InfraError | undefined;
    let fault: FaultSeen | undefined;
    try {
      result = await call.attempt();
      fault = call.faultOf?.(result);
    } catch (thrown) {
      // A spent budget is not a fault of the target: stop at once.
      if (!(thrown instanceof InfraError) || thrown.kind === "budget-exhausted") throw thrown;
      error = thrown;
      if (settled.has(thrown))
        return { error, attempts: attempt, last: { retry: false, delayMs: 0, note: ALREADY_RETRIED } };
      fault = { kind: thrown.kind };
    }
    if (!fault) return { result: result as T, attempts: attempt };
    const decision = decideRetry(call.policy, call.safety, attempt, fault);
    if (!decision.retry) return { ...(error ? { error } : { result: result as T }), attempts: attempt, last: decision };
    call.onRetry?.(attempt, fault, decision);
    await wait(decision.delayMs);
  }
}
