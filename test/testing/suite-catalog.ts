// Every declared suite under suites/, as data. Importing a suite file from another test file yields its
// SuiteDefinition without registering its tests (src/suite/define.ts), so the mutation self-test can run them itself.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import type { CaseResult } from "../../src/results/model.ts";
import { authCases } from "../../src/suite/auth-cases.ts";
import { runFuzz } from "../../src/suite/fuzz.ts";
import { runCase, runFlow, type RunContext } from "../../src/suite/run.ts";
import type { FlowDefinition, SuiteDefinition } from "../../src/suite/types.ts";
import type { Vendor } from "../../src/types.ts";

export const SUITES_DIR = join(REPO_ROOT, "suites");

export interface CatalogEntry {
  /** Path relative to the repository root, e.g. `suites/advance/enroll.test.ts`. */
  file: string;
  vendor: Vendor;
  suite: SuiteDefinition;
}

/** The suite files, sorted, found on disk (so a new suite is never forgotten by the self-test). */
export function suiteFiles(): string[] {
  const files: string[] = [];
  for (const vendor of readdirSync(SUITES_DIR, { withFileTypes: true })) {
    if (!vendor.isDirectory()) continue;
    for (const file of readdirSync(join(SUITES_DIR, vendor.name))) {
      if (file.endsWith(".test.ts")) files.push(join(SUITES_DIR, vendor.name, file));
    }
  }
  return files.sort();
}

/** Imports every suite file and returns its definition, in file order. */
export async function loadSuiteCatalog(): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  for (const path of suiteFiles()) {
    const module = (await import(pathToFileURL(path).href)) as { default?: SuiteDefinition };
    const suite = module.default;
    if (!suite || typeof suite.operationId !== "string")
      throw new Error(`${path} does not default-export a suite definition (defineSuite)`);
    const vendor = suite.operationId.split(".")[0] as Vendor;
    entries.push({ file: relative(REPO_ROOT, path), vendor, suite });
  }
  return entries;
}

const touches = (flow: FlowDefinition, operations: readonly string[]) =>
  operations.includes(flow.operationId) ||
  [...flow.steps, ...flow.cleanup].some((s) => operations.includes(s.operationId));

/**
 * Cases, auth cases and flows of the suites, in order (optionally only those touching `operations`: what a mutation
 * of those operations can show in), and fuzz properties if asked.
 */
export async function runSuites(
  context: RunContext,
  suites: SuiteDefinition[],
  options: { operations?: readonly string[]; fuzz: boolean },
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const { operations } = options;
  for (const suite of suites) {
    if (!operations || operations.includes(suite.operationId)) {
      for (const definition of [...suite.cases, ...authCases(suite)])
        results.push(await runCase(context, suite.operationId, definition));
      if (options.fuzz)
        for (const family of suite.fuzz ?? []) results.push(await runFuzz(context, suite.operationId, family));
    }
    for (const flow of suite.flows ?? [])
      if (!operations || touches(flow, operations)) results.push(await runFlow(context, flow));
  }
  return results;
}
