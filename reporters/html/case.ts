// Detail of one case: findings with the documented rule, evidence, the redacted exchange and how to reproduce it.
import type { Finding, SchemaFinding } from "../../src/types.ts";
import type { CaseResult, RedactedMessage, Reproduction } from "../../src/results/model.ts";
import { baselineLine } from "../../src/results/describe.ts";
import type { BaselinedFinding } from "../../src/results/model.ts";
import { attr, bodyText, httpsUrl, ident, pretty, text } from "./escape.ts";
import { CASE_STATUS_CLASS, caseAnchor, vendorName, type RenderContext } from "./render-context.ts";

/** Web Fuzzing Commons fault categories the checks use. */
const WFC: Record<number, string> = {
  100: "server error",
  101: "schema mismatch",
  102: "success on invalid input",
  103: "delete not working",
  205: "wrongly not authenticated",
};

const pre = (s: string): string => `<pre>${text(s)}</pre>`;

function docLink(url: string | undefined): string {
  if (!url) return "";
  const safe = httpsUrl(url);
  // Only https links are clickable; anything else is shown as inert text so a bad spec entry is visible, not live.
  return safe
    ? `Vendor page: <a href="${attr(safe)}" rel="noopener noreferrer" target="_blank">${text(safe)}</a>`
    : `Vendor page (not linked, not an https URL): <code>${text(url)}</code>`;
}

function schemaTable(list: SchemaFinding[]): string {
  const rows = list.map(
    (s) =>
      `<tr><td><code>${text(s.pointer || "(root)")}</code></td><td><code>${text(s.keyword)}</code></td><td>${text(s.message)}</td>` +
      `<td>${s.expected === undefined ? "" : pre(pretty(s.expected))}</td><td>${s.actual === undefined ? "" : pre(pretty(s.actual))}</td>` +
      `<td><code>${text(s.specPointer)}</code>${s.specLine ? ` <span class="muted">line ${s.specLine}</span>` : ""}</td></tr>`,
  );
  return (
    `<table class="schema"><thead><tr><th>Response pointer</th><th>Keyword</th><th>Problem</th><th>Expected</th><th>Actual</th><th>Spec rule</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

/** The spec's own words for each violated schema rule (its description), once per distinct text. */
function specWords(f: Finding): string {
  const seen = new Map<string, SchemaFinding>();
  for (const s of f.schemaFindings ?? []) if (s.specRule && !seen.has(s.specRule)) seen.set(s.specRule, s);
  if (seen.size === 0) return "";
  return (
    `<div><div class="muted">The spec says:</div>` +
    [...seen]
      .map(
        ([words, s]) =>
          `<blockquote class="spec-rule">${text(words)} <span class="muted">— <code>${text(s.pointer || "(root)")}</code>, ${text(s.specPointer.split("#")[0] ?? "")}${s.specLine ? ` line ${s.specLine}` : ""}</span></blockquote>`,
      )
      .join("") +
    `</div>`
  );
}

export function renderFinding(ctx: RenderContext, f: Finding | BaselinedFinding): string {
  const sevClass = f.severity === "failure" ? "fail" : f.severity === "warning" ? "warn" : "skip";
  const wfc =
    f.wfc !== undefined ? ` <span class="muted">WFC ${f.wfc}${WFC[f.wfc] ? ` (${WFC[f.wfc]})` : ""}</span>` : "";
  const where = [
    docLink(f.rule.docUrl),
    f.rule.specPointer ? `Spec: <code>${text(f.rule.specPointer)}</code>` : "",
  ].filter(Boolean);
  let deviation = "";
  if (f.deviation) {
    const anchor = ctx.deviationAnchor.get(f.deviation);
    const dev = ctx.results.deviations.find((d) => d.id === f.deviation);
    deviation =
      `<p>Explained by documentation deviation ` +
      (anchor
        ? `<a href="#${anchor}"><code>${text(f.deviation)}</code></a>`
        : `<code>${text(f.deviation)}</code> (not in this run's register)`) +
      (dev ? `: ${text(dev.summary)} <span class="muted">Reported as ${text(dev.reportedAs)}.</span>` : "") +
      `</p>`;
  }
  const evidence =
    f.expected !== undefined || f.actual !== undefined
      ? `<div class="ev"><div><b>Expected (documented)</b>${pre(pretty(f.expected))}</div><div><b>Actual (${f.side === "client" ? "app sent" : "vendor sent"})</b>${pre(pretty(f.actual))}</div></div>`
      : "";
  return (
    `<div class="finding sev-${attr(f.severity)}"><h4><span class="badge s-${sevClass}">${text(f.severity)}</span> ${f.side ? `<span class="muted side">${text(f.side)}-side</span> ` : ""}<code class="id">${ident(f.check)}</code>${wfc}: ${text(f.message)}</h4>` +
    ("baseline" in f && f.baseline
      ? `<p class="accepted">Accepted by baseline ${text(baselineLine(f.baseline))}</p>`
      : "") +
    `<div class="rules"><div><div class="muted">Rule the check applies:</div><blockquote>${text(f.rule.text)}</blockquote></div>${specWords(f)}</div>` +
    (where.length ? `<p>${where.join(" · ")}</p>` : "") +
    evidence +
    (f.schemaFindings?.length ? schemaTable(f.schemaFindings) : "") +
    deviation +
    `</div>`
  );
}

function headersTable(headers: Record<string, string>): string {
  const entries = Object.entries(headers);
  if (entries.length === 0) return `<p class="muted">No headers recorded.</p>`;
  return `<table class="headers"><tbody>${entries.map(([k, v]) => `<tr><th><code>${text(k)}</code></th><td><code>${text(v)}</code></td></tr>`).join("")}</tbody></table>`;
}

function messageHtml(ctx: RenderContext, m: RedactedMessage, title: string, durationMs?: number): string {
  const line =
    title === "Request"
      ? `<code>${text(m.method ?? "?")} ${text(m.url ?? "")}</code>`
      : `<code>HTTP ${m.status ?? "?"}</code>${durationMs !== undefined ? ` <span class="muted">${Math.round(durationMs)} ms</span>` : ""}`;
  let body = `<p class="muted">No body.</p>`;
  if (m.body !== undefined && m.body !== "") {
    const shown = bodyText(m.body, ctx.maxBody);
    const notes = [
      m.bodyTruncated ? "truncated by the kit when recorded" : "",
      shown.cut ? `${shown.cut} more characters not shown` : "",
    ].filter(Boolean);
    body = pre(shown.text) + (notes.length ? `<p class="muted">(${notes.join("; ")})</p>` : "");
  }
  return `<div><h4>${title}</h4><p>${line}</p>${headersTable(m.headers)}${body}</div>`;
}

/** Where a sandbox curl runs: the report's folder, with the sandbox listening on the port the run used. */
function curlNote(curl: string, runnable: boolean | undefined): string {
  if (!runnable) return "(secrets masked)";
  const port = /^curl .*? '?https?:\/\/[^/:']+:(\d+)\//.exec(curl)?.[1];
  return `(sandbox test credentials; runs as printed from this report's folder while <code>npx ekyc-conformance sandbox --port ${text(port ?? "PORT")}</code> is running)`;
}

