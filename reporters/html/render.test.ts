import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RunResults } from "../../src/results/model.ts";
import { hostileResults, sampleResults } from "../testing/sample-results.ts";
import { applyBaseline } from "../../src/baseline/apply.ts";
import { renderHtml } from "./render.ts";

const MARK = `<b id="m">"'&\u202E`;

/** Every place vendor-controlled (or run-supplied) text enters the report. */
const FIELDS: [string, (r: RunResults, v: string) => void, RegExp?][] = [
  ["case id", (r, v) => (r.cases[0]!.id = v)],
  ["case name", (r, v) => (r.cases[0]!.name = v)],
  ["operation id", (r, v) => (r.cases[0]!.operationId = v)],
  ["check name", (r, v) => (r.cases[0]!.checks = [v])],
  ["reason", (r, v) => (r.cases[4]!.reason = v)],
  ["fault", (r, v) => (r.cases[4]!.fault = v)],
  ["finding message", (r, v) => (r.cases[0]!.findings[0]!.message = v)],
  ["finding check", (r, v) => (r.cases[0]!.findings[0]!.check = v)],
  ["finding expected", (r, v) => (r.cases[0]!.findings[0]!.expected = { v })],
  ["finding actual", (r, v) => (r.cases[0]!.findings[0]!.actual = v)],
  ["finding deviation", (r, v) => (r.cases[0]!.findings[0]!.deviation = v)],
  ["rule text", (r, v) => (r.cases[0]!.findings[0]!.rule.text = v)],
  ["rule docUrl", (r, v) => (r.cases[0]!.findings[0]!.rule.docUrl = v)],
  // A valid https URL is linked: the URL parser percent-encodes the markup, and attr() escapes the rest.
  [
    "rule docUrl (https)",
    (r, v) => (r.cases[0]!.findings[0]!.rule.docUrl = `https://x.test/${v}`),
    /href="https:\/\/x\.test\/%3Cb%20id=%22m%22%3E%22&#39;&amp;%E2%80%AE"/,
  ],
  ["rule specPointer", (r, v) => (r.cases[0]!.findings[0]!.rule.specPointer = v)],
  ["schema pointer", (r, v) => (r.cases[0]!.findings[0]!.schemaFindings![0]!.pointer = v)],
  ["schema keyword", (r, v) => (r.cases[0]!.findings[0]!.schemaFindings![0]!.keyword = v)],
  ["schema message", (r, v) => (r.cases[0]!.findings[0]!.schemaFindings![0]!.message = v)],
  ["schema expected", (r, v) => (r.cases[0]!.findings[0]!.schemaFindings![0]!.expected = [v])],
  ["schema actual", (r, v) => (r.cases[0]!.findings[0]!.schemaFindings![0]!.actual = v)],
  ["schema specPointer", (r, v) => (r.cases[0]!.findings[0]!.schemaFindings![0]!.specPointer = v)],
  ["request method", (r, v) => (r.cases[0]!.exchanges[0]!.request.method = v)],
  ["request url", (r, v) => (r.cases[0]!.exchanges[0]!.request.url = v)],
  ["request header name", (r, v) => (r.cases[0]!.exchanges[0]!.request.headers = { [v]: "x" })],
  ["request header value", (r, v) => (r.cases[0]!.exchanges[0]!.request.headers = { x: v })],
  ["request body", (r, v) => (r.cases[0]!.exchanges[0]!.request.body = v)],
  ["response header name", (r, v) => (r.cases[0]!.exchanges[0]!.response!.headers = { [v]: "x" })],
  ["response header value", (r, v) => (r.cases[0]!.exchanges[0]!.response!.headers = { x: v })],
  ["response body (text)", (r, v) => (r.cases[0]!.exchanges[0]!.response!.body = v)],
  ["response body (JSON)", (r, v) => (r.cases[0]!.exchanges[0]!.response!.body = JSON.stringify({ [v]: v }))],
  ["shrunk input", (r, v) => (r.cases[0]!.reproduction!.input = { [v]: v })],
  ["curl", (r, v) => (r.cases[0]!.reproduction!.curl = v)],
  ["command", (r, v) => (r.cases[0]!.reproduction!.command = v)],
  ["fast-check path", (r, v) => (r.cases[0]!.reproduction!.path = v)],
  [
    "baselined finding",
    (r, v) => (r.cases[1]!.baselined = [{ check: v, severity: "warning", message: v, rule: { text: v } }]),
  ],
  ["deviation summary", (r, v) => (r.deviations[0]!.summary = v)],
  ["deviation id", (r, v) => (r.deviations[0]!.id = v)],
  ["deviation chosen/other", (r, v) => (r.deviations[0]!.chosen = r.deviations[0]!.otherReading = v)],
  [
    "run kitVersion/target/host",
    (r, v) => {
      r.run.kitVersion = v;
      r.run.host.hostname = v;
      r.run.startedAt = v;
      (r.run as { target: string }).target = v;
    },
  ],
  ["spec hash", (r, v) => (r.run.specHashes.advance = v)],
];

/** Every tag in the document: vendor `<` is always escaped, so each match is markup the reporter wrote. */
const tags = (html: string) => html.match(/<[a-zA-Z][^>]*>/g) ?? [];

