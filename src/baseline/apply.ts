// Applying a baseline: matching findings move to CaseResult.baselined, and a failed case whose failures were all
// accepted passes. Expired entries stop suppressing; entries matching nothing are reported so the baseline shrinks.
import type { BaselinedFinding, RunResults } from "../results/model.ts";
import type { Finding } from "../types.ts";
import type { Baseline, BaselineEntry, BaselineOutcome } from "./types.ts";

export function entryMatches(entry: BaselineEntry, operationId: string, f: Finding): boolean {
  if (entry.operation !== operationId || entry.check !== f.check) return false;
  const { message, pointer, code } = entry.match;
  if (message !== undefined && !f.message.includes(message)) return false;
  if (pointer !== undefined && !(f.schemaFindings ?? []).some((s) => s.pointer === pointer)) return false;
  if (code !== undefined) {
    const actual = f.actual as { code?: unknown } | undefined;
    const hit =
      f.actual === code ||
      (typeof actual === "object" && actual !== null && actual.code === code) ||
      (f.schemaFindings ?? []).some((s) => s.actual === code);
    if (!hit) return false;
  }
  return true;
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Returns new results (the input is not modified). `today` is a `YYYY-MM-DD` string or a Date (its UTC day); an
 * entry expiring on `today` still applies.
 */
export function applyBaseline(
  results: RunResults,
  baseline: Baseline,
  today: string | Date,
): BaselineOutcome & { results: RunResults } {
  const day = typeof today === "string" ? today : isoDay(today);
  const out = structuredClone(results);
  const live = baseline.entries.map((entry, index) => ({
    entry,
    index,
    expired: entry.expires !== undefined && entry.expires < day,
    matched: 0,
  }));

  for (const c of out.cases) {
    const kept: Finding[] = [];
    const moved: BaselinedFinding[] = [];
    for (const f of c.findings) {
      let acceptedBy: (typeof live)[number] | undefined;
      for (const e of live)
        if (entryMatches(e.entry, c.operationId, f)) {
          e.matched++;
          if (!e.expired) acceptedBy ??= e;
        }
      if (!acceptedBy) kept.push(f);
      else {
        // The first entry in force that matches is the one every report names.
        const { index, entry } = acceptedBy;
        moved.push({
          ...f,
          baseline: {
            index,
            reason: entry.reason,
            ...(entry.expires ? { expires: entry.expires } : {}),
            ...(baseline.source ? { source: baseline.source } : {}),
          },
        });
      }
    }
    // Findings already baselined (a re-applied baseline) still count as uses, so their entries are not "unused".
    for (const f of c.baselined ?? []) for (const e of live) if (entryMatches(e.entry, c.operationId, f)) e.matched++;
    if (moved.length === 0) continue;
    c.findings = kept;
    c.baselined = [...(c.baselined ?? []), ...moved];
    // Only a failure we can account for flips: a case failed for a reason with no finding stays failed.
    if (c.status === "failed" && !kept.some((f) => f.severity === "failure")) c.status = "passed";
  }

  return {
    results: out,
    source: baseline.source,
    applied: live
      .filter((e) => !e.expired && e.matched > 0)
      .map(({ index, entry, matched }) => ({ index, entry, matched })),
    expired: live.filter((e) => e.expired).map(({ index, entry, matched }) => ({ index, entry, wouldMatch: matched })),
    unused: live.filter((e) => !e.expired && e.matched === 0).map(({ index, entry }) => ({ index, entry })),
  };
}

/** Lines for the CLI about the baseline itself (empty when all entries were used and none expired). */
export function renderBaselineText(outcome: BaselineOutcome): string {
  const lines: string[] = [];
  const name = (e: BaselineEntry) => `${e.operation} ${e.check} ${JSON.stringify(e.match)}`;
  for (const x of outcome.expired)
    lines.push(
      `baseline entries[${x.index}] expired ${x.entry.expires}: ${name(x.entry)} no longer suppresses (${x.wouldMatch} finding(s))`,
    );
  for (const x of outcome.unused)
    lines.push(
      `baseline entries[${x.index}] matched nothing (deviation no longer occurs; remove it): ${name(x.entry)}`,
    );
  return lines.length ? lines.join("\n") + "\n" : "";
}
