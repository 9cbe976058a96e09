// Shared helpers of the benchmark harness: timing, statistics, child processes with peak RSS, machine facts.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/**
 * A module of the compiled package (dist/, built by `prebench`), typed as its source: the kit is timed as a user runs
 * it. Through tsx the same TypeScript runs markedly slower (2.6 vs 6.6 µs per rejected body, measured 2026-12-02).
 */
export async function compiled<T>(module: string): Promise<T> {
  return (await import(pathToFileURL(join(ROOT, "dist", "src", `${module}.js`)).href)) as T;
}

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** (max - min) / median, as a fraction. */
  spread: number;
}

export function summary(values: number[]): Summary {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n: 0, median: NaN, min: NaN, max: NaN, spread: NaN };
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    n,
    median,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    spread: median === 0 ? 0 : (sorted[n - 1]! - sorted[0]!) / median,
  };
}

/** Calls `body` repeatedly for at least `minMs` (after one warm-up call) and returns calls per second. */
export function rate(body: () => number, minMs: number, warmUp = true): { perSecond: number; ops: number; ms: number } {
  if (warmUp) body();
  let ops = 0;
  const start = now();
  let elapsed = 0;
  do {
    ops += body();
    elapsed = now() - start;
  } while (elapsed < minMs);
  return { perSecond: (ops / elapsed) * 1000, ops, ms: elapsed };
}

export function env(name: string, fallback: number): number {
  const v = process.env[name];
  return v === undefined || v === "" || Number.isNaN(Number(v)) ? fallback : Number(v);
}

export interface ChildRun {
  code: number | null;
  wallMs: number;
  /** Peak resident set of the process tree (max of sampled sums), or of the direct child from /usr/bin/time. */
  peakRssMb: number;
  userS?: number;
  sysS?: number;
  stdout: string;
  stderr: string;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function treeRssKb(pid: number): number {
  let total = rssKb(pid);
  for (const c of childrenOf(pid)) total += treeRssKb(c);
  return total;
}

export const HAS_GNU_TIME = existsSync("/usr/bin/time");

/**
 * Runs a command as a child process, sampling the resident set of its whole process tree every 50 ms from /proc
 * (vitest forks workers, so the direct child's peak alone would undercount). With /usr/bin/time present, its
 * "Maximum resident set size" (largest single process) and CPU seconds are read too.
 */
export function runChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<ChildRun> {
  return new Promise((resolveRun) => {
    const wrapped = HAS_GNU_TIME
      ? (["/usr/bin/time", ["-f", "\n__TIME__ %e %M %U %S", command, ...args]] as const)
      : ([command, args] as const);
    const start = now();
    const child = spawn(wrapped[0], [...wrapped[1]], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let peakKb = 0;
    const sample = () => {
      if (child.pid) {
        // Under /usr/bin/time the measured tree starts one level down.
        const total = HAS_GNU_TIME ? childrenOf(child.pid).reduce((s, c) => s + treeRssKb(c), 0) : treeRssKb(child.pid);
        if (total > peakKb) peakKb = total;
      }
    };
    const timer = setInterval(sample, 50);
    const killer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("close", (code) => {
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      const wallMs = now() - start;
      const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      const peakRssMb = Math.max(peakKb, m ? Number(m[2]) : 0) / 1024;
      resolveRun({
        code,
        wallMs,
        peakRssMb,
        ...(m ? { userS: Number(m[3]), sysS: Number(m[4]) } : {}),
        stdout,
        stderr: stderr.replace(/\n__TIME__.*\n?$/, ""),
      });
    });
  });
}

export interface Machine {
  cpuModel: string;
  cpus: number;
  memoryGb: number;
  freeMemoryGb: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  wrk: boolean;
  java: string | null;
}

export function machine(java: string | null): Machine {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cpus: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    wrk: ["/usr/bin/wrk", "/usr/local/bin/wrk"].some((p) => existsSync(p)),
    java,
  };
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
