// The check registry: every check, in report order.
import { contentTypeConformance } from "./content_type_conformance.ts";
import { ensureResourceAvailability } from "./ensure_resource_availability.ts";
import { envelopeConformance } from "./envelope_conformance.ts";
import { ignoredAuth } from "./ignored_auth.ts";
import { negativeDataRejection } from "./negative_data_rejection.ts";
import { notAServerError } from "./not_a_server_error.ts";
import { positiveDataAcceptance } from "./positive_data_acceptance.ts";
import { responseHeadersConformance } from "./response_headers_conformance.ts";
import { responseSchemaConformance } from "./response_schema_conformance.ts";
import { responseSignature } from "./response_signature.ts";
import { statusCodeConformance } from "./status_code_conformance.ts";
import type { Check, CheckContext } from "./types.ts";
import { useAfterFree } from "./use_after_free.ts";
import type { Finding } from "../types.ts";

export const CHECKS: readonly Check[] = [
  statusCodeConformance,
  notAServerError,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  envelopeConformance,
  negativeDataRejection,
  positiveDataAcceptance,
  ignoredAuth,
  responseSignature,
  useAfterFree,
  ensureResourceAvailability,
];

export const CHECK_NAMES = CHECKS.map((c) => c.name);

export function checkByName(name: string): Check {
  const check = CHECKS.find((c) => c.name === name);
  if (!check) throw new Error(`unknown check ${JSON.stringify(name)} (known: ${CHECK_NAMES.join(", ")})`);
  return check;
}

export interface CheckRun {
  applied: string[];
  findings: Finding[];
}

/** Runs every applicable check and attaches the doc deviations that explain a finding. */
export function runChecks(context: CheckContext, checks: readonly Check[] = CHECKS): CheckRun {
  const applied: string[] = [];
  const findings: Finding[] = [];
  for (const check of checks) {
    if (!check.appliesTo(context)) continue;
    applied.push(check.name);
    findings.push(...check.run(context).map((f) => explainByDeviation(f, context)));
  }
  return { applied, findings };
}

function isAtOrBelow(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(base.endsWith("/") ? base : `${base}/`);
}

function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

// A finding the docs themselves contradict is reported at the severity the deviation register chose.
function explainByDeviation(found: Finding, context: CheckContext): Finding {
  const body = context.exchange.response.json;
  const named = context.expectation.kind === "accept" ? context.expectation.deviation : undefined;
  for (const deviation of context.spec.deviations(context.operation.vendor)) {
    // A case the docs leave ambiguous names its deviation: whatever the vendor does there is one reading of it.
    if (named === deviation.id && found.check === "positive_data_acceptance")
      return { ...found, deviation: deviation.id, severity: deviation.reportedAs };
    const explains = deviation.explains;
    if (!explains || (deviation.operations.length > 0 && !deviation.operations.includes(context.operation.operationId)))
      continue;
    if (explains.check !== found.check && explains.check !== "*") continue;
    // A deviation explains findings at its pointer or below it, never at an ancestor (a root or /result finding is
    // not the other reading of a /result/resultCode deviation).
    if (
      explains.pointer !== undefined &&
      (found.pointer === undefined || !isAtOrBelow(found.pointer, explains.pointer))
    )
      continue;
    // With a pointer, `value` is the body's value there; without one, the finding's actual value (e.g. an HTTP status).
    if (
      explains.value !== undefined &&
      (explains.pointer === undefined
        ? found.actual !== explains.value
        : valueAt(body, explains.pointer) !== explains.value)
    )
      continue;
    if (explains.keyword !== undefined && !found.schemaFindings?.some((f) => explains.keyword!.includes(f.keyword)))
      continue;
    if (
      explains.violation !== undefined &&
      (context.expectation.kind !== "reject" || !context.expectation.violations.includes(explains.violation))
    )
      continue;
    return { ...found, deviation: deviation.id, severity: deviation.reportedAs };
  }
  return found;
}

export type { Check, CheckContext, Expectation } from "./types.ts";
