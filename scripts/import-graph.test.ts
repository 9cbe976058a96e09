import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/openapi/index.ts";
import { buildGraph, violations } from "./import-graph.ts";

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway tree of `.ts` files: path → its import specifiers. */
function tree(files: Record<string, string[]>): string {
  const root = mkdtempSync(join(tmpdir(), "ekc-graph-"));
  temps.push(root);
  for (const [file, imports] of Object.entries(files)) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    writeFileSync(
      join(root, file),
      imports.map((spec, i) => `import { x${i} } from "${spec}";\n`).join("") + "export const x = 1;\n",
    );
  }
  return root;
}

describe("one way down: the import graph of src/ and reporters/", () => {
  it("has no upward import, no cycle of files or folders, and no file outside the layers", () => {
    const v = violations(buildGraph(REPO_ROOT));
    // Each line names the two files; the first one is the whole message vitest prints.
    for (const line of [...v.unplaced, ...v.upward, ...v.fileCycles, ...v.folderCycles]) throw new Error(line);
  });

  it("names the two files of an upward import, a file cycle and a folder cycle", () => {
    const root = tree({
      "src/types.ts": [],
      "src/openapi/a.ts": ["../checks/b.ts"],
      "src/checks/b.ts": ["./c.ts", "../types.ts"],
      "src/checks/c.ts": ["./b.ts"],
      "src/checks/b.test.ts": ["../cli/main.ts"],
      "src/cli/main.ts": ["../checks/b.ts"],
      "src/transport/t.ts": ["../reliability/r.ts"],
      "src/reliability/r.ts": ["../transport/u.ts"],
      "src/transport/u.ts": [],
    });
    const v = violations(buildGraph(root));
    expect(v.upward).toEqual([
      "src/openapi/a.ts imports src/checks/b.ts: src/openapi (layer 1) must not import src/checks (layer 2)",
    ]);
    expect(v.fileCycles).toEqual([
      expect.stringMatching(/^src\/checks\/b\.ts imports src\/checks\/c\.ts, which leads back to it/),
    ]);
    expect(v.folderCycles).toEqual([
      expect.stringMatching(
        /^src\/reliability\/r\.ts imports src\/transport\/u\.ts, and src\/transport leads back to src\/reliability/,
      ),
    ]);
    // A test file may import anything; the CLI importing downwards is the rule, not an exception.
    expect(JSON.stringify(v)).not.toContain("b.test.ts");
    expect(v.unplaced).toEqual([]);
  });

  it("asks for a new folder to be placed in a layer", () => {
    const v = violations(buildGraph(tree({ "src/newthing/x.ts": [] })));
    expect(v.unplaced).toEqual([
      "src/newthing/x.ts is in no layer: add src/newthing to LAYERS in scripts/import-graph.ts",
    ]);
  });
});
