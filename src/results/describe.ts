// One-line texts every reporter uses for the same thing, so the summary, HTML, JUnit and Allure say it alike.
import type { Finding } from "../types.ts";
import type { BaselineRef, CaseResult } from "./model.ts";

const compact = (value: unknown, max = 48): string => {
  const s = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/** Where in the response a finding points: its own pointer or its first schema finding's. */
export const findingPointer = (f: Finding): string | undefined => f.pointer ?? f.schemaFindings?.[0]?.pointer;

/** `check at /pointer: message (expected 5, actual 6)`: the finding in one line. */
export function findingLine(f: Finding): string {
  const pointer = findingPointer(f);
  const evidence = [
    f.expected !== undefined ? `expected ${compact(f.expected)}` : "",
    f.actual !== undefined ? `actual ${compact(f.actual)}` : "",
  ].filter(Boolean);
  const message = f.message.split("\n")[0]!;
  // Schema findings' messages already start with their pointer.
  const at = pointer && !message.startsWith(pointer) ? ` at ${pointer}` : "";
  // In a proxy's report, whose fault it is comes first.
  return `${f.side ? `${f.side}-side ` : ""}${f.check}${at}: ${message}${evidence.length ? ` (${evidence.join(", ")})` : ""}`;
}

/** The finding a failed case is known by: its first failure. */
export const firstFailure = (c: CaseResult): Finding | undefined => c.findings.find((f) => f.severity === "failure");

/** Why a case was not judged, e.g. `timeout: no response within 30 s`. */
export const causeLine = (c: CaseResult): string => [c.fault, c.reason ?? c.status].filter(Boolean).join(": ");

/** `entries[0] of baseline.yaml: reason (expires 2025-06-30)`. */
export const baselineLine = (ref: BaselineRef): string =>
  `entries[${ref.index}]${ref.source ? ` of ${ref.source}` : ""}: ${ref.reason}${ref.expires ? ` (expires ${ref.expires})` : " (no expiry)"}`;
