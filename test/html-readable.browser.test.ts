/// <reference lib="dom" />
// (DOM types: page.evaluate callbacks run in the browser.)
// Issue 11 §3 in real headless Chromium: the report reads in one look. Failing cases right under the banner, the
// spec's own words beside the check's rule, skipped and inconclusive tallied by reason, baseline entries named, the
// re-run command complete, identifiers broken only at `_ . / -`, and the same counts in banner, groups and summary.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHtmlReport } from "../reporters/html/render.ts";
import { summarise } from "../reporters/summary.ts";
import { sampleResults } from "../reporters/testing/sample-results.ts";
import { applyBaseline } from "../src/baseline/apply.ts";
import { reproduceCommand } from "../src/results/reproduce.ts";
import type { RunResults } from "../src/results/model.ts";
import { runVerdict } from "../src/results/verdict.ts";
import { ARGS, CHROMIUM, haveChromium, open } from "./hardening/browser.ts";

const SPEC_WORDS = "1 (worst) to 5 (best). Required even when match is false (uqudo-match-level-when-no-match).";

/** The sample run plus a uqudo matchLevel deviation, a second inconclusive cause and a mutation run's commands. */
function results(): RunResults {
  const r = sampleResults();
  r.run.sandboxMutation = "uqudo-match-level-6";
  r.cases.push({
    id: "uqudo.faceMatch/level-5",
    vendor: "uqudo",
    operationId: "uqudo.faceMatch",
    name: "level 5",
    kind: "positive",
    checks: ["status_code_conformance", "response_schema_conformance", "envelope_conformance"],
    status: "failed",
    findings: [
      {
        check: "response_schema_conformance",
        severity: "failure",
        message: "/matchLevel: /matchLevel must be <= 5; got 6",
        rule: { text: "The response body validates against the schema documented for its status." },
        expected: 5,
        actual: 6,
        pointer: "/matchLevel",
        schemaFindings: [
          {
            pointer: "/matchLevel",
            keyword: "maximum",
            message: "/matchLevel must be <= 5; got 6",
            expected: 5,
            actual: 6,
            specPointer: "specs/uqudo.yaml#/components/schemas/FaceMatchResponse/properties/matchLevel/maximum",
            specLine: 580,
            specRule: SPEC_WORDS,
          },
        ],
      },
    ],
    exchanges: [],
    durationMs: 80,
  });
  r.cases.push({
    ...structuredClone(r.cases[4]!),
    id: "zoloz.realIdInit/other",
    reason: "connection reset by peer after 30 s",
  });
  r.cases.push({
    ...structuredClone(r.cases[4]!),
    id: "zoloz.realIdInit/timeout",
    reason: "no response within 30 s",
    fault: "timeout",
  });
  for (const c of r.cases) c.reproduction = { ...c.reproduction, command: reproduceCommand(r.run, c) };
  return applyBaseline(
    r,
    {
      source: "baseline.yaml",
      entries: [
        {
          operation: "advance.compare",
          check: "response_headers",
          match: {},
          reason: "ADV-77: header comes in v2",
          expires: "2099-12-31",
        },
      ],
    },
    "2025-05-01",
  ).results;
}

/** For every `code.id`, the character before each line break (none when it fits on one line). */
const breaksBefore = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("code.id"))
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .flatMap((el) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let prevTop: number | undefined;
        let prevChar = "";
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const s = n.textContent ?? "";
          for (let i = 0; i < s.length; i++) {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            const top = range.getClientRects()[0]?.top;
            if (top === undefined) continue;
            if (prevTop !== undefined && top > prevTop + 2) out.push(`${el.textContent}|${prevChar}`);
            prevTop = top;
            prevChar = s[i]!;
          }
        }
        return out;
      }),
  );

