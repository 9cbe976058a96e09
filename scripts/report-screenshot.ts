// Refreshes docs/report-screenshot.png from a real run with an injected regression:
//   npx ekyc-conformance run --vendor advance --sandbox-mutation advance-renamed-code --quiet --out /tmp/shot
//   npx tsx scripts/report-screenshot.ts /tmp/shot/conformance.html
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, open } from "../test/hardening/browser.ts";

const report = process.argv[2];
if (!report) throw new Error("usage: tsx scripts/report-screenshot.ts <conformance.html>");
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const { page, seen } = await open(browser, report);
await page.setViewportSize({ width: 1280, height: 1600 });
await page.screenshot({ path: join(import.meta.dirname, "..", "docs", "report-screenshot.png") });
await browser.close();
if (seen.blocked.length + seen.consoleErrors.length + seen.pageErrors.length > 0)
  throw new Error(`the report was not clean offline: ${JSON.stringify(seen)}`);
