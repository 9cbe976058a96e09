/// <reference lib="dom" />
// The HTML report is inert against hostile vendor content. A vendor answers with every payload below (in its JSON
// message, as JSON keys, as header names and values, as raw bytes that are not UTF-8); the answers go through the real
// case runner (checks, redaction) into results, the report is rendered and opened in headless Chromium with every
// request routed: no dialog, no script run (window.__pwned canary), no request but the file, no navigation.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseResult, RunResults } from "../../src/results/model.ts";
import { writeHtmlReport } from "../../reporters/html/render.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import type { KitConfig } from "../../src/config/index.ts";
import { Redactor } from "../../src/redact/index.ts";
import { loadSpecs } from "../../src/openapi/index.ts";
import { runCase, type RunContext } from "../../src/suite/run.ts";
import type { Exchange, RequestSpec, Transport } from "../../src/types.ts";
import enroll from "../../suites/advance/enroll.test.ts";
import faceMatch from "../../suites/uqudo/face-match.test.ts";
import { ARGS, CHROMIUM, haveChromium, open, pwned } from "./browser.ts";
import { Journal } from "../../src/reliability/journal.ts";

/** Each payload, if it ever ran, sets window.__pwned, opens a dialog, or makes a request the route sees. */
export const PAYLOADS = {
  script: `<script>window.__pwned="script";alert(1)</script>`,
  closeScript: `</script><script>window.__pwned="close-script"</script>`,
  imgOnerror: `<img src=x onerror="window.__pwned='onerror';alert(2)">`,
  eventHandler: `<div onmouseover="window.__pwned='mouse'" style="position:fixed;inset:0">hover</div>`,
  autofocus: `<input autofocus onfocus="window.__pwned='focus'">`,
  javascriptUrl: `javascript:window.__pwned='js-url'`,
  anchorJs: `<a href="javascript:window.__pwned='anchor'" id=evil>click</a>`,
  cssInjection: `</style><style>body{display:none!important;background:url(https://evil.invalid/css-bg)}</style>`,
  cssImport: `<style>@import url("https://evil.invalid/import.css");</style>`,
  styleAttr: `<p style="background-image:url(https://evil.invalid/style-attr)">x</p>`,
  comment: `<!-- <script>window.__pwned="comment"</script> -->`,
  openComment: `<!--`,
  svgOnload: `<svg onload="window.__pwned='svg'"><circle r=5 /></svg>`,
  svgScript: `<svg><script>window.__pwned="svg-script"</script></svg>`,
  srcdoc: `<iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>`,
  iframeSrc: `<iframe src="https://evil.invalid/frame"></iframe>`,
  metaRefresh: `<meta http-equiv="refresh" content="0;url=https://evil.invalid/refresh">`,
  base: `<base href="https://evil.invalid/">`,
  link: `<link rel="stylesheet" href="https://evil.invalid/link.css"><link rel="prefetch" href="https://evil.invalid/prefetch">`,
  form: `<form action="https://evil.invalid/form"><button id=go>go</button></form>`,
  object: `<object data="https://evil.invalid/object"></object><embed src="https://evil.invalid/embed">`,
  cspQuotes: `"'><script>window.__pwned="quote"</script><x y='`,
  cspBreak: `'; script-src 'unsafe-inline' *; default-src *; "`,
  attrBreak: `" onmouseover="window.__pwned='attr'" x="`,
  noscript: `<noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>">`,
  mxss: `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned='mxss'>`,
  template: `<template><script>window.__pwned="template"</script></template>`,
  dataUrl: `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+`,
  bidi: `user\u202egpj.exe \u2066isolate\u2069 \u200f`,
  nul: `a\u0000b\u0008c\u001bd`,
  longLine: `${"A<b>".repeat(60_000)}`,
} satisfies Record<string, string>;

const payloadText = Object.values(PAYLOADS)
  .filter((p) => p !== PAYLOADS.longLine)
  .join(" ");

/** A vendor whose every answer is made of the payloads, including bytes that are not UTF-8. */
function hostileVendor(kind: "json" | "bytes"): Transport {
  const spec = loadSpecs();
  return {
    target: "live",
    async send(request: RequestSpec): Promise<Exchange> {
      const operation = spec.operation(request.operationId);
      const json = {
        code: PAYLOADS.script,
        message: payloadText,
        ...Object.fromEntries(Object.entries(PAYLOADS).map(([k, v]) => [v.slice(0, 120), `${k}: ${v}`])),
      };
      const body =
        kind === "json"
          ? Buffer.from(JSON.stringify(json))
          : Buffer.concat([
              Buffer.from(`${PAYLOADS.closeScript}\n`),
              Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x0a]),
              Buffer.from(`${PAYLOADS.svgOnload}${PAYLOADS.metaRefresh}`),
            ]);
      const headers: Record<string, string> = {
        "content-type": kind === "json" ? "application/json" : `text/html; charset=${PAYLOADS.cspQuotes}`,
      };
      for (const [name, value] of Object.entries(PAYLOADS))
        if (name !== "longLine") headers[`x-${name.toLowerCase()}`] = value;
      headers[PAYLOADS.imgOnerror] = PAYLOADS.attrBreak;
      return {
        operationId: request.operationId,
        request: {
          method: operation.method,
          url: `${PAYLOADS.javascriptUrl}${operation.path}`,
          path: operation.path,
          operationPath: operation.path,
          headers: { "content-type": "application/json", "x-case": PAYLOADS.anchorJs },
          body: Buffer.from("{}"),
        },
        response: {
          status: kind === "json" ? 200 : 500,
          headers,
          body,
          ...(kind === "json" ? { json } : { parseError: PAYLOADS.script }),
        },
        timing: { startedAt: new Date().toISOString(), durationMs: 3 },
      };
    },
    close: async () => {},
  };
}

