// One table per vendor: operations down, checks across; each cell coloured by its worst case and linked to it.
import type { Vendor } from "../../src/types.ts";
import { buildMatrix, cellKey, type Cell, type CellStatus, type Verdict } from "../../src/results/verdict.ts";
import { attr, ident, text } from "./escape.ts";
import { caseAnchor, vendorName, type RenderContext } from "./render-context.ts";

const SYMBOL: Record<CellStatus | "baselined", string> = {
  fail: "✗",
  inconclusive: "?",
  warn: "!",
  pass: "✓",
  skip: "–",
  baselined: "⚑",
};
const WORD: Record<CellStatus | "baselined", string> = {
  fail: "failed",
  inconclusive: "inconclusive",
  warn: "warning",
  pass: "passed",
  skip: "skipped",
  baselined: "with baseline-accepted findings",
};
const ORDER = ["fail", "inconclusive", "warn", "pass", "skip", "baselined"] as const;

function cellHtml(cell: Cell, id: string, label: string): string {
  const parts = ORDER.filter((s) => cell.counts[s] > 0);
  const short = parts.map((s) => `${SYMBOL[s]}${cell.counts[s]}`).join(" ");
  const long = parts.map((s) => `${cell.counts[s]} ${WORD[s]}`).join(", ");
  return (
    `<td class="cell s-${cell.status}"><a href="#${caseAnchor(cell.cases[0]!)}" data-cell="${id}" data-label="${attr(label)}"` +
    ` title="${attr(`${label}: ${long}. Click to show these cases.`)}">${text(short)}</a></td>`
  );
}

export function renderMatrix(ctx: RenderContext, vendor: Vendor, vendorIndex: number, verdict: Verdict): string {
  const m = buildMatrix(ctx.results, vendor);
  const head = `<h3>${text(vendorName(vendor))} <span class="badge s-${verdictClass(verdict)}">${text(verdict.label)}</span></h3>`;
  if (m.operations.length === 0) {
    return `<section class="vendor" id="vendor-${attr(vendor)}" data-vendor="${attr(vendor)}">${head}<p class="muted">No cases ran for this vendor.</p></section>`;
  }
  const rows = m.operations.map((op, oi) => {
    const cells = m.checks.map((check, ci) => {
      const cell = m.cells.get(cellKey(op, check));
      if (!cell) return `<td class="none" title="not applied"></td>`;
      const id = `cell-${vendorIndex}-${oi}-${ci}`;
      for (const index of cell.cases) {
        const list = ctx.caseCells.get(index) ?? [];
        list.push(id);
        ctx.caseCells.set(index, list);
      }
      return cellHtml(cell, id, `${op} × ${check}`);
    });
    return `<tr><th class="op" scope="row"><code class="id">${ident(op)}</code></th>${cells.join("")}</tr>`;
  });
  return (
    `<section class="vendor" id="vendor-${attr(vendor)}" data-vendor="${attr(vendor)}">${head}` +
    `<table class="matrix"><thead><tr><th>Operation \\ check</th>${m.checks.map((c) => `<th scope="col"><code class="id">${ident(c)}</code></th>`).join("")}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></section>`
  );
}

export function verdictClass(v: Verdict): CellStatus {
  return v.kind === "deviations" ? "fail" : v.kind === "inconclusive" ? "inconclusive" : "pass";
}

export function legendHtml(): string {
  return (
    `<div class="legend">Cells: ` +
    ORDER.map(
      (s) => `<span class="badge s-${s === "baselined" ? "baselined" : s}">${SYMBOL[s]} ${text(WORD[s])}</span>`,
    ).join(" ") +
    ` — the number is how many cases of that operation ran that check; the colour is the worst of them.</div>`
  );
}
