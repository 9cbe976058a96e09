// The post-step of `npm run report:allure` on hand-written HTML (the real Allure output is covered in cli.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { externalReferences, makeOffline, stripExternal } from "../../scripts/allure-offline.ts";

// The shape Allure 3's awesome plugin writes (plugin-awesome/dist/generators.js), with analyticsEnable always true.
const ALLURE_LIKE = `<!DOCTYPE html><html><head><link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E">
<script>window.allure = {};</script></head><body><div id="app"></div>
<script   src="data:text/javascript;base64,${"QUJD".repeat(50_000)}"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
<script>
    window.dataLayer = window.dataLayer || [];
    function gtag(){dataLayer.push(arguments);}
    gtag('js', new Date());
    gtag('config', 'G-LNDJ3J7WT0', { "report": "awesome" });
</script>
<script async>window.allureReportData = {}; function d(name, value){ window.allureReportData[name] = value; }</script>
<script defer>Promise.allSettled([d("widgets/statistic.json","eyJ0b3RhbCI6M30=")]);</script>
</body></html>`;

describe("allure-offline", () => {
  test("removes the googletagmanager script and the inline gtag config, keeps everything else byte for byte", () => {
    expect(externalReferences(ALLURE_LIKE)).toEqual([
      "script https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0",
      "googletagmanager.com mentioned",
    ]);
    const { html, removed } = stripExternal(ALLURE_LIKE);
    expect(removed).toEqual([
      "script https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0",
      "inline gtag() config",
    ]);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/gtag|dataLayer/);
    for (const kept of [
      '<link rel="icon" href="data:image/svg+xml',
      "window.allure = {}",
      `base64,${"QUJD".repeat(50_000)}"></script>`,
      "window.allureReportData = {}",
      "Promise.allSettled",
    ])
      expect(html).toContain(kept);
    expect(stripExternal(html)).toEqual({ html, removed: [] });
  });

  test("removes any external or protocol-relative script and stylesheet, in any quoting", () => {
    const input = `<link rel=stylesheet href=//cdn.example/x.css><LINK href='http://fonts.example/f.css' rel="preconnect"><SCRIPT SRC="https://cdn.example/a.js"></SCRIPT><script src="./local.js"></script><a href="https://allurereport.org">docs</a>`;
    const { html, removed } = stripExternal(input);
    expect(removed).toHaveLength(3);
    expect(html).toBe(`<script src="./local.js"></script><a href="https://allurereport.org">docs</a>`);
    expect(externalReferences(html)).toEqual([]);
  });

  test("makeOffline rewrites the report folder and refuses a folder without HTML", () => {
    const dir = mkdtempSync(join(tmpdir(), "allure-offline-"));
    try {
      expect(() => makeOffline(dir)).toThrow(/no HTML report found/);
      writeFileSync(join(dir, "index.html"), ALLURE_LIKE);
      expect(makeOffline(dir).removed).toHaveLength(2);
      expect(externalReferences(readFileSync(join(dir, "index.html"), "utf8"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
