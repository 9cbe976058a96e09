// `npm run bench`: every performance measurement of the kit in one process tree, several repetitions each; writes
// docs/benchmarks.json (raw figures + medians) and docs/benchmarks.md. Knobs (environment):
//   BENCH_REPS (3)             repetitions of each measurement
//   BENCH_SECTIONS             comma list among validation,fuzz,offline,specs,images,prism,live,package (default: all)
//   BENCH_VALIDATION_MS (400)  minimum timed window per validator per repetition
//   BENCH_FUZZ_RUNS (100)      fuzz cases per repetition of the kit-vs-bare-client comparison
//   BENCH_FUZZ_GROWTH          fuzz run counts for the growth series (default 100,1000; e.g. 100,1000,10000)
//   BENCH_SPEC_FACTORS         synthetic spec multipliers (default 1,10,100)
//   BENCH_OFFLINE_REPS (2)     repetitions of the offline gate (each: a cold and a warm CLI run, the suites, the harness)
//   BENCH_CANNON_S (3)         autocannon duration per connection count
//   BENCH_MAIN_REPS (2)        repetitions of the main job (`run` against the embedded sandbox)
//   BENCH_LIVE_REPS (1)        repetitions of each latency run (`run --target live` against a slowed sandbox)
//   BENCH_LIVE_CONCURRENCY     --concurrency values of the latency runs (default 1,4,8)
//   BENCH_LIVE_LATENCY_MS (200) latency the sandbox adds to every request in the latency runs
//   BENCH_OUT (docs)           where benchmarks.{md,json} are written
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { ROOT, env, log, machine, summary, type Summary } from "./lib.ts";
import { render } from "./render.ts";

// `tsx scripts/bench/index.ts --render`: re-render benchmarks.md from an existing benchmarks.json (no measuring).
if (process.argv.includes("--render")) {
  const { readFileSync } = await import("node:fs");
  const dir = process.env["BENCH_OUT"] ? join(process.cwd(), process.env["BENCH_OUT"]) : join(ROOT, "docs");
  writeFileSync(
    join(dir, "benchmarks.md"),
    render(JSON.parse(readFileSync(join(dir, "benchmarks.json"), "utf8")) as never),
  );
  process.exit(0);
}
const started = new Date();
const t0 = Date.now();
const reps = env("BENCH_REPS", 3);
const sections = new Set(
  (process.env["BENCH_SECTIONS"] ?? "validation,fuzz,offline,specs,images,prism,live,package")
    .split(",")
    .map((s) => s.trim()),
);
const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(",")
    .map(Number)
    .filter((n) => n > 0);

// `java -version` writes to standard error.
const javaProbe = spawnSync("java", ["-version"], { encoding: "utf8" });
const java: string | null = javaProbe.error
  ? null
  : `${javaProbe.stderr ?? ""}${javaProbe.stdout ?? ""}`.split("\n")[0]?.trim() || null;
const machineAtStart = machine(java);
const raw: Record<string, unknown> = {};
const errors: Record<string, string> = {};
const loads: Record<string, number[]> = {};

