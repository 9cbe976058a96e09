// The command that re-runs one case: every switch of the run that changes what is sent (target, vendor, seed, fuzz
// runs, sandbox mutation), the case, and for a failed fuzz case the fast-check seed and path of its counterexample.
import type { CaseResult, RunMetadata } from "./model.ts";

const SAFE = /^[A-Za-z0-9_./:@%+=,-]+$/;
export const shellQuote = (s: string): string => (SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function reproduceCommand(
  run: Pick<RunMetadata, "target" | "seed" | "fuzzRuns" | "sandboxMutation">,
  c: Pick<CaseResult, "id" | "vendor" | "kind" | "status" | "reproduction">,
): string {
  const args = [
    "npx",
    "ekyc-conformance",
    "run",
    "--target",
    run.target,
    "--vendor",
    c.vendor,
    "--seed",
    String(run.seed),
    "--runs",
    String(run.fuzzRuns),
  ];
  if (run.sandboxMutation) args.push("--sandbox-mutation", run.sandboxMutation);
  args.push("--case", c.id);
  const r = c.reproduction;
  if (c.kind === "fuzz" && c.status === "failed" && r?.seed !== undefined) {
    args.push("--fc-seed", String(r.seed));
    if (r.path) args.push("--fc-path", r.path);
  }
  return args.map(shellQuote).join(" ");
}