describe("renderHtml escaping", () => {
  it.each(FIELDS)("escapes %s", (_name, plant, escaped = /&lt;b id=(&quot;|\\&quot;)m(&quot;|\\&quot;)&gt;/) => {
    const r = sampleResults();
    plant(r, MARK);
    const html = renderHtml(r, { previous: sampleResults() });
    expect(html).not.toContain('<b id="m">');
    expect(html).not.toContain("\u202E");
    expect(html).toMatch(escaped);
  });

  it("keeps hostile content inert: no vendor tag, handler, style, script or link", () => {
    const html = renderHtml(hostileResults(), { previous: sampleResults() });
    expect(html).not.toMatch(/<script>window|<img|<\/style><style>body|\u202E|\u0000|\u001b/);
    for (const tag of tags(html)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/\sstyle\s*=/i);
      expect(tag).not.toMatch(/\ssrc\s*=/i);
      const href = tag.match(/\shref="([^"]*)"/);
      if (href) expect(href[1]).toMatch(/^(#[\w-]+|https:\/\/)/);
    }
    expect(html).not.toMatch(/href="javascript/i);
    expect(tags(html).filter((t) => t.startsWith("<script"))).toEqual(["<script>"]);
    expect(tags(html).filter((t) => t.startsWith("<style"))).toEqual(["<style>"]);
    expect(html).toContain('user<span class="ctl">[U+202E]</span>gpj.exe');
    expect(html).toContain("\ufffd");
  });

  it("puts a CSP allowing exactly its one inline script, before any content", () => {
    const html = renderHtml(sampleResults());
    const script = html.match(/<script>([\s\S]*)<\/script>/)![1]!;
    const hash = createHash("sha256").update(script).digest("base64");
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)![1]!;
    expect(csp).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`.replace(
        /'/g,
        "&#39;",
      ),
    );
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<title>"));
    expect(html).not.toMatch(/url\(|@import|<link|src=/);
  });

  it("wraps long lines and cuts huge bodies with a note", () => {
    const html = renderHtml(hostileResults(), { maxBodyChars: 1000 });
    expect(html).toMatch(/pre\{white-space:pre-wrap;overflow-wrap:anywhere;/);
    expect(html).toMatch(/\d+ more characters not shown/);
    expect(html).not.toContain("A".repeat(1001));
  });
});

describe("renderHtml content", () => {
  it("shows verdicts per vendor and for the run, and run metadata", () => {
    const html = renderHtml(sampleResults());
    expect(html).toContain('eKYC API conformance: <span class="verdict-word">2 deviations</span>');
    expect(html).toMatch(/ADVANCE\.AI<\/a>: <b>2 deviations<\/b>/);
    expect(html).toMatch(/ZOLOZ<\/a>: <b>inconclusive<\/b>/);
    expect(html).toMatch(/uqudo<\/a>: <b>conforming<\/b>/);
    for (const s of ["424242", "sha256:9f2c1b0e", "0.1.0", "2025-05-01T10:03:12.500Z", "3 min 13 s"])
      expect(html).toContain(s);
  });

  it("links failing cells to their cases, quotes the rule and shows evidence and reproduction", () => {
    const html = renderHtml(sampleResults());
    expect(html).toMatch(
      /<td class="cell s-fail"><a href="#case-0" data-cell="cell-0-1-1" data-label="advance\.enroll × envelope_conformance"/,
    );
    expect(html).toMatch(
      /<details class="case st-failed" id="case-0" data-vendor="advance" data-status="failed" data-baselined="0" data-cells="[^"]*cell-0-1-1[^"]*" open>/,
    );
    expect(html).toContain(
      '<a href="https://doc-center-acmp.advance.ai/docs/face-auth-save-enroll-api" rel="noopener noreferrer" target="_blank">',
    );
    expect(html).toContain("<blockquote>Save Enroll API returns code PARAMETER_ERROR");
    expect(html).toContain("<code>/code</code>");
    expect(html).toContain("npx ekyc-conformance run --case &#39;advance.compare/fuzz-image-size&#39;");
    expect(html).toContain("&lt;jpeg 4096x4096, 2097153 bytes&gt;");
    expect(html).toMatch(/Explained by documentation deviation <a href="#dev-0">/);
    expect(html).toMatch(/<tr id="dev-0" data-vendor="advance">[\s\S]*?<a href="#case-0">/);
  });

  it("shows baselined findings apart, with expired and unused entries", () => {
    const b = applyBaseline(
      sampleResults(),
      {
        source: "baseline.yaml",
        entries: [
          {
            operation: "advance.enroll",
            check: "envelope_conformance",
            match: { code: "REGION_WRONG" },
            reason: "ADV-1",
          },
          { operation: "advance.compare", check: "status_code", match: {}, reason: "old", expires: "2024-01-01" },
          { operation: "zoloz.realIdInit", check: "signature", match: {}, reason: "gone" },
        ],
      },
      "2025-05-01",
    );
    const html = renderHtml(b.results, { baseline: b });
    expect(html).toContain("Accepted by the baseline — shown, not failing");
    expect(html).toMatch(/<details class="case st-passed" id="case-0"[^>]*data-baselined="1"/);
    expect(html).toContain("entries[1] expired 2024-01-01");
    expect(html).toContain("entries[2]: <code>zoloz.realIdInit</code>");
    expect(html).toContain("1 deviation");
  });

  it("renders drift when previous results are given", () => {
    const next = sampleResults();
    next.cases[0]!.status = "passed";
    next.cases[0]!.findings = [];
    expect(renderHtml(next, { previous: sampleResults() })).toMatch(
      /<code>advance\.enroll\/region-wrong<\/code>: failed → passed/,
    );
    expect(renderHtml(sampleResults(), { previous: sampleResults() })).toContain("No drift");
    expect(renderHtml(sampleResults())).toContain("No previous results were given");
  });
});
