// Shared helpers of the target tests: the suite catalog, sandbox-backed run contexts, the whole-suite runner,
// a second sandbox process (the live target without internet), and fixture normalisation for diffs.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import type { CaseResult } from "../../src/results/model.ts";
import { configFromEnv, type KitConfig } from "../../src/config/index.ts";
import { listFixtureFiles, type Fixture } from "../../src/recording/format.ts";
import type { Sandbox } from "../../src/sandbox/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { authCases } from "../../src/suite/auth-cases.ts";
import { createRunContext } from "../../src/suite/run-context.ts";
import { runFuzz } from "../../src/suite/fuzz.ts";
import { runCase, runFlow, type RunContext } from "../../src/suite/run.ts";
import type { CaseDefinition, SuiteDefinition } from "../../src/suite/types.ts";

export const SUITES_DIR = join(REPO_ROOT, "suites");
export const COMMITTED_FIXTURES = join(REPO_ROOT, "fixtures", "recorded");
export const RERECORD_ALL = "rm -rf fixtures/recorded && CONFORMANCE_RECORD=1 npx vitest run --project suites:sandbox";

/** Every suite file under suites/, imported: a suite imported by another test declares without registering tests. */
export async function loadSuites(): Promise<Map<string, SuiteDefinition>> {
  const files: string[] = [];
  for (const vendor of readdirSync(SUITES_DIR, { withFileTypes: true })) {
    if (!vendor.isDirectory()) continue;
    for (const file of readdirSync(join(SUITES_DIR, vendor.name)))
      if (file.endsWith(".test.ts")) files.push(join(SUITES_DIR, vendor.name, file));
  }
  const suites = new Map<string, SuiteDefinition>();
  for (const file of files.sort()) {
    const suite = ((await import(pathToFileURL(file).href)) as { default?: SuiteDefinition }).default;
    if (!suite || typeof suite.operationId !== "string")
      throw new Error(`${relative(REPO_ROOT, file)} does not default-export a suite definition`);
    suites.set(suite.operationId, suite);
  }
  return suites;
}

/** A declared case of a suite (including its auth cases), by name. */
export function caseOf(suites: Map<string, SuiteDefinition>, operationId: string, name: string): CaseDefinition {
  const suite = suites.get(operationId);
  if (!suite) throw new Error(`no suite for ${operationId}`);
  const found = [...suite.cases, ...authCases(suite)].find((c) => c.name === name);
  if (!found) throw new Error(`suite ${operationId} has no case ${name}`);
  return found;
}

/** The configuration suites run with by default, independent of the calling environment. */
export function baseConfig(overrides: Partial<KitConfig> = {}): KitConfig {
  return { ...configFromEnv({}), ...overrides };
}

export function sandboxInfo(sandbox: Sandbox) {
  return { baseUrls: sandbox.baseUrls, origin: sandbox.origin };
}

/** A run context on the sandbox target against the given sandbox. */
export function sandboxContext(sandbox: Sandbox, overrides: Partial<KitConfig> = {}, fixturesDir?: string): RunContext {
  return createRunContext({
    config: baseConfig({ target: "sandbox", ...overrides }),
    sandbox: sandboxInfo(sandbox),
    ...(fixturesDir ? { fixturesDir } : {}),
  });
}

/** A run context on the fixtures target, replaying from `fixturesDir` (default: the committed recording). */
export function fixturesContext(fixturesDir = COMMITTED_FIXTURES, overrides: Partial<KitConfig> = {}): RunContext {
  return createRunContext({ config: baseConfig({ target: "fixtures", ...overrides }), fixturesDir });
}

/** Runs every case, auth case, flow and fuzz property of the suites, as `suites:sandbox` does. */
export async function runWholeSuite(context: RunContext, suites: Iterable<SuiteDefinition>): Promise<CaseResult[]> {
  // Suites are independent (their ids and images differ): run them concurrently, each one's cases in order.
  const perSuite = await Promise.all(
    [...suites].map(async (suite) => {
      const results: CaseResult[] = [];
      for (const definition of [...suite.cases, ...authCases(suite)])
        results.push(await runCase(context, suite.operationId, definition));
      for (const flow of suite.flows ?? []) results.push(await runFlow(context, flow));
      for (const family of suite.fuzz ?? []) results.push(await runFuzz(context, suite.operationId, family));
      return results;
    }),
  );
  return perSuite.flat();
}

/** What a case outcome is compared on across targets: its status and its findings. */
export function outcome(result: CaseResult) {
  return {
    id: result.id,
    status: result.status,
    findings: result.findings.map((f) => ({
      check: f.check,
      severity: f.severity,
      message: f.message,
      pointer: f.pointer,
    })),
  };
}

// ---------------------------------------------------------------- a second sandbox process

export interface SandboxSummary {
  advance: { baseUrl: string; accessKey: string; secretKey: string };
  zoloz: { baseUrl: string; clientId: string; merchantPrivateKeyPath: string; platformPublicKeyPath: string };
  uqudo: { baseUrl: string; authUrl: string; clientId: string; clientSecret: string };
}

