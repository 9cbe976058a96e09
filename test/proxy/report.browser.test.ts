/// <reference lib="dom" />
// The proxy's HTML report opens in headless Chromium like a run's: offline, its script running under the CSP, hostile
// vendor content inert, and each finding saying whose side it is on.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARGS, CHROMIUM, haveChromium, open, pwned } from "../hardening/browser.ts";
import { face, post, startProxyCommand } from "./app.ts";

if (!haveChromium)
  console.warn(
    `proxy report.browser.test: skipped because ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run does this)`,
  );

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

describe.skipIf(!haveChromium)("the proxy's HTML report in headless Chromium", () => {
  let browser: Browser;
  // A vendor answering with markup in its body and headers: 200 with an undocumented shape, so the vendor side fails too.
  const upstream = createServer((req, res) => {
    req.resume().on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "x-hostile": HOSTILE.replace(/[\r\n]/g, "") });
      res.end(JSON.stringify({ id: HOSTILE, matchLevel: HOSTILE }));
    });
  });

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it("loads offline, keeps what the vendor sent inert, and names the side of each finding", async () => {
    const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const proxy = await startProxyCommand({ vendor: "uqudo", quiet: true, upstream: origin });
    // No bearer token (the app's fault) and a malformed answer (the vendor's).
    await post(
      `${proxy.url}/api/v1/face/match`,
      { "content-type": "application/json" },
      JSON.stringify({ sourceImage: await face(1), targetImage: await face(2), minimumMatchLevel: 3 }),
    );
    const { code, results } = await proxy.stop();
    expect(code).toBe(1);
    expect(new Set(results.cases[0]!.findings.map((f) => f.side))).toEqual(new Set(["client", "vendor"]));

    const { page, seen } = await open(browser, join(proxy.out, "conformance.html"));
    expect(await pwned(page)).toBeUndefined();
    expect(await page.locator("img, iframe, object, embed, form, base").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    await expect.poll(() => page.locator("#filters").isVisible()).toBe(true);
    expect(await page.locator("#f-count").textContent()).toBe("Showing 1 of 1 cases");
    const failing = page.locator("#case-0");
    expect(await failing.textContent()).toContain("uqudo.faceMatch/exchange-0001");
    const sides = await failing.locator(".finding .side").allTextContents();
    expect(sides).toContain("client-side");
    expect(sides).toContain("vendor-side");
    expect(await failing.textContent()).toContain("request_credentials");
    // The markup is shown as text, and no face reached the report (images are descriptors).
    await page.fill("#f-search", "onerror");
    expect(await page.locator("#f-count").textContent()).toBe("Showing 1 of 1 cases");
    expect(await page.content()).not.toContain(await face(1));
    expect(seen.dialogs).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
    expect(seen.blocked).toEqual([]);
    await page.context().close();
  });
});
