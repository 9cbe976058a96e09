// Matches a response against the documented rejections (spec x-rejections) for a set of violations.
import type { OperationInfo, Rejection } from "../openapi/types.ts";
import type { BusinessOutcome } from "../openapi/outcome.ts";

export function rejectionsFor(operation: OperationInfo, violations: string[]): Rejection[] {
  return operation.rejections.filter((r) => violations.includes(r.violation));
}

export type RejectionMatch = { kind: "match" } | { kind: "message-differs"; messages: string[] } | { kind: "no-match" };

export function matchRejection(outcome: BusinessOutcome, allowed: Rejection[]): RejectionMatch {
  const sameStatus = allowed.filter((r) => r.status === outcome.status);
  const sameCode = sameStatus.filter((r) => r.code === undefined || r.code === outcome.code);
  if (sameCode.length === 0) return { kind: "no-match" };
  const messages = sameCode.map((r) => r.message).filter((m): m is string => m !== undefined);
  if (
    messages.length === 0 ||
    sameCode.some((r) => r.message === undefined) ||
    messages.includes(outcome.message ?? "")
  )
    return { kind: "match" };
  return { kind: "message-differs", messages };
}

export function describeRejections(allowed: Rejection[]): string {
  return allowed
    .map((r) => [`HTTP ${r.status}`, r.code, r.message && JSON.stringify(r.message)].filter(Boolean).join(" "))
    .join(" | ");
}