export interface SandboxProcess {
  child: ChildProcess;
  summary: SandboxSummary;
  stop(): Promise<void>;
}

/** `node bin/ekyc-conformance.js sandbox --json` in a child process; resolves with its one JSON line. */
export async function spawnSandboxProcess(extraArgs: string[] = [], startupMs = 20_000): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, "bin", "ekyc-conformance.js"), "sandbox", "--json", "--port", "0", ...extraArgs],
    {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the sandbox process printed nothing within ${startupMs / 1000} s; stderr: ${stderr}`)),
      startupMs,
    );
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox process exited with ${code} before printing its JSON line; stderr: ${stderr}`));
    });
  });
  lines.close();
  const summary = JSON.parse(first) as SandboxSummary;
  return {
    child,
    summary,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The environment a user sets for CONFORMANCE_TARGET=live, pointed at a sandbox process. */
export function liveEnv(summary: SandboxSummary, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CONFORMANCE_TARGET: "live",
    ADVANCE_BASE_URL: summary.advance.baseUrl,
    ADVANCE_ACCESS_KEY: summary.advance.accessKey,
    ADVANCE_SECRET_KEY: summary.advance.secretKey,
    ZOLOZ_BASE_URL: summary.zoloz.baseUrl,
    ZOLOZ_CLIENT_ID: summary.zoloz.clientId,
    ZOLOZ_MERCHANT_PRIVATE_KEY: summary.zoloz.merchantPrivateKeyPath,
    ZOLOZ_PLATFORM_PUBLIC_KEY: summary.zoloz.platformPublicKeyPath,
    UQUDO_BASE_URL: summary.uqudo.baseUrl,
    UQUDO_AUTH_URL: summary.uqudo.authUrl,
    UQUDO_CLIENT_ID: summary.uqudo.clientId,
    UQUDO_CLIENT_SECRET: summary.uqudo.clientSecret,
    ...extra,
  };
}

// ---------------------------------------------------------------- fixture comparison

/** Fixture files under a directory, as paths relative to it. */
export function fixtureFiles(dir: string): string[] {
  return listFixtureFiles(dir)
    .map((file) => relative(dir, file))
    .sort();
}

export function readFixture(file: string): Fixture {
  return JSON.parse(readFileSync(file, "utf8")) as Fixture;
}

const VOLATILE_KEYS = new Set([
  "transactionid",
  "signatureid",
  "timestamp",
  "expiredtime",
  "token",
  "access_token",
  "jti",
  "recordedat",
  "response-time",
  "request-time",
  "date",
  "iat",
  "exp",
]);
const VOLATILE_TEXT: Array<[RegExp, string]> = [
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>"],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, "<jwt>"],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\b/g, "<date>"],
  [/\b1\d{12}\b/g, "<epoch-ms>"],
];

function maskText(text: string): string {
  return VOLATILE_TEXT.reduce((out, [pattern, mask]) => out.replace(pattern, mask), text);
}

function mask(value: unknown, key?: string): unknown {
  if (
    key !== undefined &&
    VOLATILE_KEYS.has(key.toLowerCase()) &&
    value !== null &&
    value !== "" &&
    typeof value !== "object"
  )
    return `<${key}>`;
  if (typeof value === "string") {
    // Bodies are JSON text inside the fixture: mask inside them too.
    try {
      const inner = JSON.parse(value) as unknown;
      if (inner !== null && typeof inner === "object") return JSON.stringify(mask(inner));
    } catch {
      // not JSON: plain text
    }
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((item) => mask(item));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
  return value;
}

/** A fixture with every value that changes between recordings of the same run masked. */
export function stableFixture(fixture: Fixture): unknown {
  return mask(fixture);
}

// ---------------------------------------------------------------- the smoke set

/** A small set of declared suite cases across the vendors and outcomes, all of them in fixtures/recorded. */
export const SMOKE_CASES: ReadonlyArray<readonly [operationId: string, name: string]> = [
  ["advance.generateToken", "signed-request"],
  ["advance.generateToken", "wrong-signature"],
  ["advance.enroll", "jpeg-face"],
  ["advance.enroll", "region-alpha-2"],
  ["advance.getEnroll", "unknown-user"],
  ["advance.getEnroll", "auth-none"],
  ["zoloz.authenticationTest", "signed-probe"],
  ["zoloz.connectEnroll", "jpeg-face"],
  ["zoloz.connectEnroll", "auth-wrong"],
  ["uqudo.oauthToken", "client-credentials"],
  ["uqudo.faceMatch", "same-person"],
  ["uqudo.faceMatch", "level-0"],
  ["uqudo.faceSearchDelete", "unknown-id"],
];

/** Runs the smoke set, in order. */
export async function runSmoke(context: RunContext, suites: Map<string, SuiteDefinition>): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [operationId, name] of SMOKE_CASES)
    results.push(await runCase(context, operationId, caseOf(suites, operationId, name)));
  return results;
}
