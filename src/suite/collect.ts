// Case results leave the test workers as JSON lines; the CLI merges them into reports/results.json.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import type { CaseResult } from "../results/model.ts";

export const RESULTS_DIR_VARIABLE = "CONFORMANCE_RESULTS_DIR";

export function collectCase(result: CaseResult): void {
  const dir = process.env[RESULTS_DIR_VARIABLE];
  if (!dir) return;
  const cases = join(dir, "cases");
  mkdirSync(cases, { recursive: true });
  // One file per worker thread: two workers never append to the same file.
  appendFileSync(join(cases, `${process.pid}-${threadId}.jsonl`), JSON.stringify(result) + "\n");
}
