// `ekyc-conformance run`: drives vitest over the suites against one target and writes the reports.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeReports } from "../../reporters/index.ts";
import { exitCodeOf } from "../results/verdict.ts";
import { applyBaseline, renderBaselineText } from "../baseline/index.ts";
import { ConfigError, UsageError } from "../types.ts";
import type { Sandbox } from "../sandbox/index.ts";
import { CODE_ROOT, COMPILED } from "../layout.ts";
import { RESULTS_DIR_VARIABLE } from "../suite/collect.ts";
import { testNamePatternFor } from "../suite/select.ts";
import { REPRODUCE_DIR, REPRODUCE_DIR_VARIABLE } from "../suite/reproduce.ts";
import { SUITE_TEST_OPTIONS } from "../suite/vitest-options.ts";
import { budgetSummary, limitEnvironment, limitWorkers, outageLines, type LimitOptions } from "./reliability.ts";
import { preflightRun } from "./preflight.ts";
import { ProgressReporter } from "./progress.ts";
import { buildResults, readCaseLines } from "../results/build.ts";
import { HeldOutput } from "./written.ts";

export interface RunOptions extends LimitOptions {
  target?: string;
  vendor?: string[];
  seed?: string;
  runs?: string;
  record?: boolean;
  baseline?: string;
  previous?: string;
  out: string;
  case?: string;
  shard?: string;
  fixtures?: string;
  /** Test-only: start the embedded sandbox with this contract regression. */
  sandboxMutation?: string;
  /** Replay one fuzz counterexample (with --case): fast-check seed and path, as the report prints them. */
  fcSeed?: string;
  fcPath?: string;
  quiet?: boolean;
}

function environmentFrom(options: RunOptions): Record<string, string> {
  const env: Record<string, string> = {};
  if (options.target) env["CONFORMANCE_TARGET"] = options.target;
  if (options.vendor?.length) env["CONFORMANCE_VENDORS"] = options.vendor.join(",");
  if (options.seed !== undefined) env["CONFORMANCE_SEED"] = options.seed;
  if (options.runs !== undefined) env["CONFORMANCE_FUZZ_RUNS"] = options.runs;
  if (options.record) env["CONFORMANCE_RECORD"] = "1";
  if (options.fixtures) env["CONFORMANCE_FIXTURES_DIR"] = resolve(options.fixtures);
  if (options.fcSeed !== undefined) env["CONFORMANCE_FC_SEED"] = options.fcSeed;
  if (options.fcPath !== undefined) env["CONFORMANCE_FC_PATH"] = options.fcPath;
  Object.assign(env, limitEnvironment(options, options.target ?? process.env["CONFORMANCE_TARGET"]));
  return env;
}

export async function runCommand(options: RunOptions): Promise<number> {
  const env = { ...process.env, ...environmentFrom(options) };
  // Every flag, file and key is checked before the first request (src/cli/preflight.ts).
  const { config, spec, out, shard, baseline: baselineFile, previous } = preflightRun(options, env);
  if ((options.fcSeed !== undefined || options.fcPath !== undefined) && !options.case)
    throw new ConfigError(
      "--fc-seed/--fc-path replay one fuzz case: add --case <operation>/fuzz-<family> (the report's Reproduce command has it)",
    );
  Object.assign(process.env, environmentFrom(options));
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(out, ".run-"));
  process.env[RESULTS_DIR_VARIABLE] = work;
  // The request budget is shared by the vitest workers through a folder in the run's work folder.
  const limits = limitWorkers({ ...process.env }, work);
  Object.assign(process.env, limits.env);

  let sandbox: Sandbox | undefined;
  // The sandbox's curls run as printed: their bodies go beside the report (never on live; never with a real face).
  const reproduceDir = config.target === "sandbox" && !config.faceImage ? join(out, REPRODUCE_DIR) : undefined;
  rmSync(join(out, REPRODUCE_DIR), { recursive: true, force: true });
  if (config.target === "sandbox") {
    const { startSandbox } = await import("../sandbox/index.ts");
    sandbox = await startSandbox({
      port: 0,
      ...(options.sandboxMutation ? { mutation: options.sandboxMutation } : {}),
    });
    process.env["CONFORMANCE_SANDBOX"] = JSON.stringify({ baseUrls: sandbox.baseUrls, origin: sandbox.origin });
  }
  const startedAt = new Date();
  const files = config.vendors.map((v) => `suites/${v}/`);
  // vitest's own lines would interleave with the summary: held, shown on trouble.
  const toolOutput = new HeldOutput();
  let unhandled = 0;
  try {
    // Imported here, not at the top: configuration errors above are reported without loading vitest.
    const { startVitest } = await import("vitest/node");
    const vitest = await startVitest(
      "test",
      files,
      {
        config: false,
        // The suites as they run: TypeScript in a checkout, compiled JavaScript in the installed package.
        root: CODE_ROOT,
        ...SUITE_TEST_OPTIONS,
        // The compiled kit is plain JavaScript: Node imports it natively instead of through vite's transform
        // (the suites themselves stay vitest's). From TypeScript source vite must transform it.
        ...(COMPILED ? { server: { deps: { external: [/\/dist\/(src|reporters)\//] } } } : {}),
        watch: false,
        passWithNoTests: false,
        maxWorkers: limits.maxWorkers,
        env: {
          ...environmentFrom(options),
          ...limits.env,
          [RESULTS_DIR_VARIABLE]: work,
          ...(reproduceDir ? { [REPRODUCE_DIR_VARIABLE]: reproduceDir } : {}),
          ...(process.env["CONFORMANCE_SANDBOX"] ? { CONFORMANCE_SANDBOX: process.env["CONFORMANCE_SANDBOX"] } : {}),
        },
        ...(options.case ? { testNamePattern: testNamePatternFor(options.case) } : {}),
        ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
        // Only progress (an empty reporter when quiet: [] would mean vitest's default one). Every report is rendered
        // from the final results below, after the baseline.
        reporters: [options.quiet ? {} : new ProgressReporter()],
      },
      undefined,
      { stdout: toolOutput, stderr: toolOutput },
    );
    unhandled = vitest?.state.getUnhandledErrors().length ?? 0;
    await vitest?.close();
  } finally {
    await sandbox?.close();
  }

  const budget = budgetSummary(limits.env);
  let results = buildResults(config, spec, readCaseLines(work), startedAt, shard, options.sandboxMutation);
  const outages = outageLines(limits.env, config, results);
  rmSync(work, { recursive: true, force: true });
  if ((results.cases.length === 0 || unhandled > 0) && toolOutput.held.trim()) process.stderr.write(toolOutput.held);
  if (results.cases.length === 0)
    throw new UsageError(
      `the run produced no case results (filters: vendor ${config.vendors.join(",")}${options.case ? `, case ${options.case}` : ""})`,
    );
  const extra: string[] = [];
  if (budget) extra.push(`  ${budget}`);
  let baselineOutcome;
  if (baselineFile) {
    baselineOutcome = applyBaseline(results, baselineFile, new Date());
    results = baselineOutcome.results;
    extra.push(
      ...renderBaselineText(baselineOutcome)
        .split("\n")
        .filter(Boolean)
        .map((l) => `  ${l}`),
    );
  }
  writeReports(results, {
    out,
    notes: extra,
    ...(previous ? { previous } : {}),
    ...(baselineOutcome ? { baseline: baselineOutcome } : {}),
  });
  for (const line of outages) process.stderr.write(line + "\n");
  return exitCodeOf(results);
}
