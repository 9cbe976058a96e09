// The one reporter interface: every format renders the final RunResults (after baseline, drift and merge) into --out.
import type { BaselineOutcome } from "../src/baseline/types.ts";
import type { RunResults } from "../src/results/model.ts";

export interface ReportContext {
  /** Absolute folder every file report is written into (`--out`). */
  out: string;
  /** Outcome of the baseline applied to these results: expired and unused entries. */
  baseline?: BaselineOutcome;
  /** An earlier run, for drift. */
  previous?: RunResults;
  /** Lines a command adds to the terminal summary (request budget, baseline notes, merged shards). */
  notes: string[];
  /** Reports written so far, in registry order: the terminal summary lists them. */
  written: WrittenReport[];
  /** Where the terminal summary goes. */
  stdout: (text: string) => void;
}

export interface WrittenReport {
  /** Human name, e.g. "JUnit XML". */
  label: string;
  path: string;
}

export interface Reporter {
  /** Human name of what it writes. */
  readonly label: string;
  /** Renders `results`; returns the file or folder written, if any. */
  write(results: RunResults, context: ReportContext): string | undefined;
}
