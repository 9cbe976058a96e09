// Turns a declared suite into vitest tests. A suite file only declares; importing it elsewhere (the mutation
// self-test) yields the declaration without registering tests.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, test } from "vitest";
import type { CaseResult } from "../results/model.ts";
import { collectCase } from "./collect.ts";
import { createRunContext } from "./run-context.ts";
import { authCases } from "./auth-cases.ts";
import { runFuzz } from "./fuzz.ts";
import { runCase, runFlow, type RunContext } from "./run.ts";
import type { SuiteDefinition } from "./types.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: { baseUrls: { advance: string; zoloz: string; uqudo: string; uqudoAuth: string }; origin: string } | null;
  }
}

// One run context per worker (suites share the module graph): its transport lives as long as the worker does.
let shared: RunContext | undefined;

function context(): RunContext {
  if (!shared) {
    const sandbox = inject("sandbox");
    shared = createRunContext(sandbox ? { sandbox } : {});
  }
  return shared;
}

/** Fails the vitest test on a conformance failure, skips it (with the reason) when it could not be judged. */
async function settle(result: CaseResult, skip: (note: string) => void): Promise<void> {
  collectCase(result);
  if (result.status === "skipped") skip(result.reason ?? "skipped");
  if (result.status === "inconclusive") skip(`inconclusive (infrastructure: ${result.fault}): ${result.reason}`);
  const failures = result.findings.filter((f) => f.severity === "failure");
  const repro = result.reproduction;
  const how =
    repro?.seed !== undefined
      ? ` (fast-check seed ${repro.seed}${repro.path ? `, path ${repro.path}` : ""}; reproduce with: ${repro.command ?? `CONFORMANCE_SEED=${repro.seed}`})`
      : "";
  expect(
    failures.map((f) => `${f.check}: ${f.message}`),
    `${result.id} deviates from the documentation${how}`,
  ).toEqual([]);
}

function isEntry(moduleUrl: string): boolean {
  try {
    const path = expect.getState().testPath;
    return path !== undefined && path === fileURLToPath(moduleUrl);
  } catch {
    return false; // imported outside a vitest worker (bench, scripts): a declaration only
  }
}

export function defineSuite(suite: SuiteDefinition, moduleUrl: string): SuiteDefinition {
  if (!isEntry(moduleUrl)) return suite;
  const operation = suite.operationId;
  describe(operation, () => {
    beforeAll(() => {
      context();
    });
    for (const definition of [...suite.cases, ...authCases(suite)]) {
      test(definition.name, async (t) => {
        const ctx = context();
        if (!ctx.config.vendors.includes(ctx.spec.operation(operation).vendor))
          t.skip(`vendor not selected (CONFORMANCE_VENDORS)`);
        await settle(await runCase(ctx, operation, definition), (note) => t.skip(note));
      });
    }
    for (const flow of suite.flows ?? []) {
      test(`flow: ${flow.name}`, async (t) => {
        const ctx = context();
        if (!ctx.config.vendors.includes(ctx.spec.operation(flow.operationId).vendor))
          t.skip(`vendor not selected (CONFORMANCE_VENDORS)`);
        await settle(await runFlow(ctx, flow), (note) => t.skip(note));
      });
    }
    for (const family of suite.fuzz ?? []) {
      test(`fuzz: ${family}`, async (t) => {
        const ctx = context();
        if (!ctx.config.vendors.includes(ctx.spec.operation(operation).vendor))
          t.skip(`vendor not selected (CONFORMANCE_VENDORS)`);
        await settle(await runFuzz(ctx, operation, family), (note) => t.skip(note));
      });
    }
  });
  return suite;
}
