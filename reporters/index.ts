// The reporter registry: name → reporter, one file per format. A new format is one file plus one entry here.
// Every command that ends with results (run, report, merge) renders all of them through writeReports.
import { resolve } from "node:path";
import type { BaselineOutcome } from "../src/baseline/types.ts";
import type { RunResults } from "../src/results/model.ts";
import { allureReporter } from "./allure.ts";
import { htmlReporter } from "./html/index.ts";
import { jsonReporter } from "./json.ts";
import { junitReporter } from "./junit.ts";
import { summaryReporter } from "./summary.ts";
import type { Reporter, WrittenReport } from "./types.ts";

export type { ReportContext, Reporter, WrittenReport } from "./types.ts";

/** In order: files first, then the terminal summary, which lists them. */
export const REPORTERS = {
  json: jsonReporter,
  html: htmlReporter,
  junit: junitReporter,
  allure: allureReporter,
  summary: summaryReporter,
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export interface WriteReportsOptions {
  out: string;
  baseline?: BaselineOutcome;
  previous?: RunResults;
  notes?: string[];
  stdout?: (text: string) => void;
  /** Default: all of them. */
  only?: ReporterName[];
}

/** Renders the final results in every format; returns what was written. */
export function writeReports(results: RunResults, options: WriteReportsOptions): WrittenReport[] {
  const context = {
    out: resolve(options.out),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.previous ? { previous: options.previous } : {}),
    notes: options.notes ?? [],
    written: [] as WrittenReport[],
    stdout: options.stdout ?? ((text: string) => void process.stdout.write(text)),
  };
  for (const name of Object.keys(REPORTERS) as ReporterName[]) {
    if (options.only && !options.only.includes(name)) continue;
    const reporter: Reporter = REPORTERS[name];
    const path = reporter.write(results, context);
    if (path) context.written.push({ label: reporter.label, path });
  }
  return context.written;
}
