// Missing evidence is never a pass, and a re-record changes only what changed: the real CLI as a child process.
// - a case whose exchange is not in the recording (nor listed by recording.json) is inconclusive, with the command
//   that re-records it, in results.json, the HTML and the summary; exit 2;
// - `merge` of part of a sharded run refuses (exit 2) unless --allow-partial, which names the missing shards;
// - recording the same suite twice writes the same bytes; the progress lines never show a total that changes.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { RunResults } from "../../src/results/model.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import { listFixtureFiles } from "../../src/recording/format.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { runCli, shown } from "./cli-process.ts";

const SLOW = 600_000;
const root = mkdtempSync(join(tmpdir(), "ekyc-evidence-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dirIn = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe("missing evidence is never a pass", () => {
  test(
    "a case with no recorded exchange is inconclusive with the re-record command, in every report; exit 2",
    async () => {
      const cwd = dirIn("unrecorded");
      const fx = join(cwd, "fx");
      cpSync(join(REPO_ROOT, "fixtures", "recorded"), fx, { recursive: true });
      // As if the case were new since the recording: neither its file nor recording.json's list has it.
      rmSync(join(fx, "uqudo", "faceMatch", "default-level.9ff8e3b4.0.json"));
      const recording = JSON.parse(readFileSync(join(fx, "recording.json"), "utf8")) as {
        cases: Record<string, number>;
      };
      delete recording.cases["uqudo.faceMatch/default-level"];
      writeFileSync(join(fx, "recording.json"), JSON.stringify(recording, null, 2));

      // Only this case (and whatever shares its name in uqudo): the point is the one unrecorded exchange, cheaply.
      const r = await runCli(
        [
          "run",
          "--target",
          "fixtures",
          "--fixtures",
          "fx",
          "--vendor",
          "uqudo",
          "--case",
          "uqudo.faceMatch/default-level",
          "--quiet",
        ],
        { cwd },
      );
      expect(r.code, shown(r)).toBe(2);
      expect(r.stdout).toContain("Run verdict: inconclusive");
      const rerecord = "re-record with: npx ekyc-conformance run --target sandbox --record --fixtures fx";
      expect(r.stdout).toContain(
        `? uqudo.faceMatch/default-level: no recorded fixture for case uqudo.faceMatch/default-level (exchange #0); ${rerecord}`,
      );
      const results = JSON.parse(readFileSync(join(cwd, "reports", "results.json"), "utf8")) as RunResults;
      const c = results.cases.find((x) => x.id === "uqudo.faceMatch/default-level");
      expect(c).toMatchObject({ status: "inconclusive", fault: "no-fixture" });
      expect(c?.reason).toContain(rerecord);
      expect(results.cases.filter((x) => x.id !== c?.id).every((x) => x.status === "passed")).toBe(true);
      const html = readFileSync(join(cwd, "reports", "conformance.html"), "utf8");
      expect(html).toContain("uqudo.faceMatch/default-level");
      expect(html).toContain(rerecord);
    },
    SLOW,
  );
});

describe("merge needs every shard of the run", () => {
  // Two shards of one run, each holding passed cases only.
  const shard = (index: number): RunResults => {
    const results = sampleResults();
    results.run.shard = { index, count: 2 };
    results.cases = results.cases.filter((c) => c.status === "passed").map((c) => ({ ...c, id: `${c.id}-${index}` }));
    return results;
  };
  const cwd = dirIn("merge");
  writeFileSync(join(cwd, "s1.json"), JSON.stringify(shard(1)));
  writeFileSync(join(cwd, "s2.json"), JSON.stringify(shard(2)));

  test(
    "one shard of two: refused, exit 2, nothing written",
    async () => {
      const r = await runCli(["merge", "s1.json", "--out", "m1"], { cwd });
      expect(r.code, shown(r)).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        "ekyc-conformance: shards 1 of 2 (missing 2): merge every shard of the run, or pass --allow-partial to merge these and report the missing shards",
      ]);
      expect(existsSync(join(cwd, "m1"))).toBe(false);
    },
    SLOW,
  );

  test(
    "--allow-partial merges, names the missing shard, and still exits 2",
    async () => {
      const r = await runCli(["merge", "s1.json", "--allow-partial", "--out", "m2"], { cwd });
      expect(r.code, shown(r)).toBe(2);
      expect(r.stdout).toContain("PARTIAL: shards 1 of 2 (missing 2)");
      expect(r.stdout).toContain("Run verdict: inconclusive (shards 2 of 2 missing)");
      expect(r.stderr).toContain("partial merge (--allow-partial): shards 1 of 2 (missing 2)");
      const merged = JSON.parse(readFileSync(join(cwd, "m2", "results.json"), "utf8")) as RunResults;
      expect(merged.run.missingShards).toEqual({ count: 2, missing: [2] });
      expect(readFileSync(join(cwd, "m2", "conformance.html"), "utf8")).toMatch(
        /Shards missing<\/dt>\s*<dd><b>2 of 2<\/b>/,
      );
    },
    SLOW,
  );

  test(
    "every shard: merged, exit 0",
    async () => {
      const r = await runCli(["merge", "s2.json", "s1.json", "--out", "m3"], { cwd });
      expect(r.code, shown(r)).toBe(0);
      expect(r.stdout).toContain("shards 1, 2 of 2");
      expect(r.stdout).not.toContain("missing");
    },
    SLOW,
  );
});

describe("re-recording", () => {
  test(
    "recording the same suite twice writes the same bytes, and recording.json lists every case",
    async () => {
      const cwd = dirIn("rerecord");
      const record = (out: string, ...extra: string[]) =>
        runCli(
          [
            "run",
            "--target",
            "sandbox",
            "--vendor",
            "uqudo",
            "--runs",
            "2",
            "--record",
            "--fixtures",
            "rec",
            "--out",
            out,
            ...extra,
          ],
          { cwd },
        );
      const first = await record("o1", "--quiet");
      expect(first.code, shown(first)).toBe(0);
      const files = listFixtureFiles(join(cwd, "rec"));
      const bytes = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
      const recordingBefore = readFileSync(join(cwd, "rec", "recording.json"), "utf8");
      const second = await record("o2");
      expect(second.code, shown(second)).toBe(0);
      // Progress (not a TTY: a line every 25 cases) never shows a total that later changes: none, or the final one.
      const progress = second.stderr.split("\n").filter(Boolean);
      const cases = (JSON.parse(readFileSync(join(cwd, "o2", "results.json"), "utf8")) as RunResults).cases.length;
      expect(progress.length, shown(second)).toBeGreaterThan(0);
      for (const line of progress) expect(line).toMatch(new RegExp(`^  \\d+(/${cases})? cases \\(uqudo\\.\\w+\\)$`));
      expect(listFixtureFiles(join(cwd, "rec"))).toEqual(files);
      expect(files.filter((f) => readFileSync(f, "utf8") !== bytes.get(f))).toEqual([]);
      expect(readFileSync(join(cwd, "rec", "recording.json"), "utf8")).toBe(recordingBefore);
      const listed = JSON.parse(recordingBefore) as { cases: Record<string, number> };
      expect(Object.values(listed.cases).reduce((a, b) => a + b, 0)).toBe(files.length);
    },
    SLOW,
  );
});
