// The package as a user outside this repo gets it: `npm pack` of the built dist/ (npm test builds it first:
// `pretest`), installed into a temporary project that cannot see the repo's sources (scripts/package-install.ts),
// then used four ways: the CLI against the embedded sandbox, plain Node, TypeScript, and a vitest suite of the
// user's own. One pack and one install serve all four.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { cleanEnv, runShell, shown, type CliResult } from "../cli/cli-process.ts";
import { packAndInstall, type Installed } from "../../scripts/package-install.ts";

/** The budget for what every user downloads. */
const TARBALL_BUDGET_KB = 250;

const work = mkdtempSync(join(tmpdir(), "ekyc-package-"));
let installed: Installed;
let project = "";

const sh = (script: string): Promise<CliResult> => runShell(script, { cwd: project, env: cleanEnv() });

beforeAll(async () => {
  installed = await packAndInstall(work, ["vitest", "typescript", "@types/node"], cleanEnv());
  project = installed.project;
  mkdirSync(join(project, "test"), { recursive: true });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed tarball", () => {
  test(`holds only what a user runs, in at most ${TARBALL_BUDGET_KB} KB`, () => {
    const paths = installed.files;
    expect(installed.size / 1024).toBeLessThanOrEqual(TARBALL_BUDGET_KB);
    // No TypeScript source, no tests, no recorded fixtures, no benches or scripts.
    expect(
      paths.filter(
        (p) =>
          (p.endsWith(".ts") && !p.endsWith(".d.ts")) ||
          /(^|\/)(test|scripts|fixtures\/recorded)\//.test(p) ||
          /\.test\.d\.ts$/.test(p),
      ),
    ).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "bin/ekyc-conformance.js",
        "dist/src/index.js",
        "dist/src/index.d.ts",
        "specs/uqudo.yaml",
        "fixtures/keys/sandbox-credentials.json",
      ]),
    );
    const manifest = JSON.parse(
      readFileSync(join(project, "node_modules", "ekyc-conformance", "package.json"), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain("tsx");
  });
});

describe("installed into a project of its own", () => {
  test("(a) `npx ekyc-conformance run` against the embedded sandbox exits 0 and writes the report", async () => {
    const run = await sh("npx --no-install ekyc-conformance run --quiet --out reports");
    expect(run.code, shown(run)).toBe(0);
    const results = JSON.parse(readFileSync(join(project, "reports", "results.json"), "utf8")) as {
      kit: { version: string };
      cases: { status: string }[];
    };
    expect(results.cases.length).toBeGreaterThan(100);
    expect(results.cases.filter((c) => c.status === "failed")).toEqual([]);
    expect(statSync(join(project, "reports", "conformance.html")).size).toBeGreaterThan(10_000);
    // Nothing of the run came from this repo: the package knows only its own folder.
    expect(readFileSync(join(project, "reports", "results.json"), "utf8")).not.toContain(REPO_ROOT);
  }, 600_000);

  test("(b) plain node imports (and requires) the library and validates a documented example", async () => {
    const check = `
      const { loadSpecs } = await import("ekyc-conformance");
      const spec = loadSpecs();
      const example = spec.examples().find((e) => e.status === 200 && e.mediaType === "application/json");
      const headers = { "content-type": example.mediaType };
      const valid = spec.validateResponse(example.operationId, example.status, headers, example.value);
      const broken = spec.validateResponse(example.operationId, example.status, headers, []);
      const required = (await import("node:module")).createRequire(import.meta.url)("ekyc-conformance");
      console.log(JSON.stringify({ operation: example.operationId, valid: valid.length, broken: broken.map((f) => f.keyword), required: typeof required.loadSpecs }));`;
    writeFileSync(join(project, "check.mjs"), check);
    const run = await sh("node check.mjs");
    expect(run.code, shown(run)).toBe(0);
    const out = JSON.parse(run.stdout) as { operation: string; valid: number; broken: string[]; required: string };
    expect(out.valid, out.operation).toBe(0);
    expect(out.broken).toContain("type");
    expect(out.required).toBe("function");
  });

  test("(c) a TypeScript file using the exported types passes tsc --noEmit", async () => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
        },
        include: ["types.ts"],
      }),
    );
    writeFileSync(
      join(project, "types.ts"),
      `import { loadSpecs, runChecks, minimumMatchLevel, type Exchange, type Finding, type UqudoFaceMatchRequest, type SpecSet } from "ekyc-conformance";
const spec: SpecSet = loadSpecs();
const request: UqudoFaceMatchRequest = { sourceImage: "AA==", targetImage: "AA==", minimumMatchLevel: 3 };
// The types are real, not any: a wrong field type is an error.
// @ts-expect-error minimumMatchLevel is a number
const wrong: UqudoFaceMatchRequest = { sourceImage: "AA==", targetImage: "AA==", minimumMatchLevel: "3" };
declare const exchange: Exchange;
const findings: Finding[] = runChecks({ exchange, operation: spec.operation("uqudo.faceMatch"), spec, expectation: { kind: "accept" } }).findings;
export { request, wrong, findings, minimumMatchLevel };
`,
    );
    const tsc = await sh("npx --no-install tsc -p tsconfig.json");
    expect(tsc.code, shown(tsc)).toBe(0);
  }, 120_000);

  test("(d) vitest tests in the project use the exported checks, arbitraries and sandbox (docs/examples/own-suite.test.ts)", async () => {
    cpSync(join(REPO_ROOT, "docs", "examples", "own-suite.test.ts"), join(project, "test", "own-suite.test.ts"));
    writeFileSync(
      join(project, "test", "arbitraries.test.ts"),
      `import fc from "fast-check";
import { expect, test } from "vitest";
import { loadSpecs, minimumMatchLevel } from "ekyc-conformance";
test("the exported arbitrary's labels agree with the spec's validator", () => {
  const spec = loadSpecs();
  fc.assert(fc.property(minimumMatchLevel(), ({ value, violations }) => {
    const findings = spec.validateRequest("uqudo.faceMatch", { body: { sourceImage: "AA==", targetImage: "AA==", minimumMatchLevel: value } });
    expect(findings.length > 0).toBe(violations.length > 0);
  }), { numRuns: 100, seed: 1 });
});
`,
    );
    // vitest's 5 s default per test is too short for the sandbox's start on a loaded machine: not what this pins.
    const run = await sh("npx --no-install vitest run --reporter=verbose --testTimeout=120000 --hookTimeout=120000");
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+5 passed \(5\)/);
  }, 300_000);
});
