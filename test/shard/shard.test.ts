// Scale-out: two shards of `run --target fixtures` merged give the same cases, statuses and fuzz seeds as one
// unsplit run on the same seed; merge refuses parts of different runs.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResults } from "../../src/results/model.ts";
import { readResults } from "../../src/results/io.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import { parseJunit, readAllure } from "../../reporters/testing/parse-reports.ts";
import { MergeError, mergeResults, shardCoverage } from "../../src/cli/merge.ts";
import { DEFAULT_SEED } from "../../src/config/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "bin", "ekyc-conformance.js");
// Replay needs the seed the fixtures were recorded with (fuzz inputs and generated ids derive from it).
const SEED = String(DEFAULT_SEED);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, CONFORMANCE_SEED: "", CONFORMANCE_FUZZ_RUNS: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const outcome = (r: RunResults) => r.cases.map((c) => ({ id: c.id, status: c.status, seed: c.reproduction?.seed }));

describe("run --shard i/n and merge", () => {
  let dir: string;
  let single: RunResults;
  let shards: RunResults[];
  let merged: RunResults;
  let mergeRun: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ekyc-shard-"));
    // One snapshot of the recorded fixtures for all three runs.
    cpSync(join(REPO_ROOT, "fixtures", "recorded"), join(dir, "fixtures"), { recursive: true });
    const common = [
      "run",
      "--target",
      "fixtures",
      "--fixtures",
      join(dir, "fixtures"),
      "--vendor",
      "advance",
      "--seed",
      SEED,
      "--quiet",
    ];
    const runs = await Promise.all([
      cli([...common, "--out", join(dir, "all")]),
      cli([...common, "--shard", "1/2", "--out", join(dir, "s1")]),
      cli([...common, "--shard", "2/2", "--out", join(dir, "s2")]),
    ]);
    for (const r of runs) expect(r.code, r.stderr || r.stdout).toBe(0);
    single = readResults(join(dir, "all", "results.json"));
    shards = [readResults(join(dir, "s1", "results.json")), readResults(join(dir, "s2", "results.json"))];
    mergeRun = await cli([
      "merge",
      join(dir, "s2", "results.json"),
      join(dir, "s1", "results.json"),
      "--out",
      join(dir, "merged"),
    ]);
    merged = readResults(join(dir, "merged", "results.json"));
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("each shard runs a part, the parts are disjoint and both non-empty", () => {
    expect(shards.map((s) => s.run.shard)).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    const [a, b] = shards.map((s) => new Set(s.cases.map((c) => c.id)));
    expect(a!.size).toBeGreaterThan(0);
    expect(b!.size).toBeGreaterThan(0);
    expect([...a!].filter((id) => b!.has(id))).toEqual([]);
  });

  it("the merge equals the unsplit run: same case ids, statuses and fuzz seeds", () => {
    expect(mergeRun.code, mergeRun.stderr).toBe(0);
    expect(mergeRun.stdout).toContain("merged 2 results files: shards 1, 2 of 2");
    expect(outcome(merged)).toEqual(outcome(single));
    expect(merged.cases.some((c) => c.kind === "fuzz")).toBe(true);
    expect(merged.run.shard).toBeUndefined();
    expect(merged.run.seed).toBe(Number(SEED));
    expect(merged.run.vendors).toEqual(["advance"]);
    expect(merged.deviations).toEqual(single.deviations);
  });

  it("renders every report from the merged results: HTML, JUnit and Allure agree with the merged results.json", async () => {
    const { existsSync, readFileSync } = await import("node:fs");
    expect(existsSync(join(dir, "merged", "conformance.html"))).toBe(true);
    const junit = parseJunit(readFileSync(join(dir, "merged", "junit.xml"), "utf8"));
    expect(junit.cases.map((c) => c.name).sort()).toEqual(merged.cases.map((c) => c.id).sort());
    expect(
      readAllure(join(dir, "merged", "allure-results"))
        .tests.map((t) => t.fullName)
        .sort(),
    ).toEqual(merged.cases.map((c) => c.id).sort());
    expect(mergeRun.stdout).toContain(`  JUnit XML      ${relative(REPO_ROOT, join(dir, "merged", "junit.xml"))}\n`);
  });
});

describe("mergeResults", () => {
  const part = (index: number, count: number, ids: string[], edit: (r: RunResults) => void = () => {}): RunResults => {
    const r = sampleResults();
    r.run.shard = { index, count };
    r.cases = r.cases.filter((c) => ids.includes(c.id));
    edit(r);
    return r;
  };
  const ids = sampleResults().cases.map((c) => c.id);

  it("joins disjoint shards into the whole, sorted, without a shard field", () => {
    const half = Math.ceil(ids.length / 2);
    const merged = mergeResults([
      { source: "b", results: part(2, 2, ids.slice(half)) },
      { source: "a", results: part(1, 2, ids.slice(0, half)) },
    ]);
    expect(merged.cases.map((c) => c.id)).toEqual([...ids].sort((x, y) => x.localeCompare(y)));
    expect(merged.run.shard).toBeUndefined();
  });

  it("refuses parts of different runs and the same shard twice", () => {
    expect(() =>
      mergeResults([
        { source: "a", results: part(1, 2, ids) },
        { source: "b", results: part(2, 2, ids, (r) => (r.run.seed += 1)) },
      ]),
    ).toThrow(MergeError);
    expect(() =>
      mergeResults([
        { source: "a", results: part(1, 2, ids) },
        { source: "b", results: part(2, 3, []) },
      ]),
    ).toThrow(/2-way split/);
    expect(() =>
      mergeResults([
        { source: "a", results: part(1, 2, ids) },
        { source: "b", results: part(1, 2, []) },
      ]),
    ).toThrow(/given twice/);
    expect(() => mergeResults([])).toThrow(/nothing to merge/);
  });

  it("refuses one case with two outcomes, and names a missing shard", () => {
    const a = part(1, 2, ids);
    const b = part(
      2,
      2,
      ids.slice(0, 1),
      (r) => (r.cases[0]!.status = r.cases[0]!.status === "passed" ? "failed" : "passed"),
    );
    expect(() =>
      mergeResults([
        { source: "a", results: a },
        { source: "b", results: b },
      ]),
    ).toThrow(/another outcome/);
    expect(shardCoverage([part(1, 3, []), part(3, 3, [])])).toBe("shards 1, 3 of 3 (missing 2)");
  });
});
