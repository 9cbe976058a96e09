// Runs one declared case or flow against the selected target and judges it with the checks.
import { createHash } from "node:crypto";
import type { CaseResult, RedactedMessage } from "../results/model.ts";
import { runChecks, type Expectation } from "../checks/index.ts";
import type { KitConfig } from "../config/index.ts";
import type { Redactor } from "../redact/index.ts";
import type { SpecSet } from "../openapi/types.ts";
import {
  InfraError,
  type CallEvidence,
  type Exchange,
  type Finding,
  type SentRequest,
  type Transport,
} from "../types.ts";
import { reproducedServerError } from "../reliability/classify.ts";
import { undoRequest, type Journal } from "../reliability/journal.ts";
import { BUDGET_EXHAUSTED } from "../reliability/limiter.ts";
import { inCleanup } from "../reliability/scope.ts";
import { UnderivableImage } from "../images/index.ts";
import { buildRequest, type BuildContext } from "./build.ts";
import { cleanupFor } from "./cleanup.ts";
import { curlFor, redactExchange, sandboxCurl } from "./reproduce.ts";
import type { CaseDefinition, CaseInput, FlowDefinition } from "./types.ts";

export interface RunContext {
  config: KitConfig;
  spec: SpecSet;
  transport: Transport;
  /** What the run created and has not seen deleted: the transport writes it, each case sweeps its own entries. */
  journal: Journal;
  redactor: Redactor;
  /** Prefix of every id the run creates, so it never collides with a real user and cleanup can find it. */
  runPrefix: string;
  realFace?: Uint8Array;
  /** A photo of a second person, for cases that need two different people. */
  otherFace?: Uint8Array;
  /**
   * With a face photo every 1:N face the run sends is that one person: the ids this run's 1:N answers inserted or
   * matched are all copies of it, and a search that finds any of them has found the face (docs/targets.md).
   */
  gallery?: Set<string>;
  /** Serves bytes at a URL the target can fetch; absent when the target cannot reach the kit (live). */
  imageHost?: (bytes: Uint8Array, mime: string) => Promise<string>;
}

/** `underivable`: the request could not be made from the face photo; the case is skipped with that reason. */
type Step = {
  exchange?: Exchange;
  findings: Finding[];
  applied: string[];
  fault?: { kind: string; reason: string };
  control?: Exchange;
  underivable?: string;
};

export function idFactory(context: Pick<RunContext, "runPrefix">, caseId: string) {
  let counter = 0;
  return (kind: "userId" | "bizId" | "unknownId", length?: number) => {
    const digest = createHash("sha256").update(`${caseId}#${counter++}#${kind}`).digest("hex");
    // bizId is limited to 32 characters (ZOLOZ), userId to 64: keep every generated id well inside both.
    const id = `${context.runPrefix}-${kind === "unknownId" ? "nx" : kind === "bizId" ? "b" : "u"}${digest.slice(0, 12)}`;
    if (length === undefined) return id;
    // An id at a documented maximum still starts with the run prefix, so cleanup and humans can tell it is the kit's.
    if (length < id.length || length > id.length + 52)
      throw new Error(`a generated ${kind} of ${length} characters cannot carry the run prefix`);
    return id + digest.slice(12, 12 + length - id.length);
  };
}

function buildContext(
  context: RunContext,
  caseId: string,
  identityMatters: boolean | undefined,
  captured = new Map<string, unknown>(),
): BuildContext {
  const newId = idFactory(context, caseId);
  return {
    newId,
    captured,
    imageUrl: async (bytes, mime) => {
      if (!context.imageHost)
        throw new InfraError("other", "this target cannot fetch images from the kit; URL cases need the local sandbox");
      return context.imageHost(bytes, mime);
    },
    ...(context.realFace ? { realFace: context.realFace } : {}),
    ...(context.otherFace ? { otherFace: context.otherFace } : {}),
    ...(identityMatters ? { identityMatters } : {}),
    encoded: (value, bytes) => context.redactor.knownPayload(value, bytes),
  };
}

