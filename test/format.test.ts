// The formatter's check, part of `npm test`: every TypeScript and JavaScript file of the kit is as prettier (120
// columns, .prettierrc.json) writes it. Fix with `npm run format`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/openapi/index.ts";

const ROOTS = ["src", "reporters", "suites", "scripts", "test", "bin", "docs/examples"];
const SKIP = new Set(["node_modules", "dist"]);

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (/\.(ts|js|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe("formatting", () => {
  it("every source file is formatted (npm run format fixes it)", async () => {
    const files = [
      ...ROOTS.flatMap((root) => sources(join(REPO_ROOT, root))),
      ...readdirSync(REPO_ROOT)
        .filter((f) => /\.(ts|mjs)$/.test(f))
        .map((f) => join(REPO_ROOT, f)),
    ];
    const unformatted: string[] = [];
    for (const file of files) {
      const options = await prettier.resolveConfig(file);
      if (!(await prettier.check(readFileSync(file, "utf8"), { ...options, filepath: file })))
        unformatted.push(relative(REPO_ROOT, file));
    }
    expect(files.length).toBeGreaterThan(100);
    expect(unformatted, `not formatted: ${unformatted.join(", ")} — run npm run format`).toEqual([]);
  });
});
