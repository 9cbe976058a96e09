// Runs the real command line as a child process, with an environment free of the parent's vitest and vendor settings.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { SPEC_CACHE_DIR_VARIABLE } from "../../src/openapi/spec-cache.ts";

export const BIN = join(REPO_ROOT, "bin", "ekyc-conformance.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The parent's environment without anything that would change what the child does (vitest state, targets, secrets).
 * The run's spec-cache folder stays: it changes only how fast the specs load, and keeps the child off the repo's.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const drop = /^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$|CONFORMANCE_|ADVANCE_|ZOLOZ_|UQUDO_|EKYC_|ALLURE_)/.test(k);
    if (drop && k !== SPEC_CACHE_DIR_VARIABLE) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}

/** Never rejects: a crash shows up as a non-zero code with its stderr. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cleanEnv(options.env),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

/** A shell command line as a user would paste it (a printed curl, an npm script); never rejects. */
export function runShell(script: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return runProcess("sh", ["-c", script], options);
}

function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      ...(options.env ? { env: options.env } : {}),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 540_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + String(error), ms: Date.now() - started });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** One line for an assertion message: what the child printed. */
export const shown = (r: CliResult): string =>
  `exit ${r.code} after ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
