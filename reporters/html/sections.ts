// Report sections other than the matrix and the cases: verdict banner, run metadata, doc-deviation register,
// baseline and drift.
import type { BaselineOutcome } from "../../src/baseline/types.ts";
import type { Drift } from "../../src/diff/diff.ts";
import { RESULTS_VERSION } from "../../src/results/model.ts";
import { runVerdict, vendorVerdict, vendorsOf } from "../../src/results/verdict.ts";
import { causeLine, findingLine, firstFailure, baselineLine } from "../../src/results/describe.ts";
import type { CaseStatus } from "../../src/results/model.ts";
import { attr, ident, text } from "./escape.ts";
import { caseAnchor, vendorName, type RenderContext } from "./render-context.ts";

const VERDICT_TEXT = {
  conforming: "Every case that ran matched the vendor's documentation.",
  deviations: "Some responses contradict the vendor's documentation (each is listed below with the rule it breaks).",
  inconclusive:
    "No deviation was found, but some cases could not be judged (vendor unreachable, skipped), so conformance is not proven.",
};

export function renderBanner(ctx: RenderContext): string {
  const run = runVerdict(ctx.results);
  const vendors = vendorsOf(ctx.results).map((v) => {
    const vv = vendorVerdict(ctx.results, v);
    const counts = [
      `${vv.passed} passed`,
      vv.failed ? `${vv.failed} failed` : "",
      vv.inconclusive ? `${vv.inconclusive} inconclusive` : "",
      vv.skipped ? `${vv.skipped} skipped` : "",
      vv.warnings ? `${vv.warnings} warning${vv.warnings === 1 ? "" : "s"}` : "",
      vv.baselined ? `${vv.baselined} baselined` : "",
    ].filter(Boolean);
    return `<li class="v-${vv.kind}" data-vendor="${attr(v)}"><a href="#vendor-${attr(v)}">${text(vendorName(v))}</a>: <b>${text(vv.label)}</b> <span class="muted">(${text(counts.join(", "))})</span></li>`;
  });
  // The same four counts, in the same words, as the terminal summary and the case group headings.
  const counts = (["passed", "failed", "skipped", "inconclusive"] as const)
    .map((s) => `<span data-count="${s}">${s} ${run[s]}</span>`)
    .join("");
  return (
    `<header class="banner v-${run.kind}"><h1>eKYC API conformance: <span class="verdict-word">${text(run.label)}</span></h1>` +
    `<p>${VERDICT_TEXT[run.kind]} ${run.total} cases against the <b>${text(ctx.results.run.target)}</b> target.</p>` +
    `<p class="counts" id="counts">${counts}${run.baselined ? `<span class="accepted" data-count="baselined">${run.baselined} finding${run.baselined === 1 ? "" : "s"} accepted by the baseline</span>` : ""}</p>` +
    renderTally(ctx, "inconclusive", "Inconclusive, by cause") +
    renderTally(ctx, "skipped", "Skipped, by reason") +
    `<ul class="vendors">${vendors.join("")}</ul>` +
    `<nav class="toc">${run.failed ? `<a href="#failing">Failing cases</a>` : ""}<a href="#run">Run</a><a href="#matrix">Matrix</a><a href="#cases">Cases</a><a href="#deviations">Doc deviations</a><a href="#baseline">Baseline</a><a href="#drift">Drift</a></nav></header>`
  );
}

/** Cases of one status counted by why (fault and reason), most frequent first. */
function renderTally(ctx: RenderContext, status: CaseStatus, title: string): string {
  const byReason = new Map<string, number[]>();
  ctx.results.cases.forEach((c, i) => {
    if (c.status !== status) return;
    const why = causeLine(c);
    byReason.set(why, [...(byReason.get(why) ?? []), i]);
  });
  if (byReason.size === 0) return "";
  const items = [...byReason].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return (
    `<div class="tally" id="tally-${status}"><b>${title}:</b><ul>` +
    items
      .map(
        ([why, cases]) =>
          `<li data-reason-count="${cases.length}"><b>${cases.length}</b> × ${text(why)} <span class="muted">(<a href="#${caseAnchor(cases[0]!)}">first case</a>)</span></li>`,
      )
      .join("") +
    `</ul></div>`
  );
}

/** Right under the banner: every failing case with the check and the finding in one line. */
export function renderFailing(ctx: RenderContext): string {
  const rows: string[] = [];
  ctx.results.cases.forEach((c, i) => {
    if (c.status !== "failed") return;
    const f = firstFailure(c);
    const more = c.findings.filter((x) => x.severity === "failure").length - 1;
    rows.push(
      `<tr data-vendor="${attr(c.vendor)}"><td><a href="#${caseAnchor(i)}"><code class="id">${ident(c.id)}</code></a></td><td><code class="id">${ident(f?.check ?? "(no finding)")}</code></td>` +
        `<td>${text(f ? findingLine(f) : "failed without a finding")}${more > 0 ? ` <span class="muted">(+${more} more)</span>` : ""}</td></tr>`,
    );
  });
  if (rows.length === 0) return "";
  return (
    `<section id="failing"><h2>Failing cases (${rows.length})</h2>` +
    `<table class="failing"><thead><tr><th>Case</th><th>Check</th><th>Finding</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`
  );
}

