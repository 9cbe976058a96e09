// The CI gate end to end: the real `ekyc-conformance` command as a child process, against the embedded sandbox.
// Four runs of one vendor (uqudo, 2 fuzz runs) start together in beforeAll and the tests await the one they judge:
// conforming, one injected contract regression, the same regression with a baseline that accepts it, and with that
// baseline entry expired. Everything is written under one temporary folder (each run has its own working directory,
// and --out inside it).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CaseResult, RunResults } from "../../src/results/model.ts";
import { validateResults } from "../../src/results/io.ts";
import { runVerdict } from "../../src/results/verdict.ts";
import { parseJunit, readAllure } from "../../reporters/testing/parse-reports.ts";
import { externalReferences } from "../../scripts/allure-offline.ts";
import { CHECK_NAMES } from "../../src/checks/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { cleanEnv, runCli, runShell, shown, type CliResult } from "./cli-process.ts";

const MUTATION = "uqudo-match-level-6";
const FAILING_CASE = "uqudo.faceMatch/level-5";
const RUN = ["run", "--vendor", "uqudo", "--runs", "2", "--quiet"];
// Generous: on a busy 2-core machine one run can take minutes; an idle one runs this whole file in well under one.
const SLOW = 600_000;

const root = mkdtempSync(join(tmpdir(), "ekyc-cli-"));

// Accepts exactly what uqudo-match-level-6 breaks: the schema finding at /matchLevel and the envelope finding it
// entails (a non-match reported with a level above the threshold).
const acceptEntries = (schemaExpires?: string) => `version: 1
entries:
  - operation: uqudo.faceMatch
    check: response_schema_conformance
    match: { pointer: /matchLevel }
    reason: "UQ-1234: uqudo answers matchLevel 6 until their fix ships"${schemaExpires ? `\n    expires: ${schemaExpires}` : ""}
  - operation: uqudo.faceMatch
    check: envelope_conformance
    match: { message: "with matchLevel 6" }
    reason: "UQ-1234: same defect"
`;
const ACCEPT = join(root, "baseline.yaml");
const EXPIRED = join(root, "baseline-expired.yaml");
writeFileSync(ACCEPT, acceptEntries());
writeFileSync(EXPIRED, acceptEntries("2020-01-01"));

interface Run {
  dir: string;
  out: string;
  result: Promise<CliResult>;
}
const runs = new Map<string, Run>();

function start(name: string, extra: string[]): void {
  const dir = join(root, name);
  const out = join(dir, "reports");
  mkdirSync(dir, { recursive: true });
  runs.set(name, { dir, out, result: runCli([...RUN, "--out", out, ...extra], { cwd: dir }) });
}

async function finished(name: string): Promise<Run & { cli: CliResult; results: RunResults }> {
  const run = runs.get(name)!;
  const cli = await run.result;
  const file = join(run.out, "results.json");
  expect(existsSync(file), `${name}: no results.json\n${shown(cli)}`).toBe(true);
  return { ...run, cli, results: validateResults(JSON.parse(readFileSync(file, "utf8")), file) };
}

