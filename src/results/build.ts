// Builds the one results model of a run from the case lines its test workers wrote.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, hostname } from "node:os";
import { join } from "node:path";
import { RESULTS_VERSION, type CaseResult, type RunResults } from "./model.ts";
import type { KitConfig } from "../config/index.ts";
import { reproduceCommand } from "./reproduce.ts";
import type { SpecSet } from "../openapi/types.ts";
import { PACKAGE_ROOT } from "../layout.ts";

export function kitVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

export function readCaseLines(dir: string): CaseResult[] {
  const casesDir = join(dir, "cases");
  if (!existsSync(casesDir)) return [];
  const byId = new Map<string, CaseResult>();
  for (const file of readdirSync(casesDir).sort()) {
    for (const line of readFileSync(join(casesDir, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const result = JSON.parse(line) as CaseResult;
      byId.set(result.id, result);
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The run's results; every case gets the command that re-runs it with all of the run's switches. */
export function buildResults(
  config: KitConfig,
  spec: SpecSet,
  cases: CaseResult[],
  startedAt: Date,
  shard?: { index: number; count: number },
  sandboxMutation?: string,
): RunResults {
  const run = {
    target: config.target,
    seed: config.seed,
    fuzzRuns: config.fuzzRuns,
    ...(sandboxMutation ? { sandboxMutation } : {}),
  };
  return {
    run: {
      version: RESULTS_VERSION,
      kitVersion: kitVersion(),
      target: config.target,
      vendors: config.vendors,
      seed: config.seed,
      fuzzRuns: config.fuzzRuns,
      specHashes: Object.fromEntries(config.vendors.map((v) => [v, spec.hashes[v]]).filter(([, h]) => h !== undefined)),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      host: { hostname: hostname(), platform: process.platform, node: process.version, cpus: cpus().length },
      ...(shard ? { shard } : {}),
      ...(sandboxMutation ? { sandboxMutation } : {}),
    },
    cases: cases.map((c) => ({ ...c, reproduction: { ...c.reproduction, command: reproduceCommand(run, c) } })),
    deviations: config.vendors.flatMap((vendor) =>
      spec.deviations(vendor).map((d) => ({
        id: d.id,
        vendor: d.vendor,
        summary: d.summary,
        chosen: d.chosen,
        otherReading: d.otherReading,
        reportedAs: d.reportedAs,
      })),
    ),
  };
}