async function sendAndJudge(
  context: RunContext,
  caseId: string,
  operationId: string,
  input: CaseInput | undefined,
  expectation: Expectation,
  build: BuildContext,
): Promise<Step> {
  const operation = context.spec.operation(operationId);
  // Flows name their resources by the captured value they refer to.
  if ((expectation.kind === "present" || expectation.kind === "absent") && build.captured.has(expectation.resource)) {
    expectation = { ...expectation, resource: String(build.captured.get(expectation.resource)) };
  }
  if (expectation.kind === "present" && context.gallery) {
    const resource = expectation.resource;
    expectation = { ...expectation, copies: [...context.gallery].filter((id) => id !== resource) };
  }
  let exchange: Exchange;
  try {
    context.transport.admit?.(operationId);
    const request = await buildRequest(operationId, input, build);
    exchange = await context.transport.send(request, { caseId });
  } catch (error) {
    // A request with no recorded answer (no-fixture) is missing evidence: inconclusive with the re-record command, never a pass.
    if (error instanceof InfraError) {
      return { findings: [], applied: [], fault: { kind: error.kind, reason: error.message } };
    }
    if (error instanceof UnderivableImage) return { findings: [], applied: [], underivable: error.message };
    throw error;
  }
  const { fault, retry: record } = exchange;
  if (!fault) remember1toN(context, exchange);
  let call: CallEvidence | undefined = record && record.attempts.length > 1 ? { attempts: record.attempts } : undefined;
  let control: Exchange | undefined;
  if (fault) {
    // An outage answer that recurred on every retry: the vendor's behaviour for this input if the same operation
    // answers its valid default request normally right after; an outage if not.
    control =
      call && fault.kind === "vendor-outage" && reproducedServerError(call.attempts)
        ? await sendControl(context, caseId, operationId, build)
        : undefined;
    if (!control || control.fault || control.response.status >= 500) {
      const reason = record?.note ? `${fault.reason} (${record.note})` : fault.reason;
      return {
        exchange,
        findings: [],
        applied: [],
        fault: { ...fault, reason: control ? `${reason}; ${operationId}'s valid default request failed too` : reason },
        ...(control ? { control } : {}),
      };
    }
    const type = control.response.headers["content-type"];
    call = {
      ...call!,
      control: { operationId, status: control.response.status, ...(type ? { contentType: type } : {}) },
    };
  }
  const { applied, findings } = runChecks({
    exchange,
    operation,
    spec: context.spec,
    expectation,
    ...(call ? { call } : {}),
  });
  return { exchange, findings, applied, ...(control ? { control } : {}) };
}

// The control request of a reproduced server error: the operation's valid default request, once. Only reads and
// probes are retried, so only they get here, and repeating one changes nothing.
async function sendControl(
  context: RunContext,
  caseId: string,
  operationId: string,
  build: BuildContext,
): Promise<Exchange | undefined> {
  try {
    return await context.transport.send(await buildRequest(operationId, undefined, build), { caseId });
  } catch (error) {
    // No control, no verdict: the case stays inconclusive.
    if (error instanceof InfraError || error instanceof UnderivableImage) return undefined;
    throw error;
  }
}

/** Adds the id a create answered with (x-resource id read from the response: a 1:N insert or search) to the run's
 *  gallery of the photo's person (when there is one). */
function remember1toN(context: RunContext, exchange: Exchange): void {
  const resource = context.spec.operation(exchange.operationId).resource;
  if (!context.gallery || resource?.keys[resource.id] !== "response") return;
  if (exchange.response.status !== 200) return;
  const id = (exchange.response.json as Record<string, unknown> | undefined)?.[resource.id];
  if (typeof id === "string" && id !== "") context.gallery.add(id);
}

function liveSkipReason(
  context: RunContext,
  needsRealFace: boolean | undefined,
  input: CaseInput | undefined,
): string | undefined {
  if (context.config.target !== "live") return undefined;
  if (needsRealFace && !context.realFace)
    return "needs a real face photo: set CONFORMANCE_FACE_IMAGE to a photo you may send to this sandbox";
  if (JSON.stringify(input ?? {}).includes('"transport":"url"') && !context.imageHost)
    return "needs an image URL the vendor can fetch; only the local sandbox serves them";
  return undefined;
}

function curlOf(
  request: SentRequest,
  redacted: RedactedMessage,
  passed: boolean,
): { curl: string; curlRunnable?: true } {
  const runnable = sandboxCurl(request, passed);
  return runnable ? { curl: runnable, curlRunnable: true } : { curl: curlFor(redacted) };
}

function finish(
  base: Omit<CaseResult, "status" | "findings" | "checks" | "exchanges" | "durationMs">,
  steps: Step[],
  startedAt: number,
  redactor: Redactor,
): CaseResult {
  const exchanges = steps
    .flatMap((s) => [s.exchange, s.control])
    .filter((e) => e !== undefined)
    .map((e) => redactExchange(e, redactor));
  // Findings quote what the vendor sent (messages, values, echoed requests) and reach every report: redact them too.
  const findings = redactor.json(steps.flatMap((s) => s.findings)) as Finding[];
  const checks = [...new Set(steps.flatMap((s) => s.applied))];
  const found = steps.find((s) => s.fault)?.fault;
  const fault = found ? { kind: found.kind, reason: redactor.text(found.reason) } : undefined;
  const failed = findings.some((f) => f.severity === "failure");
  const underivable = steps.find((s) => s.underivable)?.underivable;
  if (underivable && !failed && !fault) {
    return {
      ...base,
      checks,
      status: "skipped",
      reason: underivable,
      findings,
      exchanges,
      durationMs: Date.now() - startedAt,
    };
  }
  // A spent request budget ends the run cleanly: what could not be sent is skipped, not inconclusive.
  if (fault?.kind === "budget-exhausted" && !failed) {
    return {
      ...base,
      checks,
      status: "skipped",
      reason: BUDGET_EXHAUSTED,
      findings,
      exchanges,
      durationMs: Date.now() - startedAt,
    };
  }
  const status: CaseResult["status"] = failed ? "failed" : fault ? "inconclusive" : "passed";
  const first = exchanges[0]?.request as RedactedMessage | undefined;
  return {
    ...base,
    checks,
    status,
    ...(fault && !failed ? { reason: fault.reason, fault: fault.kind } : {}),
    findings,
    exchanges,
    ...(first
      ? {
          reproduction: {
            ...(base.reproduction ?? {}),
            ...curlOf(steps.find((s) => s.exchange)!.exchange!.request, first, status === "passed"),
          },
        }
      : {}),
    durationMs: Date.now() - startedAt,
  };
}

