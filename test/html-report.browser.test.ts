/// <reference lib="dom" />
// (DOM types: page.evaluate callbacks run in the browser.)
// Opens the HTML report in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and checks
// it works offline and that hostile vendor content stays inert. (docs/report-screenshot.png: scripts/report-screenshot.ts.)
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyBaseline } from "../src/baseline/apply.ts";
import { writeHtmlReport } from "../reporters/html/render.ts";
import { hostileResults, sampleResults } from "../reporters/testing/sample-results.ts";
import { ARGS, CHROMIUM, haveChromium, open, pwned } from "./hardening/browser.ts";

if (!haveChromium)
  console.warn(
    `html-report.browser.test: skipped because ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run does this)`,
  );

describe.skipIf(!haveChromium)("HTML report in headless Chromium", () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), "html-report-"));
    const applied = applyBaseline(
      hostileResults(),
      {
        source: "baseline.yaml",
        entries: [
          {
            operation: "advance.compare",
            check: "response_headers",
            match: { message: "x-request-id" },
            reason: "ADV-77",
          },
        ],
      },
      "2025-05-01",
    );
    file = writeHtmlReport(dir, applied.results, { previous: sampleResults(), baseline: applied });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("loads offline, keeps hostile vendor content inert, and its matrix, filters and search work", async () => {
    const { page, seen } = await open(browser, file);
    const fileUrl = pathToFileURL(file).href;

    // Vendor content did not execute, restyle, add elements or attributes, or become a link.
    expect(await pwned(page)).toBeUndefined();
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("block");
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("style").count()).toBe(1);
    expect(await page.locator("img, iframe, object, embed, link, form, base").count()).toBe(0);
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll("*")).flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => /^on/i.test(a.name) || a.name === "style" || a.name === "src")
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
    // The bidi override is shown as a marker, not applied; the 200 kB line wraps instead of widening the page.
    expect(await page.locator("#case-0").textContent()).toContain("user[U+202E]gpj.exe");
    expect(await page.locator("#case-0").textContent()).toContain("\ufffd");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The filter bar is revealed by the script: proves the hashed script ran under the CSP.
    await expect.poll(() => page.locator("#filters").isVisible()).toBe(true);
    expect(await page.locator("#f-count").textContent()).toBe("Showing 7 of 7 cases");

    // A failing matrix cell shows only its cases, with the failing case open and in view.
    await page.locator('#vendor-advance td.s-fail a[data-label="advance.enroll × envelope_conformance"]').click();
    expect(await page.locator("#cell-filter").isVisible()).toBe(true);
    expect(await page.locator("#cell-filter-name").textContent()).toBe("advance.enroll × envelope_conformance");
    const failing = page.locator("#case-0");
    expect(await failing.isVisible()).toBe(true);
    expect(await failing.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await failing.locator(".finding blockquote").first().isVisible()).toBe(true);
    expect(
      await failing.locator("summary").evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    expect(await page.locator("#case-2").isVisible()).toBe(false);
    expect(await page.locator("#f-count").textContent()).toBe("Showing 2 of 7 cases");
    await page.locator("#cell-clear").click();
    expect(await page.locator("#case-2").isVisible()).toBe(true);

    // Vendor filter hides other vendors' cases and matrices.
    await page.selectOption("#f-vendor", "zoloz");
    expect(await page.locator("#f-count").textContent()).toBe("Showing 2 of 7 cases");
    expect(await page.locator("#case-0").isVisible()).toBe(false);
    expect(await page.locator("#vendor-advance").isVisible()).toBe(false);
    expect(await page.locator("#vendor-zoloz").isVisible()).toBe(true);
    await page.selectOption("#f-vendor", "");

    // Status filter and search (case-insensitive, over everything a case shows, bodies included).
    await page.selectOption("#f-status", "failed");
    expect(await page.locator("#f-count").textContent()).toBe("Showing 2 of 7 cases");
    await page.selectOption("#f-status", "baselined");
    expect(await page.locator("#f-count").textContent()).toBe("Showing 2 of 7 cases");
    await page.selectOption("#f-status", "");
    await page.fill("#f-search", "Images LARGER than 2 mb");
    expect(await page.locator("#f-count").textContent()).toBe("Showing 1 of 7 cases");
    expect(await page.locator("#case-2").isVisible()).toBe(true);
    expect(await page.locator("#group-passed").isVisible()).toBe(false);
    await page.fill("#f-search", "");

    const shot = await page.screenshot({ path: join(dir, "report.png") });
    expect(shot.subarray(1, 4).toString()).toBe("PNG");

    expect(await pwned(page)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
    expect(seen.blocked).toEqual([]);
    expect(new Set(seen.requests)).toEqual(new Set([fileUrl]));
    await page.context().close();
  });

  it("the harness is not blind: a planted script is refused by the CSP and an outside request is seen", async () => {
    const html = readFileSync(file, "utf8").replace(
      "</main>",
      '</main><img src="https://example.invalid/x.png"><script>window.__pwned=1</script>',
    );
    const tampered = join(dir, "tampered.html");
    writeFileSync(tampered, html);
    const { page, seen } = await open(browser, tampered);
    expect(await pwned(page)).toBeUndefined();
    await expect.poll(() => seen.consoleErrors.some((m) => /Content Security Policy/i.test(m))).toBe(true);
    await page.context().close();

    // Without the CSP the image would load: the route must see and block it.
    const noCsp = join(dir, "no-csp.html");
    writeFileSync(noCsp, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""));
    const second = await open(browser, noCsp);
    await expect.poll(() => second.seen.blocked).toEqual(["https://example.invalid/x.png"]);
    expect(await pwned(second.page)).toBe(1);
    await second.page.context().close();
  });
});