function reproductionHtml(r: Reproduction): string {
  const rows: string[] = [];
  if (r.command) rows.push(`<p><b>Re-run this case:</b></p>${pre(r.command)}`);
  if (r.seed !== undefined || r.path)
    rows.push(
      `<p>Seed <code>${r.seed ?? "?"}</code>${r.path ? `, fast-check path <code>${text(r.path)}</code>` : ""}</p>`,
    );
  if (r.input !== undefined) rows.push(`<p><b>Shrunk fuzz input:</b></p>${pre(pretty(r.input))}`);
  if (r.curl) rows.push(`<p><b>curl</b> ${curlNote(r.curl, r.curlRunnable)}:</p>${pre(r.curl)}`);
  return rows.length ? `<h4>Reproduce</h4>${rows.join("")}` : "";
}

export function renderCase(ctx: RenderContext, index: number, open: boolean): string {
  const c: CaseResult = ctx.results.cases[index]!;
  const failures = c.findings.filter((f) => f.severity === "failure").length;
  const warnings = c.findings.filter((f) => f.severity === "warning").length;
  const facts = [
    c.kind,
    vendorName(c.vendor),
    failures ? `${failures} failure${failures > 1 ? "s" : ""}` : "",
    warnings ? `${warnings} warning${warnings > 1 ? "s" : ""}` : "",
    c.baselined?.length ? `${c.baselined.length} baselined` : "",
    `${Math.round(c.durationMs)} ms`,
  ].filter(Boolean);
  const summary =
    `<summary><span class="badge s-${CASE_STATUS_CLASS[c.status]}">${text(c.status)}</span> <code class="id">${ident(c.id)}</code> — ${text(c.name)} ` +
    `<span class="muted">(${text(facts.join(" · "))})</span>${c.reason ? ` <span class="muted">— ${text(c.reason)}</span>` : ""}</summary>`;
  const parts: string[] = [];
  parts.push(
    `<p>Checks applied: ${c.checks.map((k) => `<code class="id">${ident(k)}</code>`).join(", ") || "none"}</p>`,
  );
  if (c.reason || c.fault)
    parts.push(
      `<p><b>${c.status === "skipped" ? "Skipped" : "Why"}:</b> ${text(c.reason ?? "")}${c.fault ? ` <span class="muted">(infrastructure fault: ${text(c.fault)})</span>` : ""}</p>`,
    );
  if (c.findings.length) parts.push(`<h4>Findings</h4>${c.findings.map((f) => renderFinding(ctx, f)).join("")}`);
  if (c.baselined?.length)
    parts.push(
      `<div class="baselined"><h4><span class="badge s-baselined">⚑ baseline</span> Accepted by the baseline — shown, not failing</h4>${c.baselined.map((f) => renderFinding(ctx, f)).join("")}</div>`,
    );
  if (c.exchanges.length) {
    parts.push(`<h4>Exchange${c.exchanges.length > 1 ? "s" : ""} (redacted)</h4>`);
    for (const ex of c.exchanges)
      parts.push(
        `<div class="exchange">${messageHtml(ctx, ex.request, "Request")}${ex.response ? messageHtml(ctx, ex.response, "Response", ex.durationMs) : `<div><h4>Response</h4><p class="muted">No response.</p></div>`}</div>`,
      );
  }
  if (c.reproduction) parts.push(reproductionHtml(c.reproduction));
  const cells = (ctx.caseCells.get(index) ?? []).join(" ");
  return (
    `<details class="case st-${attr(c.status)}" id="${caseAnchor(index)}" data-vendor="${attr(c.vendor)}" data-status="${attr(c.status)}"` +
    ` data-baselined="${c.baselined?.length ? "1" : "0"}" data-cells="${attr(cells)}"${open ? " open" : ""}>${summary}<div class="case-body">${parts.join("")}</div></details>`
  );
}