export async function runCase(
  context: RunContext,
  operationId: string,
  definition: CaseDefinition,
): Promise<CaseResult> {
  const operation = context.spec.operation(operationId);
  const id = `${operationId}/${definition.name}`;
  const base = {
    id,
    vendor: operation.vendor,
    operationId,
    name: definition.title ?? definition.name,
    kind: definition.kind,
  };
  const startedAt = Date.now();
  const skip = liveSkipReason(context, definition.needsRealFace, definition.input);
  if (skip) return { ...base, checks: [], status: "skipped", reason: skip, findings: [], exchanges: [], durationMs: 0 };
  const step = await sendAndJudge(
    context,
    id,
    operationId,
    definition.input,
    definition.expect,
    buildContext(context, id, definition.needsRealFace),
  );
  const steps = [step];
  await inCleanup(async () => {
    for (const undo of step.exchange ? cleanupFor(step.exchange, context.spec) : []) {
      const exchange = await context.transport.send(undo, { caseId: id }).catch(() => undefined);
      if (exchange) steps.push({ exchange, findings: [], applied: [] });
    }
    await sweep(context, id, steps);
  });
  return finish(base, steps, startedAt, context.redactor);
}

export async function runFlow(context: RunContext, flow: FlowDefinition): Promise<CaseResult> {
  const operation = context.spec.operation(flow.operationId);
  const id = `${flow.operationId}/${flow.name}`;
  const base = {
    id,
    vendor: operation.vendor,
    operationId: flow.operationId,
    name: flow.title,
    kind: "stateful" as const,
  };
  const startedAt = Date.now();
  const skip = liveSkipReason(context, flow.needsRealFace, undefined);
  if (skip) return { ...base, checks: [], status: "skipped", reason: skip, findings: [], exchanges: [], durationMs: 0 };
  const captured = new Map<string, unknown>();
  const build = buildContext(context, id, flow.needsRealFace, captured);
  for (const [name, kind] of Object.entries(flow.shared ?? {})) captured.set(name, build.newId(kind));
  const steps: Step[] = [];
  try {
    for (const step of flow.steps) {
      const done = await sendAndJudge(context, id, step.operationId, step.input, step.expect, build);
      steps.push(done);
      if (done.fault || done.underivable || !done.exchange) break;
      for (const [name, pointer] of Object.entries(step.capture ?? {})) {
        const value = pointer
          .split("/")
          .slice(1)
          .reduce<unknown>(
            (node, key) => (node as Record<string, unknown> | undefined)?.[key],
            done.exchange.response.json,
          );
        if (value !== undefined) captured.set(name, value);
      }
      if (Object.keys(step.capture ?? {}).some((name) => !captured.has(name))) break;
    }
  } finally {
    // Whatever happened above, undo what the flow created: a paid sandbox must not fill up with test users.
    await inCleanup(async () => {
      for (const step of flow.cleanup) {
        const needed =
          JSON.stringify(step.input ?? {})
            .match(/"\$captured":"([^"]+)"/g)
            ?.map((m) => m.slice(13, -1)) ?? [];
        if (needed.some((name) => !captured.has(name))) continue;
        const done = await sendAndJudge(context, id, step.operationId, step.input, { kind: "any" }, build).catch(
          () => undefined,
        );
        if (done?.exchange) steps.push({ exchange: done.exchange, findings: [], applied: [] });
      }
      await sweep(context, id, steps);
    });
  }
  return finish(base, steps, startedAt, context.redactor);
}

// What the case left in the journal: creates whose answer never came (a reset, a timeout: the user may exist) and
// cleanups that failed. One delete each (idempotent, so safe whether or not the create took effect); what still
// fails stays in the journal for `ekyc-conformance cleanup`.
async function sweep(context: RunContext, caseId: string, steps: Step[]): Promise<void> {
  for (const entry of context.journal.entries(caseId)) {
    const exchange = await context.transport.send(undoRequest(entry, context.spec), { caseId }).catch(() => undefined);
    if (exchange) steps.push({ exchange, findings: [], applied: [] });
  }
}
