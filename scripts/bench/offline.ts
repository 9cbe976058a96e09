// (c) The offline gate: wall time and peak RSS of `ekyc-conformance run --target fixtures --quiet` and of the vitest
// suites project against fixtures (child processes), cold (fresh image cache) and warm; plus the in-process
// breakdown harness (offline-harness.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, TSX, runChild, type ChildRun } from "./lib.ts";

export interface GateRun {
  cache: "cold" | "warm";
  code: number | null;
  wallS: number;
  peakRssMb: number;
  cpuS?: number;
  summary: string;
}

const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
const gate = (cache: GateRun["cache"], r: ChildRun): GateRun => ({
  cache,
  code: r.code,
  wallS: r.wallMs / 1000,
  peakRssMb: r.peakRssMb,
  ...(r.userS !== undefined ? { cpuS: r.userS + (r.sysS ?? 0) } : {}),
  summary: plain(
    r.stdout.match(/passed \d+, failed \d+, skipped \d+, inconclusive \d+/)?.[0] ??
      r.stdout.match(/Tests\s+.*$/m)?.[0] ??
      r.stderr.split("\n").filter(Boolean).at(-1) ??
      "",
  )
    .trim()
    .replace(/\s+/g, " "),
});

export interface OfflineFigures {
  command: string;
  cli: GateRun[];
  suitesCommand: string;
  suites: GateRun[];
  breakdown: Record<string, unknown>[];
}

export async function offlineBench(repetitions: number, log: (m: string) => void): Promise<OfflineFigures> {
  const cli: GateRun[] = [];
  const suites: GateRun[] = [];
  const breakdown: Record<string, unknown>[] = [];
  const bin = join(ROOT, "bin", "ekyc-conformance.js");
  const vitest = join(ROOT, "node_modules", ".bin", "vitest");
  for (let r = 0; r < repetitions; r++) {
    const cache = mkdtempSync(join(tmpdir(), "ekyc-bench-cache-"));
    const out = mkdtempSync(join(tmpdir(), "ekyc-bench-out-"));
    try {
      for (const phase of ["cold", "warm"] as const) {
        const run = await runChild(process.execPath, [bin, "run", "--target", "fixtures", "--quiet", "--out", out], {
          env: { EKYC_IMAGE_CACHE_DIR: cache },
          timeoutMs: 600_000,
        });
        cli.push(gate(phase, run));
        log(
          `offline: run --target fixtures (${phase} image cache): ${(run.wallMs / 1000).toFixed(1)} s, peak ${run.peakRssMb.toFixed(0)} MB, exit ${run.code}`,
        );
      }
      const s = await runChild(vitest, ["run", "--project", "suites:fixtures", "--reporter", "dot"], {
        env: { EKYC_IMAGE_CACHE_DIR: cache },
        timeoutMs: 600_000,
      });
      suites.push(gate("warm", s));
      log(
        `offline: vitest --project suites:fixtures: ${(s.wallMs / 1000).toFixed(1)} s, peak ${s.peakRssMb.toFixed(0)} MB, exit ${s.code}`,
      );
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
    const harnessCache = mkdtempSync(join(tmpdir(), "ekyc-bench-cache-"));
    try {
      const h = await runChild(TSX, [join(ROOT, "scripts", "bench", "offline-harness.ts")], {
        env: { EKYC_IMAGE_CACHE_DIR: harnessCache },
        timeoutMs: 600_000,
      });
      const line = h.stdout.trim().split("\n").at(-1) ?? "";
      if (h.code === 0 && line.startsWith("{")) {
        breakdown.push({ ...(JSON.parse(line) as Record<string, unknown>), wallMs: h.wallMs, peakRssMb: h.peakRssMb });
        log(`offline: breakdown harness: ${(h.wallMs / 1000).toFixed(1)} s`);
      } else log(`offline: breakdown harness failed: exit ${h.code} ${h.stderr.split("\n").slice(-3).join(" ")}`);
    } finally {
      rmSync(harnessCache, { recursive: true, force: true });
    }
  }
  return {
    command: "node bin/ekyc-conformance.js run --target fixtures --quiet --out <tmp>",
    cli,
    suitesCommand: "vitest run --project suites:fixtures",
    suites,
    breakdown,
  };
}