async function section<T>(name: string, run: () => Promise<T> | T): Promise<T | undefined> {
  if (!sections.has(name)) return undefined;
  log(`${name}: start`);
  const start = Date.now();
  try {
    const value = await run();
    raw[name] = value;
    return value;
  } catch (error) {
    errors[name] = (error as Error).stack?.split("\n").slice(0, 3).join(" | ") ?? String(error);
    log(`${name}: FAILED: ${errors[name]}`);
    return undefined;
  } finally {
    loads[name] = loadavg().map((l) => Math.round(l * 100) / 100);
    log(`${name}: done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}

const validation = await section("validation", async () =>
  (await import("./validation.ts")).validationBench(reps, env("BENCH_VALIDATION_MS", 400), log),
);
const bodies = sections.has("specs") ? (await import("./validation.ts")).buildCorpus().map((i) => i.body) : [];
const fuzz = await section("fuzz", async () =>
  (await import("./fuzz.ts")).fuzzBench(
    {
      repetitions: reps,
      runs: env("BENCH_FUZZ_RUNS", 100),
      growth: list("BENCH_FUZZ_GROWTH", "100,1000"),
      cannonSeconds: env("BENCH_CANNON_S", 3),
    },
    log,
  ),
);
await section("specs", async () =>
  (await import("./specs.ts")).specBench(reps, list("BENCH_SPEC_FACTORS", "1,10,100"), log, bodies),
);
const images = await section("images", async () => (await import("./images.ts")).imageBench(reps, log));
await section("prism", async () => (await import("./prism.ts")).prismBench(Math.min(reps, 2), log));
const offline = await section("offline", async () =>
  (await import("./offline.ts")).offlineBench(env("BENCH_OFFLINE_REPS", 2), log),
);
const live = await section("live", async () =>
  (await import("./live.ts")).liveBench(
    {
      mainRepetitions: env("BENCH_MAIN_REPS", 2),
      repetitions: env("BENCH_LIVE_REPS", 1),
      concurrency: list("BENCH_LIVE_CONCURRENCY", "1,4,8"),
      latencyMs: env("BENCH_LIVE_LATENCY_MS", 200),
    },
    log,
  ),
);
const pkg = await section("package", async () => (await import("./package.ts")).packageBench(reps, log));

const med = (values: number[] | undefined): number => summary(values ?? []).median;
const medians: Record<string, number> = {};
const spreads: Record<string, Summary> = {};
const put = (key: string, values: number[]) => {
  const s = summary(values);
  medians[key] = s.median;
  spreads[key] = s;
};
if (validation) {
  // The kit's contenders come first and are named "kit ..."; the rest are peers.
  const kit = Object.values(validation.perSecond)[0]!;
  const peers = Object.entries(validation.perSecond).filter(([name]) => !name.startsWith("kit"));
  const best = peers.map(([name, v]) => ({ name, median: med(v) })).sort((a, b) => b.median - a.median)[0];
  put("validation_kit_per_s", kit);
  put("validation_json_parse_per_s", validation.jsonParsePerSecond);
  for (const [name, v] of peers) put(`validation_peer_per_s:${name}`, v);
  if (best) {
    const bestValues = validation.perSecond[best.name]!;
    put(
      "validation_ratio_vs_best_peer",
      kit.map((k, i) => k / bestValues[i]!),
    );
    medians["validation_best_peer"] = NaN;
    raw["validation_best_peer_name"] = best.name;
  }
  put(
    "validation_ratio_vs_json_parse",
    kit.map((k, i) => validation.jsonParsePerSecond[i]! / k),
  );
  put(
    "validation_valid_only_ratio_vs_json_parse",
    validation.kitValidOnlyPerSecond.map((k, i) => validation.jsonParseValidOnlyPerSecond[i]! / k),
  );
  delete medians["validation_best_peer"];
}
if (fuzz) {
  put("fuzz_ratio_vs_bare_client", fuzz.ratio);
  put(
    "fuzz_kit_cases_per_s",
    fuzz.kit.map((k) => k.casesPerSecond),
  );
  put(
    "fuzz_bare_requests_per_s",
    fuzz.bare.map((b) => b.requestsPerSecond),
  );
  for (const a of fuzz.autocannon) medians[`fuzz_autocannon_requests_per_s:${a.connections}`] = a.requestsPerSecond;
}
if (offline) {
  const warm = offline.cli.filter((c) => c.cache === "warm");
  const cold = offline.cli.filter((c) => c.cache === "cold");
  put(
    "offline_run_s",
    warm.map((c) => c.wallS),
  );
  put(
    "offline_run_cold_s",
    cold.map((c) => c.wallS),
  );
  put(
    "offline_peak_rss_mb",
    offline.cli.map((c) => c.peakRssMb),
  );
  put(
    "offline_cpu_s",
    warm.flatMap((c) => (c.cpuS === undefined ? [] : [c.cpuS])),
  );
  put(
    "offline_suites_s",
    offline.suites.map((c) => c.wallS),
  );
  put(
    "offline_suites_peak_rss_mb",
    offline.suites.map((c) => c.peakRssMb),
  );
  put(
    "spec_load_ms",
    offline.breakdown.map((b) => Number(b["specMs"])),
  );
}
if (live) {
  put(
    "main_job_s",
    live.runs.filter((r) => r.concurrency === "main").map((r) => r.wallS),
  );
  put(
    "main_job_peak_rss_mb",
    live.runs.filter((r) => r.concurrency === "main").map((r) => r.peakRssMb),
  );
  for (const c of new Set(live.runs.map((r) => r.concurrency))) {
    if (c !== "main")
      put(
        `live_run_s_latency${live.latencyMs}_c${c}`,
        live.runs.filter((r) => r.concurrency === c).map((r) => r.wallS),
      );
  }
}
if (pkg) {
  put("package_tarball_kb", [pkg.tarballKb]);
  put("cli_help_s", pkg.helpS);
  put("cli_help_cpu_s", pkg.helpCpuS);
  put("node_start_s", pkg.nodeS);
}
if (images)
  for (const row of images) {
    put(`image_cold_ms:${row.name}`, row.cold.ms);
    put(`image_cached_ms:${row.name}`, row.cached.ms);
  }

const result = {
  command: "npm run bench",
  date: started.toISOString(),
  durationS: (Date.now() - t0) / 1000,
  knobs: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("BENCH_"))),
  repetitions: reps,
  machine: machineAtStart,
  loadAverageAfterSection: loads,
  medians,
  spreads,
  errors,
  raw,
};
const outDir = process.env["BENCH_OUT"] ? join(process.cwd(), process.env["BENCH_OUT"]) : join(ROOT, "docs");
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "benchmarks.json"), JSON.stringify(result, null, 2) + "\n");
writeFileSync(join(outDir, "benchmarks.md"), render(result as never));
log(`wrote ${join(outDir, "benchmarks.json")} and benchmarks.md in ${result.durationS.toFixed(0)} s`);
process.exit(0);
