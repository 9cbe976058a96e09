// Plain-text drift for the terminal. Vendor text (finding messages, JSON keys) may hold ANSI escapes or bidi
// controls that would rewrite the terminal, so every control character is shown as \u{..} instead.
import type { Drift } from "./diff.ts";

// C0/C1 controls (except tab), DEL, bidi embeddings/overrides/isolates, LRM/RLM/ALM, line/paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
export const safeText = (s: string): string =>
  s.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).padStart(4, "0")}}`);

export function renderDiffText(drift: Drift): string {
  const lines: string[] = [];
  const run = (r: Drift["from"]) => `${r.startedAt} (${r.target}, kit ${r.kitVersion}, seed ${r.seed})`;
  lines.push(`Drift from ${safeText(run(drift.from))}`, `        to ${safeText(run(drift.to))}`);
  if (drift.unchanged) {
    lines.push("No drift: same verdicts, findings, cases and response shapes.");
    return lines.join("\n") + "\n";
  }
  if (drift.checks.length > 0) {
    lines.push("", "Checks:");
    for (const c of drift.checks) {
      const status = c.from === c.to ? c.to : `${c.from} -> ${c.to}`;
      lines.push(`  ${safeText(c.operationId)} ${safeText(c.check)}: ${status}`);
      for (const f of c.appeared) lines.push(`    + [${f.severity}] ${safeText(f.caseId)}: ${safeText(f.message)}`);
      for (const f of c.disappeared) lines.push(`    - [${f.severity}] ${safeText(f.caseId)}: ${safeText(f.message)}`);
    }
  }
  const { appeared, disappeared, statusChanged } = drift.cases;
  if (appeared.length + disappeared.length + statusChanged.length > 0) {
    lines.push("", "Cases:");
    for (const s of statusChanged) lines.push(`  ~ ${safeText(s.caseId)}: ${s.from} -> ${s.to}`);
    for (const id of appeared) lines.push(`  + ${safeText(id)} (new case)`);
    for (const id of disappeared) lines.push(`  - ${safeText(id)} (no longer run)`);
  }
  if (drift.shapes.length > 0) {
    lines.push("", "Response shapes:");
    for (const s of drift.shapes) {
      lines.push(`  ${safeText(s.operationId)} HTTP ${s.status}:`);
      for (const c of s.changes) {
        const p = safeText(c.pointer || "(root)");
        if (c.kind === "new") lines.push(`    + ${p} (${c.to})`);
        else if (c.kind === "vanished") lines.push(`    - ${p} (was ${c.from})`);
        else lines.push(`    ~ ${p}: ${c.from} -> ${c.to}`);
      }
    }
  }
  if (drift.responseStatuses.length > 0) {
    lines.push("", "Response statuses seen in one run only (shapes not compared):");
    for (const r of drift.responseStatuses)
      lines.push(
        `  ${safeText(r.operationId)} HTTP ${r.status}: only in ${r.seenIn === "new" ? "the new" : "the old"} run`,
      );
  }
  return lines.join("\n") + "\n";
}
