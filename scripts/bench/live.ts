// (d) Runs against the sandbox over HTTP: the README's main job (`run`, embedded sandbox) and `run --target live`
// pointed at a sandbox that answers every request `latencyMs` late, at several --concurrency limits, so the cost
// of a nightly run against a slow vendor is known. Cases that need a recognisable face are skipped there (no
// CONFORMANCE_FACE_IMAGE), as on a live run without one.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox } from "../../src/sandbox/index.ts";
import { sandboxSummary } from "../../src/sandbox/cli.ts";
import { ROOT, runChild, type ChildRun } from "./lib.ts";

export interface LiveRun {
  /** "main" (embedded sandbox) or the --concurrency of a latency run. */
  concurrency: number | "main";
  code: number | null;
  wallS: number;
  peakRssMb: number;
  cpuS?: number;
  /** Requests the sandbox received (latency runs). */
  requests?: number;
  cases: Record<string, number>;
}

export interface LiveFigures {
  latencyMs: number;
  command: string;
  mainCommand: string;
  runs: LiveRun[];
}

const BIN = join(ROOT, "bin", "ekyc-conformance.js");

function casesOf(out: string): Record<string, number> {
  try {
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { cases: { status: string }[] };
    const counts: Record<string, number> = {};
    for (const c of results.cases) counts[c.status] = (counts[c.status] ?? 0) + 1;
    return counts;
  } catch {
    return {};
  }
}

function row(concurrency: LiveRun["concurrency"], r: ChildRun, out: string, requests?: number): LiveRun {
  return {
    concurrency,
    code: r.code,
    wallS: r.wallMs / 1000,
    peakRssMb: r.peakRssMb,
    ...(r.userS !== undefined ? { cpuS: r.userS + (r.sysS ?? 0) } : {}),
    ...(requests !== undefined ? { requests } : {}),
    cases: casesOf(out),
  };
}

export async function liveBench(
  options: { mainRepetitions: number; repetitions: number; concurrency: number[]; latencyMs: number },
  log: (m: string) => void,
): Promise<LiveFigures> {
  const runs: LiveRun[] = [];
  const work = mkdtempSync(join(tmpdir(), "ekyc-bench-live-"));
  try {
    for (let r = 0; r < options.mainRepetitions; r++) {
      const out = join(work, `main-${r}`);
      const run = await runChild(process.execPath, [BIN, "run", "--quiet", "--out", out], { timeoutMs: 900_000 });
      runs.push(row("main", run, out));
      log(
        `live: main job (run, embedded sandbox): ${(run.wallMs / 1000).toFixed(1)} s, peak ${run.peakRssMb.toFixed(0)} MB, exit ${run.code}`,
      );
    }
    const sandbox = await startSandbox({ port: 0, faults: [{ kind: "delay", delayMs: options.latencyMs }] });
    const s = sandboxSummary(sandbox) as Record<string, Record<string, string>>;
    const env = {
      CONFORMANCE_TARGET: "live",
      ADVANCE_BASE_URL: s.advance!.baseUrl!,
      ADVANCE_ACCESS_KEY: s.advance!.accessKey!,
      ADVANCE_SECRET_KEY: s.advance!.secretKey!,
      ZOLOZ_BASE_URL: s.zoloz!.baseUrl!,
      ZOLOZ_CLIENT_ID: s.zoloz!.clientId!,
      ZOLOZ_MERCHANT_PRIVATE_KEY: s.zoloz!.merchantPrivateKeyPath!,
      ZOLOZ_PLATFORM_PUBLIC_KEY: s.zoloz!.platformPublicKeyPath!,
      UQUDO_BASE_URL: s.uqudo!.baseUrl!,
      UQUDO_AUTH_URL: s.uqudo!.authUrl!,
      UQUDO_CLIENT_ID: s.uqudo!.clientId!,
      UQUDO_CLIENT_SECRET: s.uqudo!.clientSecret!,
    };
    try {
      for (let r = 0; r < options.repetitions; r++) {
        for (const c of options.concurrency) {
          const out = join(work, `live-c${c}-${r}`);
          sandbox.reset();
          sandbox.clearRequests();
          const run = await runChild(
            process.execPath,
            [
              BIN,
              "run",
              "--target",
              "live",
              "--concurrency",
              String(c),
              "--quiet",
              "--out",
              out,
              "--journal",
              join(out, "journal.jsonl"),
            ],
            { env, timeoutMs: 1_800_000 },
          );
          runs.push(row(c, run, out, sandbox.requests.length));
          log(
            `live: ${options.latencyMs} ms latency, --concurrency ${c}: ${(run.wallMs / 1000).toFixed(1)} s, ${sandbox.requests.length} requests, exit ${run.code}`,
          );
        }
      }
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    latencyMs: options.latencyMs,
    mainCommand: "node bin/ekyc-conformance.js run --quiet --out <tmp>",
    command:
      "node bin/ekyc-conformance.js run --target live --concurrency <c> --quiet --out <tmp> (sandbox answering every request <latency> ms late)",
    runs,
  };
}