async function hostileCases(): Promise<CaseResult[]> {
  const config: KitConfig = { target: "live", vendors: ["advance", "uqudo"], seed: 1, fuzzRuns: 1, record: false };
  const out: CaseResult[] = [];
  for (const kind of ["json", "bytes"] as const) {
    const context: RunContext = {
      config,
      spec: loadSpecs(),
      transport: hostileVendor(kind),
      journal: new Journal(),
      redactor: new Redactor(),
      runPrefix: "ekc000002",
    };
    const picks = [
      ["advance.enroll", enroll.cases.find((c) => c.name === "region-unknown")!],
      ["advance.enroll", enroll.cases.find((c) => c.name === "missing-user-id")!],
      ["uqudo.faceMatch", faceMatch.cases.find((c) => c.kind === "negative")!],
    ] as const;
    for (const [operation, definition] of picks)
      out.push(await runCase(context, operation, { ...definition, needsRealFace: false }));
  }
  // The free-text fields a report shows besides vendor bodies carry the payloads too.
  out[0]!.reason = payloadText;
  out[0]!.reproduction = { ...out[0]!.reproduction, input: PAYLOADS, command: payloadText };
  return out;
}

describe.skipIf(!haveChromium)("the HTML report is inert against hostile content (headless Chromium)", () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let results: RunResults;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ekc-html-inert-"));
    const cases = await hostileCases();
    const base = sampleResults();
    results = { ...base, cases: [...cases, ...base.cases] };
    file = writeHtmlReport(dir, results);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("the hostile answers reached the report (otherwise nothing is proven)", () => {
    const failing = results.cases.filter((c) => c.findings.length > 0 && c.exchanges.length > 0);
    expect(failing.length).toBeGreaterThanOrEqual(4);
    const json = JSON.stringify(results.cases.slice(0, 6));
    for (const key of ["script", "srcdoc", "metaRefresh", "svgOnload", "cspQuotes"] as const)
      expect(json).toContain(JSON.stringify(PAYLOADS[key]).slice(1, 30));
  });

  it("no dialog, no script, no request, no navigation; payloads shown as text", { timeout: 120_000 }, async () => {
    const { page, seen } = await open(browser, file);
    const url = pathToFileURL(file).href;
    // Interact the way a reviewer would: open every case, hover and click what is there, give refreshes time.
    await page.evaluate(() =>
      document.querySelectorAll("details").forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    await page.mouse.move(640, 450);
    await page.mouse.click(640, 450);
    await page.fill("#f-search", PAYLOADS.script);
    await page.fill("#f-search", "");
    await page.waitForTimeout(1500);

    expect(await pwned(page)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(seen.blocked).toEqual([]);
    expect(new Set(seen.requests)).toEqual(new Set([url]));
    expect(page.url()).toBe(url);
    expect(seen.pageErrors).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    // Nothing a payload could add exists in the DOM: one script (the report's), one style, one meta CSP.
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("style").count()).toBe(1);
    expect(
      await page.locator("img, iframe, object, embed, link, form, base, svg, math, template, noscript").count(),
    ).toBe(0);
    expect(await page.locator("input").evaluateAll((els) => els.map((e) => e.id))).toEqual(["f-search"]);
    expect(await page.locator('meta[http-equiv="refresh" i]').count()).toBe(0);
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll("*")).flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => /^on/i.test(a.name) || a.name === "style" || a.name === "src" || a.name === "srcdoc")
            .map((a) => `${el.tagName} ${a.name}`),
        ),
      ),
    ).toEqual([]);
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll("a[href]"))
          .map((a) => a.getAttribute("href")!)
          .filter((h) => !/^(#|https:\/\/)/.test(h)),
      ),
    ).toEqual([]);
    // Shown, not interpreted: the text of the page holds the payloads literally, bidi made visible.
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(PAYLOADS.svgOnload);
    expect(text).toContain("[U+202E]");
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("block");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.context().close();
  });

  it(
    "the payloads are live: written unescaped into a page without the CSP they run and are seen",
    { timeout: 60_000 },
    async () => {
      const control = join(dir, "control.html");
      writeFileSync(
        control,
        `<!doctype html><html><head><meta charset="utf-8"></head><body>${PAYLOADS.imgOnerror}${PAYLOADS.iframeSrc}</body></html>`,
      );
      const { page, seen } = await open(browser, control);
      await expect.poll(() => pwned(page)).toBe("onerror");
      await expect.poll(() => seen.blocked.some((u) => u.startsWith("https://evil.invalid/"))).toBe(true);
      await page.context().close();
    },
  );
});