const byId = (results: RunResults, id: string): CaseResult => {
  const c = results.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id} in ${results.cases.map((x) => x.id).join(", ")}`);
  return c;
};

beforeAll(() => {
  start("conforming", []);
  start("mutation", ["--sandbox-mutation", MUTATION]);
  start("baseline", ["--sandbox-mutation", MUTATION, "--baseline", ACCEPT]);
  start("expired", ["--sandbox-mutation", MUTATION, "--baseline", EXPIRED]);
});

afterAll(async () => {
  await Promise.all([...runs.values()].map((r) => r.result));
  rmSync(root, { recursive: true, force: true });
});

describe("ekyc-conformance as a child process", () => {
  test(
    "--help of every command groups options, shows defaults, choices and variables, and ends with examples (and exit codes and credentials where they apply)",
    async () => {
      const commands = [[], ["run"], ["sandbox"], ["report"], ["merge"], ["diff"], ["cleanup"]];
      const results = await Promise.all(commands.map((c) => runCli([...c, "--help"])));
      results.forEach((r, i) => {
        expect(r.code, `${commands[i]!.join(" ")} --help: ${shown(r)}`).toBe(0);
        expect(r.stdout).toContain("Usage: ekyc-conformance");
        expect(r.stdout, commands[i]!.join(" ")).toMatch(/\nExamples:\n  \$ ekyc-conformance /);
      });
      const [top, run, , , merge, , cleanup] = results.map((r) => r.stdout);
      expect(top).toMatch(/\brun\b[\s\S]*\bsandbox\b[\s\S]*\breport\b[\s\S]*\bdiff\b/);
      for (const text of [top, run, merge])
        expect(text).toMatch(/Exit codes:\n  0  conforming[\s\S]*\n  1  [\s\S]*\n  2  /);
      for (const text of [top, run, cleanup])
        expect(text).toMatch(
          /Credentials \(--target live only\) come from environment variables[\s\S]*UQUDO_CLIENT_SECRET/,
        );
      // Groups, defaults, choices and variables.
      for (const heading of [
        "Target and selection:",
        "Inputs:",
        "Output:",
        "Testing the kit itself:",
        "Paid sandboxes (limits and cleanup):",
      ])
        expect(run).toContain(`\n${heading}\n`);
      const flat = run!.replace(/\s+/g, " ");
      expect(flat).toContain(
        '--target <target> where to run: the embedded sandbox, the vendors\' live sandboxes, or recorded fixtures (default: sandbox; env: CONFORMANCE_TARGET) (choices: "sandbox", "live", "fixtures")',
      );
      expect(flat).toMatch(
        /--vendor <vendor> .*\(default: all; env: CONFORMANCE_VENDORS\) \(choices: "advance", "zoloz", "uqudo"\)/,
      );
      expect(flat).toContain("(default: 20261123; env: CONFORMANCE_SEED)");
      expect(flat).toContain("(default: no limit; env: CONFORMANCE_RPS)");
      expect(flat).toContain('(default: "reports")');
      // docs/reports.md tells users to run it: shown, with its names.
      expect(flat).toMatch(/--sandbox-mutation <name> .*"uqudo-match-level-6"/);
      expect(merge).toContain("--allow-partial");
      expect(cleanup).toMatch(/--vendor <vendor>/);
    },
    SLOW,
  );

  test(
    "bad configuration exits 2 with one line naming every missing variable, and writes no report",
    async () => {
      const out = join(root, "bad-config");
      const live = await runCli(["run", "--target", "live", "--vendor", "uqudo", "--out", out, "--quiet"]);
      expect(live.code, shown(live)).toBe(2);
      const lines = live.stderr.trim().split("\n");
      expect(lines, shown(live)).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^ekyc-conformance: --target live needs variables that are not set \(uqudo: UQUDO_BASE_URL, UQUDO_AUTH_URL, UQUDO_CLIENT_ID, UQUDO_CLIENT_SECRET\)/,
      );
      expect(existsSync(join(out, "results.json"))).toBe(false);
    },
    SLOW,
  );

  test(
    "the conforming sandbox exits 0 with results.json (schema-valid), conformance.html and junit.xml",
    async () => {
      const { cli, out, results } = await finished("conforming");
      expect(cli.code, shown(cli)).toBe(0);
      expect(cli.stdout).toContain("Run verdict: conforming");
      // Nothing from vitest underneath; the run ends by listing every report it wrote.
      expect(cli.stdout + cli.stderr).not.toMatch(/JUNIT report written|vitest/i);
      expect(cli.stderr).toBe("");
      // Every report written, the HTML report last: the main job ends with the path a person opens.
      expect(cli.stdout.trimEnd().split("\n").slice(-5)).toEqual([
        "Reports written:",
        "  results.json   reports/results.json",
        "  JUnit XML      reports/junit.xml",
        "  Allure results reports/allure-results",
        "  HTML report    reports/conformance.html",
      ]);
      expect(results.run).toMatchObject({ target: "sandbox", vendors: ["uqudo"], fuzzRuns: 2 });
      expect(results.cases.length).toBeGreaterThan(10);
      expect(new Set(results.cases.map((c) => c.vendor))).toEqual(new Set(["uqudo"]));
      expect(results.cases.filter((c) => c.status !== "passed").map((c) => `${c.id}: ${c.status}`)).toEqual([]);
      const html = readFileSync(join(out, "conformance.html"), "utf8");
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).toContain(FAILING_CASE);
      const junit = readFileSync(join(out, "junit.xml"), "utf8");
      expect(junit).toContain("<testsuites");
      expect(junit.match(/<testcase /g)).toHaveLength(results.cases.length);
      expect(junit).not.toContain("<failure");
    },
    SLOW,
  );

  test(
    "allure-results hold one test per case, labelled epic=vendor, feature=operation, story=check, with attachments",
    async () => {
      const { out, results } = await finished("conforming");
      const allureDir = join(out, "allure-results");
      const files = readdirSync(allureDir);
      type Label = { name: string; value: string };
      type Step = { attachments?: { name: string; source: string; type: string }[]; steps?: Step[] };
      type AllureResult = Step & { name: string; labels: Label[] };
      const tests = files
        .filter((f) => f.endsWith("-result.json"))
        .map((f) => JSON.parse(readFileSync(join(allureDir, f), "utf8")) as AllureResult);
      expect(tests).toHaveLength(results.cases.length);

      const label = (t: AllureResult, name: string) => t.labels.filter((l) => l.name === name).map((l) => l.value);
      const attachments = (s: Step): NonNullable<Step["attachments"]> => [
        ...(s.attachments ?? []),
        ...(s.steps ?? []).flatMap(attachments),
      ];
      expect(tests.map((t) => label(t, "feature")[0]).sort()).toEqual(results.cases.map((c) => c.operationId).sort());
      for (const t of tests) {
        expect(label(t, "epic"), t.name).toEqual(["uqudo"]);
        expect(label(t, "feature"), t.name).toHaveLength(1);
        const stories = label(t, "story").sort();
        expect(stories.length, t.name).toBeGreaterThan(0);
        for (const s of stories) expect(CHECK_NAMES).toContain(s);
        const sameOperation = results.cases.filter((c) => c.operationId === label(t, "feature")[0]);
        expect(
          sameOperation.some((c) => JSON.stringify([...c.checks].sort()) === JSON.stringify(stories)),
          `${t.name}: stories ${stories.join(",")}`,
        ).toBe(true);
        const exchanges = attachments(t).find((a) => a.name === "exchanges (redacted)");
        expect(exchanges, `${t.name} has no exchanges attachment`).toBeDefined();
        expect(exchanges!.type).toBe("application/json");
        expect(Array.isArray(JSON.parse(readFileSync(join(allureDir, exchanges!.source), "utf8")))).toBe(true);
      }
    },
    SLOW,
  );

  test(
    "an injected contract regression exits 1 and the summary names the failing case",
    async () => {
      const { cli, results } = await finished("mutation");
      expect(cli.code, shown(cli)).toBe(1);
      expect(cli.stdout).toMatch(
        new RegExp(`✗ ${FAILING_CASE.replace(".", "\\.")}: response_schema_conformance: /matchLevel`),
      );
      expect(cli.stdout).not.toContain("Run verdict: conforming");
      const failed = results.cases.filter((c) => c.status === "failed");
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((c) => c.operationId === "uqudo.faceMatch")).toBe(true);
      expect(byId(results, FAILING_CASE).findings.map((f) => f.check)).toContain("response_schema_conformance");
    },
    SLOW,
  );

  test(
    "a baseline accepting exactly that finding makes the same run exit 0, the finding listed apart",
    async () => {
      const { cli, out, results } = await finished("baseline");
      expect(cli.code, shown(cli)).toBe(0);
      expect(cli.stdout).toContain("Run verdict: conforming");
      expect(cli.stdout).not.toContain("expired");
      expect(cli.stdout).not.toContain("matched nothing");
      const accepted = byId(results, FAILING_CASE);
      expect(accepted.status).toBe("passed");
      expect(accepted.findings.filter((f) => f.severity === "failure")).toEqual([]);
      expect(accepted.baselined?.map((f) => f.check)).toEqual(["response_schema_conformance"]);
      expect(accepted.baselined?.[0]?.message).toMatch(/matchLevel must be <= 5; got 6/);
      const html = readFileSync(join(out, "conformance.html"), "utf8");
      // Identifiers carry <wbr> break points (after _ . / -): compare the text.
      const section = html.slice(html.indexOf('<section id="baseline">')).replace(/<wbr>/g, "");
      expect(section.slice(0, section.indexOf("</section>"))).toContain(FAILING_CASE);
      expect(section).toContain("Every baseline entry is in force");
    },
    SLOW,
  );

  test(
    "an expired baseline entry no longer suppresses: exit 1, and the expiry is reported",
    async () => {
      const { cli, out, results } = await finished("expired");
      expect(cli.code, shown(cli)).toBe(1);
      expect(cli.stdout).toMatch(
        /baseline entries\[0\] expired 2020-01-01: uqudo\.faceMatch response_schema_conformance .*no longer suppresses/,
      );
      expect(cli.stdout).toContain(`✗ ${FAILING_CASE}`);
      const c = byId(results, FAILING_CASE);
      expect(c.status).toBe("failed");
      expect(c.findings.map((f) => f.check)).toContain("response_schema_conformance");
      expect(c.baselined ?? []).toEqual([]);
      expect(readFileSync(join(out, "conformance.html"), "utf8")).toContain("Expired entries (no longer suppress)");
    },
    SLOW,
  );

  // Every format is rendered from the final results: after a failing run and after the same run with a baseline that
  // accepts its findings, JUnit, Allure, the HTML banner and the summary all agree with results.json and the exit code.
  test.each([
    ["mutation", 1],
    ["baseline", 0],
  ] as const)(
    "after the %s run every format agrees with results.json and the exit code (%i)",
    async (name, code) => {
      const { cli, out, results } = await finished(name);
      expect(cli.code, shown(cli)).toBe(code);
      const v = runVerdict(results);
      const status = (c: CaseResult) =>
        ({ passed: "passed", failed: "failed", inconclusive: "error", skipped: "skipped" })[c.status];

      const junit = parseJunit(readFileSync(join(out, "junit.xml"), "utf8"));
      expect(junit.totals).toEqual({ tests: v.total, failures: v.failed, errors: v.inconclusive, skipped: v.skipped });
      expect(junit.totals.failures > 0).toBe(code === 1);
      for (const c of results.cases) {
        const tc = junit.cases.find((x) => x.name === c.id);
        expect(tc, `${c.id} missing from junit.xml`).toBeDefined();
        expect(tc!.outcome, c.id).toBe(status(c));
        if (c.status === "failed")
          expect(tc!.message).toContain(c.findings.find((f) => f.severity === "failure")!.check);
        expect(tc!.properties.filter((p) => p.name === "baseline")).toHaveLength(c.baselined?.length ?? 0);
      }
      const accepted = junit.cases.find((x) => x.name === FAILING_CASE)!;
      if (name === "baseline") {
        expect(accepted.outcome).toBe("passed");
        expect(accepted.properties[0]!.value).toMatch(
          /^entries\[0\] of .*baseline\.yaml: UQ-1234: uqudo answers matchLevel 6 until their fix ships \(no expiry\) accepted response_schema_conformance/,
        );
      } else
        expect(accepted.message).toMatch(
          /^response_schema_conformance: \/matchLevel: \/matchLevel must be <= 5; got 6 \(expected 5, actual 6\)/,
        );

      const allure = readAllure(join(out, "allure-results")).tests;
      expect(allure).toHaveLength(results.cases.length);
      for (const c of results.cases)
        expect(allure.find((t) => t.fullName === c.id)?.status, c.id).toBe(
          { passed: "passed", failed: "failed", inconclusive: "broken", skipped: "skipped" }[c.status],
        );

      const html = readFileSync(join(out, "conformance.html"), "utf8");
      expect(html).toContain(`<span class="verdict-word">${v.label}</span>`);
      expect(cli.stdout).toContain(`Run verdict: ${v.label}`);
      expect(cli.stdout).toContain(
        `passed ${v.passed}, failed ${v.failed}, skipped ${v.skipped}, inconclusive ${v.inconclusive}`,
      );
      for (const report of ["results.json", "conformance.html", "junit.xml", "allure-results"])
        expect(cli.stdout + "\n").toMatch(
          new RegExp(` ${relative(runs.get(name)!.dir, join(out, report)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n`),
        );
      // Nothing from vitest's own reporters: no stray JUnit or Allure output outside --out.
      expect(existsSync(join(runs.get(name)!.dir, "allure-results"))).toBe(false);
      expect(cli.stdout + cli.stderr).not.toMatch(/JUNIT report written/);
    },
    SLOW,
  );

  test(
    "report re-renders conformance.html from a results.json, identical to the run's own",
    async () => {
      const { out } = await finished("conforming");
      const again = join(root, "rerender");
      const r = await runCli(["report", join(out, "results.json"), "--out", again]);
      expect(r.code, shown(r)).toBe(0);
      // Printed relative to the working directory, so only its tail is the same wherever the checkout lives.
      expect(r.stdout).toMatch(new RegExp(`^  HTML report +\\S*${basename(again)}/conformance\\.html$`, "m"));
      for (const file of ["conformance.html", "junit.xml", "results.json"])
        expect(readFileSync(join(again, file), "utf8"), file).toBe(readFileSync(join(out, file), "utf8"));
      expect(readdirSync(join(again, "allure-results")).sort()).toEqual(
        readdirSync(join(out, "allure-results")).sort(),
      );
    },
    SLOW,
  );

  test(
    "report --baseline renders every format after the baseline and exits like the gate: 1 without it, 0 with it",
    async () => {
      const { out } = await finished("mutation");
      const [plain, accepted] = await Promise.all([
        runCli(["report", join(out, "results.json"), "--out", join(root, "report-plain")]),
        runCli(["report", join(out, "results.json"), "--baseline", ACCEPT, "--out", join(root, "report-accepted")]),
      ]);
      expect(plain.code, shown(plain)).toBe(1);
      expect(accepted.code, shown(accepted)).toBe(0);
      expect(parseJunit(readFileSync(join(root, "report-plain", "junit.xml"), "utf8")).totals.failures).toBeGreaterThan(
        0,
      );
      expect(parseJunit(readFileSync(join(root, "report-accepted", "junit.xml"), "utf8")).totals.failures).toBe(0);
      expect(
        readAllure(join(root, "report-accepted", "allure-results")).tests.find((t) => t.fullName === FAILING_CASE)
          ?.status,
      ).toBe("passed");
    },
    SLOW,
  );

  test(
    "the report's Reproduce command, run as printed, replays the fuzz counterexample and finds the same deviation",
    async () => {
      const { results } = await finished("mutation");
      const fuzz = results.cases.find((c) => c.kind === "fuzz" && c.status === "failed");
      expect(fuzz, "the mutation run has a failed fuzz case").toBeDefined();
      const command = fuzz!.reproduction!.command!;
      expect(command).toMatch(
        new RegExp(
          `^npx ekyc-conformance run --target sandbox --vendor uqudo --seed ${results.run.seed} --runs 2 --sandbox-mutation ${MUTATION} --case ${fuzz!.id.replace(".", "\\.")} --fc-seed \\d+ --fc-path [\\d:]+$`,
        ),
      );
      // Every argument is shell-safe (unquoted), so splitting on spaces is how a shell reads it.
      const args = command.split(" ").slice(2);
      const dir = join(root, "reproduce");
      const r = await runCli([...args, "--quiet", "--out", join(dir, "reports")], { cwd: root });
      expect(r.code, shown(r)).toBe(1);
      const again = validateResults(JSON.parse(readFileSync(join(dir, "reports", "results.json"), "utf8")));
      expect(again.cases.map((c) => `${c.id} ${c.status}`)).toEqual([`${fuzz!.id} failed`]);
      expect(again.cases[0]!.reproduction).toMatchObject({
        seed: fuzz!.reproduction!.seed,
        path: fuzz!.reproduction!.path,
      });
      expect(again.cases[0]!.findings.map((f) => f.message)).toEqual(fuzz!.findings.map((f) => f.message));
    },
    SLOW,
  );

  test(
    "on the sandbox target the printed curl runs as printed (test credentials, body beside the report) and gets the same answer",
    async () => {
      const { out, results } = await finished("mutation");
      const c = byId(results, FAILING_CASE);
      const curl = c.reproduction?.curl ?? "";
      expect(c.reproduction?.curlRunnable).toBe(true);
      expect(curl).toMatch(
        /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/uqudo\/[^']+' .*-H 'authorization: Bearer ey[^']+' .*--data-binary @reproduce\/[0-9a-f]{16}\.body$/,
      );
      expect(curl).not.toContain("***");
      const html = readFileSync(join(out, "conformance.html"), "utf8");
      expect(html).toContain(
        `while <code>npx ekyc-conformance sandbox --port ${new URL(/'(http[^']+)'/.exec(curl)![1]!).port}</code> is running`,
      );
      // The same sandbox (with the same injected regression) on the port the run used, and the curl line as printed.
      const { startSandbox } = await import("../../src/sandbox/index.ts");
      const sandbox = await startSandbox({
        port: Number(new URL(/'(http[^']+)'/.exec(curl)![1]!).port),
        mutation: MUTATION,
      });
      try {
        const r = await runShell(`${curl} -w '\n%{http_code}'`, { cwd: out });
        expect(r.code, shown(r)).toBe(0);
        const lines = r.stdout.split("\n");
        expect(Number(lines.pop())).toBe(c.exchanges[0]!.response!.status);
        expect(JSON.parse(lines.join("\n"))).toEqual(JSON.parse(c.exchanges[0]!.response!.body!));
      } finally {
        await sandbox.close();
      }
    },
    SLOW,
  );

  test(
    "diff OLD NEW lists the findings that appeared, and the reverse lists them as disappeared",
    async () => {
      const [ok, bad] = await Promise.all([finished("conforming"), finished("mutation")]);
      const [forward, backward] = await Promise.all([
        runCli(["diff", join(ok.out, "results.json"), join(bad.out, "results.json")]),
        runCli(["diff", join(bad.out, "results.json"), join(ok.out, "results.json")]),
      ]);
      expect(forward.code, shown(forward)).toBe(0);
      expect(forward.stdout).toMatch(/uqudo\.faceMatch response_schema_conformance: pass -> fail/);
      expect(forward.stdout).toContain(`+ [failure] ${FAILING_CASE}: /matchLevel`);
      expect(forward.stdout).toContain(`~ ${FAILING_CASE}: passed -> failed`);
      expect(backward.code, shown(backward)).toBe(0);
      expect(backward.stdout).toMatch(/uqudo\.faceMatch response_schema_conformance: fail -> pass/);
      expect(backward.stdout).toContain(`- [failure] ${FAILING_CASE}: /matchLevel`);
    },
    SLOW,
  );
});