function duration(a: string, b: string): string {
  const ms = Date.parse(b) - Date.parse(a);
  if (!Number.isFinite(ms) || ms < 0) return "";
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function renderRun(ctx: RenderContext): string {
  const r = ctx.results.run;
  const row = (k: string, v: string) => `<dt>${k}</dt><dd>${v}</dd>`;
  const hashes = Object.entries(r.specHashes)
    .map(([v, h]) => `${text(v)}: <code>${text(h ?? "")}</code>`)
    .join("<br>");
  return (
    `<section id="run"><h2>Run</h2><dl class="meta">` +
    row(
      "Target",
      `<b>${text(r.target)}</b> <span class="muted">(sandbox = the kit's embedded local sandbox of the three vendors, live = the vendors' own servers, fixtures = recorded exchanges replayed offline)</span>`,
    ) +
    row("Vendors", text(r.vendors.map(vendorName).join(", "))) +
    row(
      "Seed",
      `<code>${r.seed}</code> <span class="muted">(re-running with this seed sends the same generated inputs)</span>`,
    ) +
    row("Fuzz runs per property", String(r.fuzzRuns)) +
    row(
      "Kit version",
      `<code>${text(r.kitVersion)}</code> <span class="muted">(results format v${RESULTS_VERSION})</span>`,
    ) +
    row("Spec hashes", hashes || "—") +
    row("Started", text(r.startedAt)) +
    row("Finished", `${text(r.finishedAt)} <span class="muted">${duration(r.startedAt, r.finishedAt)}</span>`) +
    row("Host", text(`${r.host.hostname} (${r.host.platform}, Node ${r.host.node}, ${r.host.cpus} CPUs)`)) +
    (r.shard ? row("Shard", `${r.shard.index} of ${r.shard.count}`) : "") +
    (r.missingShards
      ? row(
          "Shards missing",
          `<b>${r.missingShards.missing.join(", ")} of ${r.missingShards.count}</b> <span class="muted">(a partial merge: those shards' cases were not judged)</span>`,
        )
      : "") +
    (r.sandboxMutation
      ? row(
          "Sandbox mutation",
          `<code>${text(r.sandboxMutation)}</code> <span class="muted">(a contract regression injected on purpose into the embedded sandbox)</span>`,
        )
      : "") +
    `</dl></section>`
  );
}

export function renderDeviations(ctx: RenderContext): string {
  const { results } = ctx;
  if (results.deviations.length === 0)
    return `<section id="deviations"><h2>Documentation deviations</h2><p class="muted">The specs in force record no place where the vendor documentation contradicts itself.</p></section>`;
  const rows = results.deviations.map((d) => {
    const explained: string[] = [];
    results.cases.forEach((c, i) => {
      const n = c.findings.filter((f) => f.deviation === d.id).length;
      const b = (c.baselined ?? []).filter((f) => f.deviation === d.id).length;
      if (n + b > 0)
        explained.push(
          `<a href="#${caseAnchor(i)}"><code>${text(c.id)}</code></a>${b ? ' <span class="muted">(baselined)</span>' : ""}`,
        );
    });
    return (
      `<tr id="${ctx.deviationAnchor.get(d.id)}" data-vendor="${attr(d.vendor)}"><td><code>${text(d.id)}</code></td><td>${text(vendorName(d.vendor))}</td><td>${text(d.summary)}</td>` +
      `<td>${text(d.chosen)}</td><td>${text(d.otherReading)}</td><td>${text(d.reportedAs)}</td><td>${explained.join("<br>") || `<span class="muted">no finding in this run</span>`}</td></tr>`
    );
  });
  return (
    `<section id="deviations"><h2>Documentation deviations</h2><p>Places where the vendor's own documentation is contradictory. The kit follows the <i>chosen</i> reading; ` +
    `a response following the <i>other</i> reading is reported with the severity shown and linked here.</p>` +
    `<table><thead><tr><th>Id</th><th>Vendor</th><th>Contradiction</th><th>Chosen reading</th><th>Other reading</th><th>Reported as</th><th>Explains</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`
  );
}

export function renderBaseline(ctx: RenderContext, outcome?: BaselineOutcome): string {
  const items: string[] = [];
  ctx.results.cases.forEach((c, i) => {
    for (const f of c.baselined ?? [])
      items.push(
        `<tr data-vendor="${attr(c.vendor)}"><td><a href="#${caseAnchor(i)}"><code class="id">${ident(c.id)}</code></a></td><td><code class="id">${ident(f.check)}</code></td><td>${text(f.severity)}</td><td>${text(f.message)}</td>` +
          `<td>${f.baseline ? text(baselineLine(f.baseline)) : `<span class="muted">(entry not recorded)</span>`}</td></tr>`,
      );
  });
  let html =
    `<section id="baseline"><h2>Baseline</h2><p>Deviations your team accepted in a baseline file. They are shown here and in each case, but do not fail the run.</p>` +
    (items.length
      ? `<table><thead><tr><th>Case</th><th>Check</th><th>Severity</th><th>Finding</th><th>Accepted by (entry, reason, expiry)</th></tr></thead><tbody>${items.join("")}</tbody></table>`
      : `<p class="muted">No finding was matched by a baseline entry.</p>`);
  if (outcome) {
    const entry = (e: { operation: string; check: string; match: object; reason: string; expires?: string }) =>
      `<code>${text(e.operation)}</code> <code>${text(e.check)}</code> <code>${text(JSON.stringify(e.match))}</code> — ${text(e.reason)}`;
    html += `<p class="muted">Baseline file: <code>${text(outcome.source ?? "(unnamed)")}</code></p>`;
    if (outcome.expired.length)
      html += `<h3>Expired entries (no longer suppress)</h3><ul>${outcome.expired.map((x) => `<li>entries[${x.index}] expired ${text(x.entry.expires ?? "")}: ${entry(x.entry)} <b>(${x.wouldMatch} finding(s) fail again)</b></li>`).join("")}</ul>`;
    if (outcome.unused.length)
      html += `<h3>Entries that matched nothing (the deviation no longer occurs; remove them)</h3><ul>${outcome.unused.map((x) => `<li>entries[${x.index}]: ${entry(x.entry)}</li>`).join("")}</ul>`;
    if (!outcome.expired.length && !outcome.unused.length)
      html += `<p class="muted">Every baseline entry is in force and still matches a finding.</p>`;
  }
  return html + `</section>`;
}

export function renderDrift(drift: Drift | undefined): string {
  if (!drift)
    return `<section id="drift"><h2>Drift</h2><p class="muted">No previous results were given, so nothing to compare.</p></section>`;
  const from = `${text(drift.from.startedAt)} (kit ${text(drift.from.kitVersion)}, ${text(drift.from.target)})`;
  let html = `<section id="drift"><h2>Drift since the previous run</h2><p>Compared with the run of ${from}.</p>`;
  if (drift.unchanged) return html + `<p>No drift: same verdicts, findings, cases and response shapes.</p></section>`;
  if (drift.checks.length) {
    const rows = drift.checks.map((c) => {
      const list = [
        ...c.appeared.map((f) => `<li>+ <code>${text(f.caseId)}</code> [${text(f.severity)}] ${text(f.message)}</li>`),
        ...c.disappeared.map(
          (f) => `<li>− <code>${text(f.caseId)}</code> [${text(f.severity)}] ${text(f.message)}</li>`,
        ),
      ];
      return `<tr><td><code>${text(c.operationId)}</code></td><td><code>${text(c.check)}</code></td><td><span class="badge s-${c.from === "absent" ? "skip" : c.from}">${c.from}</span> → <span class="badge s-${c.to === "absent" ? "skip" : c.to}">${c.to}</span></td><td>${list.length ? `<ul>${list.join("")}</ul>` : ""}</td></tr>`;
    });
    html += `<h3>Checks</h3><table><thead><tr><th>Operation</th><th>Check</th><th>Verdict</th><th>Findings appeared (+) / disappeared (−)</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  }
  const { appeared, disappeared, statusChanged } = drift.cases;
  if (appeared.length + disappeared.length + statusChanged.length) {
    html +=
      `<h3>Cases</h3><ul>` +
      statusChanged.map((s) => `<li><code>${text(s.caseId)}</code>: ${s.from} → ${s.to}</li>`).join("") +
      appeared.map((id) => `<li><code>${text(id)}</code>: new case</li>`).join("") +
      disappeared.map((id) => `<li><code>${text(id)}</code>: no longer run</li>`).join("") +
      `</ul>`;
  }
  if (drift.shapes.length) {
    html += `<h3>Response shapes</h3><p class="muted">Fields seen in JSON response bodies (array items collapsed to <code>/*</code>).</p>`;
    for (const s of drift.shapes) {
      const rows = s.changes.map(
        (c) =>
          `<tr><td>${c.kind}</td><td><code>${text(c.pointer || "(root)")}</code></td><td>${text(c.from ?? "")}</td><td>${text(c.to ?? "")}</td></tr>`,
      );
      html += `<h4><code>${text(s.operationId)}</code> HTTP ${s.status}</h4><table><thead><tr><th>Change</th><th>Field</th><th>Was</th><th>Now</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
    }
  }
  if (drift.responseStatuses.length)
    html += `<h3>Response statuses seen in one run only</h3><ul>${drift.responseStatuses.map((r) => `<li><code>${text(r.operationId)}</code> HTTP ${r.status}: only in the ${r.seenIn} run</li>`).join("")}</ul>`;
  return html + `</section>`;
}
