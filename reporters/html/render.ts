// reports/conformance.html: one self-contained file (inline CSS and one hashed inline script, nothing fetched),
// readable without knowing the kit. All vendor data passes through escape.ts; none reaches a script, style or URL.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BaselineOutcome } from "../../src/baseline/types.ts";
import { diffResults } from "../../src/diff/diff.ts";
import type { CaseStatus, RunResults } from "../../src/results/model.ts";
import { runVerdict, vendorVerdict, vendorsOf } from "../../src/results/verdict.ts";
import { renderCase } from "./case.ts";
import { vendorName, type RenderContext } from "./render-context.ts";
import { attr, text } from "./escape.ts";
import { legendHtml, renderMatrix } from "./matrix.ts";
import { SCRIPT, scriptHash } from "./script.ts";
import { renderBanner, renderBaseline, renderDeviations, renderDrift, renderFailing, renderRun } from "./sections.ts";
import { STYLES } from "./styles.ts";

export interface HtmlOptions {
  /** Results of an earlier run: adds the drift section. */
  previous?: RunResults;
  /** Outcome of applyBaseline: adds expired and unused entries to the baseline section. */
  baseline?: BaselineOutcome;
  /** Longest body shown per message, in characters (default 256 KiB). */
  maxBodyChars?: number;
}

export const HTML_FILE = "conformance.html";

/** The CSP: nothing may load; styles inline; the one script by hash. base-uri/form-action are not covered by default-src. */
export function contentSecurityPolicy(script: string = SCRIPT): string {
  return `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptHash(script)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

const GROUPS: { status: CaseStatus; title: string; open: boolean; note: string }[] = [
  {
    status: "failed",
    title: "Failing cases",
    open: true,
    note: "Each finding quotes the documented rule, the evidence, the exchange and how to reproduce it.",
  },
  {
    status: "inconclusive",
    title: "Inconclusive cases",
    open: true,
    note: "The target could not be judged (no response, outage, rate limit): not a deviation, not a pass.",
  },
  {
    status: "passed",
    title: "Passed cases",
    open: false,
    note: "Click a case to see its exchange. Warnings and baseline-accepted findings do not fail a case.",
  },
  { status: "skipped", title: "Skipped cases", open: false, note: "Not run, with the reason." },
];

export function renderHtml(results: RunResults, options: HtmlOptions = {}): string {
  const ctx: RenderContext = {
    results,
    caseCells: new Map(),
    deviationAnchor: new Map(results.deviations.map((d, i) => [d.id, `dev-${i}`])),
    maxBody: options.maxBodyChars ?? 256 * 1024,
  };
  const vendors = vendorsOf(results);
  // Matrices first: they fill ctx.caseCells, which the cases need for the cell filter.
  const matrices = vendors.map((v, i) => renderMatrix(ctx, v, i, vendorVerdict(results, v))).join("");
  const groups = GROUPS.map((g) => {
    const indexes = results.cases.map((c, i) => (c.status === g.status ? i : -1)).filter((i) => i >= 0);
    if (indexes.length === 0) return "";
    return `<section class="group" id="group-${g.status}"><h3>${g.title} (<span data-count="${g.status}">${indexes.length}</span>)</h3><p class="muted">${g.note}</p>${indexes.map((i) => renderCase(ctx, i, g.open)).join("")}</section>`;
  }).join("");
  const drift = options.previous ? diffResults(options.previous, results) : undefined;
  const verdict = runVerdict(results);

  const filters =
    `<div id="filters" hidden><label>Vendor <select id="f-vendor"><option value="">all</option>` +
    vendors.map((v) => `<option value="${attr(v)}">${text(vendorName(v))}</option>`).join("") +
    `</select></label><label>Status <select id="f-status"><option value="">all</option><option value="failed">failed</option><option value="inconclusive">inconclusive</option>` +
    `<option value="passed">passed</option><option value="skipped">skipped</option><option value="baselined">with baselined findings</option></select></label>` +
    `<label>Search <input type="search" id="f-search" placeholder="case id, message, header, body…" autocomplete="off"></label>` +
    `<output id="f-count"></output><span id="cell-filter" hidden>Only cases of <b id="cell-filter-name"></b> <button type="button" id="cell-clear">show all</button></span></div>`;

  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy())}">` +
    `<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>eKYC conformance: ${text(verdict.label)} (${text(results.run.target)}, ${text(results.run.startedAt)})</title>` +
    `<style>${STYLES}</style></head><body><main>` +
    renderBanner(ctx) +
    renderFailing(ctx) +
    renderRun(ctx) +
    `<section id="matrix"><h2>Matrix</h2><p>For each vendor: the API operations down, the checks across. Click a cell to see its cases.</p>${legendHtml()}${matrices}</section>` +
    `<section id="cases"><h2>Cases</h2>${filters}${groups || `<p class="muted">No cases ran.</p>`}</section>` +
    renderDeviations(ctx) +
    renderBaseline(ctx, options.baseline) +
    renderDrift(drift) +
    `<footer class="muted"><p>Generated by ekyc-conformance ${text(results.run.kitVersion)}. Vendor content is shown as received, escaped; invisible and direction-changing characters appear as <span class="ctl">[U+XXXX]</span>.</p></footer>` +
    `</main><script>${SCRIPT}</script></body></html>\n`
  );
}

/** Writes `<dir>/conformance.html`; returns its path. */
export function writeHtmlReport(dir: string, results: RunResults, options?: HtmlOptions): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, HTML_FILE);
  writeFileSync(path, renderHtml(results, options), "utf8");
  return path;
}
