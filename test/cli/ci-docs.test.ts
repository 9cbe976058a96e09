// docs/ci.md and its GitHub Actions examples stay true to the CLI: valid YAML, only flags the CLI declares, every
// variable a live run requires, artifacts uploaded whatever the verdict, and links that resolve.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { LIVE_VARIABLES } from "../../src/config/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const WORKFLOWS = [
  "docs/examples/github-workflows/conformance-pr.yml",
  "docs/examples/github-workflows/conformance-nightly.yml",
];

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const workflow = (path: string) => parse(read(path)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

/** Options each command declares in src/cli/main.ts, by command ("" = the program). */
function declaredOptions(): Map<string, Set<string>> {
  const source = read("src/cli/main.ts");
  const out = new Map<string, Set<string>>();
  const parts = source.split(/\.command\("/);
  for (const part of parts.slice(1)) {
    const name = part.slice(0, part.indexOf('"'));
    out.set(name, new Set([...part.matchAll(/(?:option|Option)\(\s*"(--[a-z-]+)/g)].map((m) => m[1]!)));
  }
  return out;
}

/** Every `ekyc-conformance <command> …` invocation in a text, with its --flags. */
function invocations(text: string): { command: string; flags: string[]; line: string }[] {
  return [...text.matchAll(/ekyc-conformance (run|sandbox|report|diff)\b([^\n]*)/g)].map((m) => ({
    command: m[1]!,
    flags: [...m[2]!.matchAll(/(?:^|\s)(--[a-z-]+)/g)].map((f) => f[1]!),
    line: m[0],
  }));
}

describe("docs/ci.md and the workflow examples", () => {
  test("the workflows are valid YAML with the documented triggers", () => {
    const pr = workflow(WORKFLOWS[0]!);
    expect(Object.keys(pr.on)).toEqual(expect.arrayContaining(["pull_request"]));
    const nightly = workflow(WORKFLOWS[1]!);
    expect(Object.keys(nightly.on)).toEqual(expect.arrayContaining(["schedule", "workflow_dispatch"]));
    expect(nightly.permissions).toMatchObject({ actions: "read", contents: "read" });
  });

  test("the PR gate replays fixtures; the nightly runs live with a baseline and the previous results", () => {
    const prRuns = steps(workflow(WORKFLOWS[0]!)).map((s) => s.run ?? "");
    expect(prRuns.some((r) => r.includes("npx ekyc-conformance run --target fixtures"))).toBe(true);
    const nightly = steps(workflow(WORKFLOWS[1]!));
    const run = nightly.find((s) => s.run?.includes("npx ekyc-conformance run"))!;
    expect(run.run).toMatch(/--target live --baseline \S+ \$PREVIOUS/);
    expect(nightly.some((s) => s.run?.includes("--previous previous/reports/results.json"))).toBe(true);
    expect(nightly.some((s) => s.run?.includes("gh run download"))).toBe(true);
  });

  test("reports/ and allure-report/ are uploaded whatever the verdict, after report:allure", () => {
    for (const path of WORKFLOWS) {
      const all = steps(workflow(path));
      const upload = all.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
      expect(upload, path).toBeDefined();
      expect(upload!.if, path).toMatch(/always\(\)/);
      expect(String(upload!.with?.["path"])).toMatch(/reports\/[\s\S]*allure-report\//);
      const allure = all.findIndex((s) => s.run === "npm run report:allure");
      expect(allure, path).toBeGreaterThan(-1);
      expect(all[allure]!.if).toMatch(/always\(\)/);
      expect(allure).toBeLessThan(all.indexOf(upload!));
    }
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts["report:allure"]).toMatch(
      /^allure generate \.\/reports\/allure-results && tsx scripts\/allure-offline\.ts allure-report$/,
    );
  });

  test("the nightly sets every variable a live run requires, secrets from secrets", () => {
    const required = new Set<string>(Object.values(LIVE_VARIABLES).flat());
    expect(required.size).toBeGreaterThan(8);
    const env = Object.values(workflow(WORKFLOWS[1]!).jobs)[0]!.env ?? {};
    for (const name of required) expect(Object.keys(env), name).toContain(name);
    for (const [name, value] of Object.entries(env))
      expect(value, name).toMatch(
        /(KEY|SECRET|CLIENT_ID)$/.test(name) ? /^\$\{\{ secrets\./ : /^\$\{\{ (vars|secrets)\./,
      );
  });

  test("every ekyc-conformance invocation in the docs and workflows uses flags the CLI declares", () => {
    const options = declaredOptions();
    expect(options.get("run")).toContain("--baseline");
    const texts = [read("docs/ci.md"), ...WORKFLOWS.map(read)];
    const all = texts.flatMap(invocations);
    expect(all.length).toBeGreaterThan(6);
    for (const { command, flags, line } of all)
      for (const flag of flags) expect(options.get(command), line).toContain(flag);
  });

  test("relative links in docs/ci.md resolve", () => {
    const text = read("docs/ci.md");
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((l) => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(4);
    for (const link of links) expect(existsSync(join(REPO_ROOT, dirname("docs/ci.md"), link)), link).toBe(true);
  });
});
