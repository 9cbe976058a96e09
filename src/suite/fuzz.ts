// Property-based fuzzing of an operation: generate inputs with known violations, send them through the selected
// target, judge every response with all checks, shrink a failure and say how to reproduce it.
import { createHash } from "node:crypto";
import fc from "fast-check";
import type { CaseResult } from "../results/model.ts";
import type { Expectation } from "../checks/types.ts";
import type { Finding } from "../types.ts";
import { BUDGET_EXHAUSTED } from "../reliability/limiter.ts";
import { fuzzInputs, type FuzzInput } from "./fuzz-inputs.ts";
import { runCase, type RunContext } from "./run.ts";
import type { FuzzFamily } from "./types.ts";

function seedFor(base: number, operationId: string, family: string): number {
  // One seed per property, derived from the run seed: shards and families never replay each other's cases.
  return (base ^ createHash("sha256").update(`${operationId}:${family}`).digest().readUInt32BE(0)) >>> 0;
}

export async function runFuzz(context: RunContext, operationId: string, family: FuzzFamily): Promise<CaseResult> {
  const operation = context.spec.operation(operationId);
  const id = `${operationId}/fuzz-${family}`;
  const startedAt = Date.now();
  // --fc-seed/--fc-path replay a reported counterexample; otherwise one seed per property, derived from the run seed.
  const replay = context.config.fcReplay;
  const seed = replay?.seed ?? seedFor(context.config.seed, operationId, family);
  const numRuns = context.config.fuzzRuns;
  const arbitrary = fuzzInputs(operation, family);
  const base = {
    id,
    vendor: operation.vendor,
    operationId,
    name: `fuzz: ${family} edge cases (${numRuns} runs, seed ${seed})`,
    kind: "fuzz" as const,
  };
  if (!arbitrary)
    return {
      ...base,
      checks: [],
      status: "skipped",
      reason: `no ${family} fuzzing for this operation`,
      findings: [],
      exchanges: [],
      durationMs: 0,
    };

  let lastFailure: { input: FuzzInput; result: CaseResult } | undefined;
  const checks = new Set<string>();
  let inconclusive: CaseResult | undefined;
  let budgetSpent = false;
  let executed = 0;
  const property = fc.asyncProperty(arbitrary, async (input) => {
    // A synthetic face is no face to a live vendor: there, valid-looking inputs are held to the contract only,
    // unless every face is derived from the user's photo.
    const live = context.config.target === "live" && !context.realFace;
    // Violations the docs give no rejection for on this operation are not held against either answer.
    const documented = input.violations.filter((v) => operation.rejections.some((r) => r.violation === v));
    const expect: Expectation = input.inferred
      ? { kind: "any" }
      : documented.length > 0
        ? { kind: "reject", violations: documented }
        : input.violations.length > 0 || live
          ? { kind: "any" }
          : { kind: "accept" };
    const digest = createHash("sha256").update(JSON.stringify(input.describe)).digest("hex").slice(0, 12);
    const result = await runCase(context, operationId, {
      name: `fuzz-${family}-${digest}`,
      title: input.label,
      kind: input.violations.length > 0 ? "negative" : "positive",
      input: input.input,
      expect,
    });
    executed++;
    result.checks.forEach((c) => checks.add(c));
    if (result.status === "skipped" && result.reason === BUDGET_EXHAUSTED) budgetSpent = true;
    if (result.status === "inconclusive") {
      inconclusive ??= result;
      return true;
    }
    if (result.status === "failed") {
      lastFailure = { input, result };
      return false;
    }
    return true;
  });
  const details = await fc.check(property, {
    seed,
    numRuns,
    endOnFailure: false,
    ...(replay?.path ? { path: replay.path } : {}),
  });
  const durationMs = Date.now() - startedAt;
  if (details.failed && lastFailure) {
    const counterexample = details.counterexample?.[0] ?? lastFailure.input;
    const findings: Finding[] = lastFailure.result.findings;
    return {
      ...base,
      checks: [...checks],
      status: "failed",
      findings,
      exchanges: lastFailure.result.exchanges,
      reproduction: {
        seed,
        ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
        input: { label: counterexample.label, violations: counterexample.violations, ...counterexample.describe },
        ...(lastFailure.result.reproduction?.curl ? { curl: lastFailure.result.reproduction.curl } : {}),
      },
      durationMs,
    };
  }
  if (details.failed) throw details.errorInstance ?? new Error(`fuzz property for ${id} failed without a case result`);
  if (budgetSpent && !inconclusive)
    return {
      ...base,
      checks: [...checks],
      status: "skipped",
      reason: BUDGET_EXHAUSTED,
      findings: [],
      exchanges: [],
      reproduction: { seed },
      durationMs,
    };
  if (inconclusive)
    return {
      ...base,
      checks: [...checks],
      status: "inconclusive",
      reason: inconclusive.reason ?? "infrastructure",
      fault: inconclusive.fault ?? "other",
      findings: [],
      exchanges: inconclusive.exchanges,
      reproduction: { seed },
      durationMs,
    };
  return {
    ...base,
    name: `${base.name}: ${executed} cases`,
    checks: [...checks],
    status: "passed",
    findings: [],
    exchanges: [],
    reproduction: { seed },
    durationMs,
  };
}