if (!haveChromium)
  console.warn(`html-readable.browser.test: skipped because ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!haveChromium)("the HTML report reads in one look (headless Chromium)", () => {
  let browser: Browser;
  let file: string;
  const run = results();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    file = writeHtmlReport(mkdtempSync(join(tmpdir(), "html-readable-")), run);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("opens with the failing cases (case, check, one-line finding) right under the banner", async () => {
    const { page } = await open(browser, file);
    expect(await page.evaluate(() => document.querySelector("header.banner")!.nextElementSibling!.id)).toBe("failing");
    const rows = await page
      .locator("#failing tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent!.trim())));
    const failed = run.cases.filter((c) => c.status === "failed");
    expect(rows.map((r) => r[0])).toEqual(failed.map((c) => c.id));
    expect(rows.find((r) => r[0] === "uqudo.faceMatch/level-5")).toEqual([
      "uqudo.faceMatch/level-5",
      "response_schema_conformance",
      "response_schema_conformance: /matchLevel: /matchLevel must be <= 5; got 6 (expected 5, actual 6)",
    ]);
    // In view without scrolling, and each row links to its case.
    expect(
      await page
        .locator("#failing tbody tr")
        .first()
        .evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight),
    ).toBe(true);
    await page.locator("#failing a", { hasText: "uqudo.faceMatch/level-5" }).click();
    const index = run.cases.findIndex((c) => c.id === "uqudo.faceMatch/level-5");
    expect(await page.evaluate(() => location.hash)).toBe(`#case-${index}`);
    await page.context().close();
  });

  it("each finding quotes the spec's own words beside the check's generic rule", async () => {
    const { page } = await open(browser, file);
    const index = run.cases.findIndex((c) => c.id === "uqudo.faceMatch/level-5");
    const finding = page.locator(`#case-${index} .finding`).first();
    const generic = finding.locator(".rules > div").nth(0).locator("blockquote");
    const own = finding.locator("blockquote.spec-rule");
    expect(await generic.textContent()).toBe(
      "The response body validates against the schema documented for its status.",
    );
    expect(await own.textContent()).toContain(SPEC_WORDS);
    expect(await own.textContent()).toContain("specs/uqudo.yaml line 580");
    const [a, b] = await Promise.all([generic.boundingBox(), own.boundingBox()]);
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(30); // side by side, not one under the other
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    await page.context().close();
  });

  it("tallies skipped and inconclusive cases by reason at the top, and its counts match the summary's", async () => {
    const { page } = await open(browser, file);
    const tally = (status: string) =>
      page
        .locator(`header.banner #tally-${status} li`)
        .evaluateAll((lis) => lis.map((li) => `${li.getAttribute("data-reason-count")} ${li.textContent}`));
    expect(await tally("inconclusive")).toEqual([
      expect.stringMatching(/^2 2 × connection-reset: connection reset by peer after 30 s/),
      expect.stringMatching(/^1 1 × timeout: no response within 30 s/),
    ]);
    expect(await tally("skipped")).toEqual([expect.stringMatching(/^1 1 × depends on zoloz\.realIdInit\/valid/)]);

    const v = runVerdict(run);
    const banner = Object.fromEntries(
      await page
        .locator("#counts [data-count]")
        .evaluateAll((els) => els.map((e) => [e.getAttribute("data-count"), e.textContent])),
    );
    expect(banner).toMatchObject({
      passed: `passed ${v.passed}`,
      failed: `failed ${v.failed}`,
      skipped: `skipped ${v.skipped}`,
      inconclusive: `inconclusive ${v.inconclusive}`,
    });
    const groups = Object.fromEntries(
      await page
        .locator("section.group h3 [data-count]")
        .evaluateAll((els) => els.map((e) => [e.getAttribute("data-count"), Number(e.textContent)])),
    );
    expect(groups).toEqual({ failed: v.failed, inconclusive: v.inconclusive, passed: v.passed, skipped: v.skipped });
    // The terminal summary says the same four numbers in the same words.
    const line = summarise(run, []).split("\n")[1]!;
    expect(line.trim()).toMatch(
      new RegExp(`^${["passed", "failed", "skipped", "inconclusive"].map((s) => banner[s]).join(", ")}`),
    );
    await page.context().close();
  });

  it("baseline-accepted findings show the entry's index, reason and expiry, in the case and in the baseline table", async () => {
    const { page } = await open(browser, file);
    const index = run.cases.findIndex((c) => c.id === "advance.compare/warning-case");
    expect(await page.locator(`#case-${index} .baselined .accepted`).textContent()).toBe(
      "Accepted by baseline entries[0] of baseline.yaml: ADV-77: header comes in v2 (expires 2099-12-31)",
    );
    expect(await page.locator("#baseline tbody tr td").last().textContent()).toBe(
      "entries[0] of baseline.yaml: ADV-77: header comes in v2 (expires 2099-12-31)",
    );
    await page.context().close();
  });

  it("Reproduce shows a re-run command with every switch of the run, and the fast-check seed and path of a failed fuzz case", async () => {
    const { page } = await open(browser, file);
    const fuzz = run.cases.findIndex((c) => c.id === "advance.compare/fuzz-image-size");
    expect(await page.locator(`#case-${fuzz} h4:has-text("Reproduce") ~ pre`).first().textContent()).toBe(
      "npx ekyc-conformance run --target sandbox --vendor advance --seed 424242 --runs 50 --sandbox-mutation uqudo-match-level-6 --case advance.compare/fuzz-image-size --fc-seed 424242 --fc-path 3:1:0",
    );
    await page.context().close();
  });

  it("identifiers break only after _ . / or - (never mid-word), also on a narrow screen", async () => {
    const { page } = await open(browser, file);
    for (const width of [1280, 520, 360]) {
      await page.setViewportSize({ width, height: 900 });
      const breaks = await breaksBefore(page);
      expect(
        breaks.filter((b) => !/[_./-]$/.test(b)),
        `width ${width}`,
      ).toEqual([]);
      // Not blind: at 360 px the long check names in the matrix do wrap.
      if (width === 360) expect(breaks.length).toBeGreaterThan(0);
    }
    await page.context().close();
  });
});
