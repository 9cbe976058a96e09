// Issue 13's rule, kept: no production source file is over 400 lines. A module that grows past it has two jobs;
// split it along its seams (docs/design.md, "Conventions the tests keep").
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/openapi/index.ts";

const MAX_LINES = 400;

function production(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "testing" && entry.name !== "__fixtures__") production(path, out);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const lines = (file: string) => readFileSync(file, "utf8").trimEnd().split("\n").length;

describe("file size", () => {
  it(`no production source file is over ${MAX_LINES} lines`, () => {
    const files = ["src", "reporters"].flatMap((root) => production(join(REPO_ROOT, root)));
    const over = files
      .filter((file) => lines(file) > MAX_LINES)
      .map((file) => `${relative(REPO_ROOT, file)} (${lines(file)} lines)`);
    expect(files.length).toBeGreaterThan(100);
    expect(over, `over ${MAX_LINES} lines: ${over.join(", ")}`).toEqual([]);
  });
});
