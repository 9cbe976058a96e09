/// <reference lib="dom" />
// The headless Chromium harness of the HTML report tests (test/html-report.browser.test.ts and the hardening suite):
// Debian's /usr/bin/chromium driven by playwright-core, every request routed (only the report file may load), and
// dialogs, console errors and page errors recorded.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const haveChromium = existsSync(CHROMIUM);

export interface Observed {
  requests: string[];
  blocked: string[];
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** Opens `file` in a fresh context where every request but the file itself is recorded and aborted. */
export async function open(browser: Browser, file: string): Promise<{ page: Page; seen: Observed }> {
  const url = pathToFileURL(file).href;
  const seen: Observed = { requests: [], blocked: [], dialogs: [], consoleErrors: [], pageErrors: [] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    if (route.request().url() === url) return route.continue();
    seen.blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("dialog", (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    // Recorded above; dismissing is only so the page goes on. A page closing first makes it reject: not an error.
    d.dismiss().catch(() => undefined);
  });
  page.on("console", (m) => {
    if (m.type() === "error") seen.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => seen.pageErrors.push(e.message));
  await page.goto(url, { waitUntil: "load" });
  return { page, seen };
}

/** The canary hostile content sets when it runs. */
export const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
