// The one-screen summary printed at the end of a run.
import type { RunResults } from "../results/model.ts";
import { runVerdict, vendorVerdict, vendorsOf } from "../results/verdict.ts";

export function summarise(results: RunResults, reportPath: string, extra: string[] = []): string {
  const lines: string[] = [];
  const count = (status: string) => results.cases.filter((c) => c.status === status).length;
  lines.push(`ekyc-conformance ${results.run.kitVersion}: target ${results.run.target}, seed ${results.run.seed}, ${results.cases.length} cases`);
  lines.push(`  passed ${count("passed")}, failed ${count("failed")}, skipped ${count("skipped")}, inconclusive ${count("inconclusive")}`);
  for (const vendor of vendorsOf(results)) lines.push(`  ${vendor.padEnd(8)} ${vendorVerdict(results, vendor).label}`);
  const failures = results.cases.filter((c) => c.status === "failed");
  for (const c of failures.slice(0, 12)) {
    const first = c.findings.find((f) => f.severity === "failure");
    lines.push(`  ✗ ${c.id}: ${first ? `${first.check}: ${first.message}` : "failed"}`.slice(0, 200));
  }
  if (failures.length > 12) lines.push(`  … and ${failures.length - 12} more failing cases (see the report)`);
  for (const c of results.cases.filter((c) => c.status === "inconclusive").slice(0, 5)) lines.push(`  ? ${c.id}: ${c.reason ?? "inconclusive"}`.slice(0, 200));
  lines.push(...extra);
  lines.push(`Run verdict: ${runVerdict(results).label}`);
  lines.push(`HTML report: ${reportPath}`);
  return lines.join("\n");
}