const ALLURE_CLI = join(REPO_ROOT, "node_modules", "allure", "cli.js");
const hasAllure = existsSync(ALLURE_CLI);

describe("npm run report:allure", () => {
  // Skipped, with this reason, when the devDependency `allure` (Allure 3 CLI) is not installed (npm ci --omit=dev).
  test.skipIf(!hasAllure)(
    `builds a single-file Allure report offline with no external script or link${hasAllure ? "" : " (skipped: allure not installed)"}`,
    async () => {
      const { dir, results } = await finished("conforming");
      // The package.json script line itself, run in the conforming run's folder (it holds allure-results/), with the
      // project's allurerc.mjs, scripts/ and node_modules linked in.
      const script = (
        JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
      ).scripts["report:allure"];
      expect(script).toBeDefined();
      for (const name of ["allurerc.mjs", "scripts", "node_modules"])
        symlinkSync(join(REPO_ROOT, name), join(dir, name));
      const env = cleanEnv({ PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env["PATH"] ?? ""}` });
      const r = await runShell(script!, { cwd: dir, env });
      expect(r.code, shown(r)).toBe(0);
      expect(r.stdout).toMatch(/allure-offline: index\.html .*removed .*googletagmanager/);

      const report = join(dir, "allure-report");
      expect(readdirSync(report).filter((f) => !f.endsWith(".json"))).toEqual(["index.html"]);
      const html = readFileSync(join(report, "index.html"), "utf8");
      expect(externalReferences(html)).toEqual([]);
      // Independently of the helper: no script, link, img or iframe points at http(s) or a protocol-relative URL.
      expect(
        html.match(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//gi),
      ).toBeNull();
      expect(html).not.toMatch(/googletagmanager|gtag\(/);
      const summary = JSON.parse(readFileSync(join(report, "summary.json"), "utf8")) as {
        name: string;
        stats: { total: number };
        meta: { singleFile: boolean };
      };
      expect(summary).toMatchObject({ name: "ekyc-conformance", meta: { singleFile: true } });
      expect(summary.stats.total).toBe(results.cases.length);
    },
    SLOW,
  );
});
