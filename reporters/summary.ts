// The terminal summary: one screen at the end of run, report and merge, ending with every report written.
import { relative } from "node:path";
import { runVerdict, vendorVerdict, vendorsOf } from "../src/results/verdict.ts";
import type { RunResults } from "../src/results/model.ts";
import type { Reporter, WrittenReport } from "./types.ts";

export function summarise(results: RunResults, written: WrittenReport[], notes: string[] = []): string {
  const lines: string[] = [];
  const v = runVerdict(results);
  lines.push(
    `ekyc-conformance ${results.run.kitVersion}: target ${results.run.target}, seed ${results.run.seed}, ${results.cases.length} cases`,
  );
  lines.push(
    `  passed ${v.passed}, failed ${v.failed}, skipped ${v.skipped}, inconclusive ${v.inconclusive}${v.baselined ? ` (${v.baselined} finding${v.baselined === 1 ? "" : "s"} accepted by the baseline)` : ""}`,
  );
  for (const vendor of vendorsOf(results)) lines.push(`  ${vendor.padEnd(8)} ${vendorVerdict(results, vendor).label}`);
  const failures = results.cases.filter((c) => c.status === "failed");
  for (const c of failures.slice(0, 12)) {
    const first = c.findings.find((f) => f.severity === "failure");
    lines.push(`  ✗ ${c.id}: ${first ? `${first.check}: ${first.message}` : "failed"}`.slice(0, 200));
  }
  if (failures.length > 12) lines.push(`  … and ${failures.length - 12} more failing cases (see the report)`);
  for (const c of results.cases.filter((c) => c.status === "inconclusive").slice(0, 5))
    lines.push(`  ? ${c.id}: ${c.reason ?? "inconclusive"}`.slice(0, 200));
  lines.push(...notes);
  lines.push(`Run verdict: ${v.label}`);
  // The HTML report last: the main job ends with the path a person opens.
  const ordered = [
    ...written.filter((w) => w.label !== "HTML report"),
    ...written.filter((w) => w.label === "HTML report"),
  ];
  if (ordered.length)
    lines.push(
      "Reports written:",
      ...ordered.map((w) => `  ${w.label.padEnd(14)} ${relative(process.cwd(), w.path) || w.path}`),
    );
  return lines.join("\n");
}

export const summaryReporter: Reporter = {
  label: "summary",
  write(results, { written, notes, stdout }) {
    stdout(summarise(results, written, notes) + "\n");
    return undefined;
  },
};
