// Renders docs/benchmarks.md from the figures of one `npm run bench` run (docs/benchmarks.json).
import type { Summary } from "./lib.ts";
import { TARGETS, meets } from "./targets.ts";
import { renderPackage, type PackageBench } from "./package.ts";

type Obj = Record<string, any>;
interface Result {
  command: string;
  date: string;
  durationS: number;
  knobs: Record<string, string>;
  repetitions: number;
  machine: Obj;
  loadAverageAfterSection: Record<string, number[]>;
  medians: Record<string, number>;
  spreads: Record<string, Summary>;
  errors: Record<string, string>;
  raw: Obj;
}

const f = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? "–" : n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(digits);
const pct = (n: number | undefined): string =>
  n === undefined || !Number.isFinite(n) ? "–" : `${Math.round(n * 100)} %`;
const med = (values: number[] = []): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (values: number[] = []): string => {
  if (values.length < 2) return "";
  const m = med(values);
  return ` (${f(Math.min(...values))}–${f(Math.max(...values))})`.replace(/^/, m ? "" : "");
};
const ms = (values: number[] = []): string => `${f(med(values))}${spread(values)}`;

function target(ok: boolean | undefined): string {
  return ok === undefined ? "not measured" : ok ? "**met**" : "**not met**";
}

export function render(r: Result): string {
  const m = r.medians;
  const s = r.spreads;
  const v = r.raw.validation as Obj | undefined;
  const fz = r.raw.fuzz as Obj | undefined;
  const off = r.raw.offline as Obj | undefined;
  const sp = r.raw.specs as Obj | undefined;
  const im = r.raw.images as Obj[] | undefined;
  const pr = r.raw.prism as Obj | undefined;
  const lv = r.raw.live as Obj | undefined;
  const L: string[] = [];
  const row = (...cells: (string | number)[]) => L.push(`| ${cells.join(" | ")} |`);
  const sm = (key: string, digits = 1) =>
    s[key] ? `${f(s[key]!.median, digits)} (${f(s[key]!.min, digits)}–${f(s[key]!.max, digits)}, n=${s[key]!.n})` : "–";

  L.push("# Benchmarks", "");
  L.push(
    `Figures from one run of \`${r.command}\`${
      Object.keys(r.knobs).length
        ? ` with ${Object.entries(r.knobs)
            .map(([k, x]) => `${k}=${x}`)
            .join(" ")}`
        : ""
    } on ${r.date.slice(0, 10)} (${r.date.slice(11, 16)} UTC), which took ${f(r.durationS / 60)} minutes. ` +
      `Medians, with the range (min–max) and the number of repetitions in brackets. Regenerate with \`npm run bench\`; raw figures are in [benchmarks.json](benchmarks.json).`,
    "",
  );
  const mc = r.machine;
  L.push(
    `**Machine:** ${mc.cpuModel}, ${mc.cpus} CPUs, ${mc.memoryGb} GB RAM (${mc.freeMemoryGb} GB free at start), ${mc.platform}, Node ${mc.node}; Java: ${String(mc.java ?? "absent").split("\n")[0]}; wrk: ${mc.wrk ? "present" : "absent (autocannon used)"}. ` +
      `Load average at start ${mc.loadAverageAtStart.join(" / ")}; after each section: ${Object.entries(
        r.loadAverageAfterSection,
      )
        .map(([k, x]) => `${k} ${x[0]}`)
        .join(", ")}. ` +
      (Math.max(...mc.loadAverageAtStart) >= mc.cpus / 2
        ? `The machine was busy when this started: wall-clock figures are pessimistic and noisy, ratios measured side by side in one process are the robust part.`
        : `Nothing else ran on the machine: the load is the bench's own.`),
    "",
  );
  if (Object.keys(r.errors).length) {
    L.push("**Sections that failed in this run:**", "");
    for (const [k, e] of Object.entries(r.errors)) L.push(`- ${k}: \`${e.slice(0, 300)}\``);
    L.push("");
  }

  // ------------------------------------------------------------------ targets
  L.push("## Targets", "");
  row("target", "figure (median)", "state");
  row("---", "---", "---");
  for (const x of TARGETS)
    row(
      `${x.label} ${x.op.replace("<=", "≤").replace(">=", "≥")} ${x.limit}${x.unit === "×" ? "×" : ` ${x.unit}`}`,
      `\`${x.key}\` ${sm(x.key, x.unit === "×" ? 2 : 1)}${x.unit === "×" ? "" : ` ${x.unit}`}`,
      target(meets(x, m[x.key])),
    );
  const growth = (fz?.growth as Obj[] | undefined) ?? [];
  const perCase = growth.map((g) => g.ms / g.cases);
  const lin = sp?.linearity as Obj | undefined;
  row(
    "linear growth: fuzz runs",
    `${growth.map((g) => `${g.runs} runs ${f(g.ms / 1000)} s`).join(", ") || "–"} (ms per case ${perCase.map((x) => f(x)).join(" → ")})`,
    target(perCase.length < 2 ? undefined : Math.max(...perCase) / Math.min(...perCase) < 1.5),
  );
  row(
    "linear growth: spec size",
    `marginal load cost per added operation ${(lin?.marginalMsPerOperation as number[] | undefined)?.map((x) => `${f(x)} ms`).join(" → ") ?? "–"} from ×1 to ×10 to ×100 operations`,
    target(lin === undefined ? undefined : lin.maxOverMin < 1.5),
  );
  L.push("");

  // ------------------------------------------------------------------ (a)
  if (v) {
    L.push("## (a) Response validation throughput", "");
    const c = v.corpus;
    L.push(
      `One fixed corpus of **${c.bodies}** response bodies (${f(c.bytes / 1024)} KiB) over ${c.operations} operations: ${c.recorded} recorded fixture responses, ${c.examples} documented examples and ${c.mutants} generated mutants (a dropped key, a type-confused value, one nested level; the kit finds ${c.validPerKit} valid). ` +
        "Every validator gets the same three spec documents and bodies and answers valid/invalid for the body at its operation and status. The kit is `spec.validateResponseBody`: a first-error ajv validator (compiled at load) answers valid/invalid, and only for a body it rejects the allErrors + verbose validator (compiled on first need) runs and the findings with spec pointers are built — the kit's whole answer, findings included, is what is timed. “kit before the fast path” is the same call with every body through the allErrors + verbose validator (`loadReferenceSpecs`), as it was before.",
      "",
    );
    if (v.fastPath)
      L.push(
        `**Fast path vs before, checked before timing:** on all ${v.fastPath.bodies} bodies, ${v.fastPath.verdictDifferences} different verdicts and ${v.fastPath.findingDifferences} different finding lists${v.fastPath.samples.length ? ` (e.g. ${v.fastPath.samples[0]})` : ""}; \`test/spec-fast-path.test.ts\` holds the same on every \`npm test\`, request bodies included.`,
        "",
      );
    row("validator", "validations/s", "× kit");
    row("---", "---", "---");
    const kitMed = med(Object.values(v.perSecond as Record<string, number[]>)[0]);
    for (const [name, values] of Object.entries(v.perSecond as Record<string, number[]>))
      row(name, ms(values), f(med(values) / kitMed, 2));
    row("JSON.parse of the same bodies (floor)", ms(v.jsonParsePerSecond), f(med(v.jsonParsePerSecond) / kitMed, 2));
    row("kit, bodies it finds valid only", ms(v.kitValidOnlyPerSecond), "");
    row("JSON.parse, the same valid bodies", ms(v.jsonParseValidOnlyPerSecond), "");
    L.push(
      "",
      `Peer set-up (compilation) time: ${Object.entries(v.setupMs as Record<string, number>)
        .map(([k, x]) => `${k} ${f(x, 0)} ms`)
        .join(", ")}.`,
      "",
    );
    L.push("**Agreement before timing.** With the spec documents exactly as written:", "");
    for (const [name, e] of Object.entries(v.asWritten.setupErrors as Record<string, string>))
      L.push(`- ${name}: cannot load them: \`${e}\``);
    for (const a of v.asWritten.agreement as Obj[])
      L.push(
        `- ${a.validator}: ${a.disagreements} disagreements (kit valid/peer invalid ${a.kitValidPeerInvalid}, kit invalid/peer valid ${a.kitInvalidPeerValid})${a.samples[0] ? `, e.g. ${a.samples[0].id} ${a.samples[0].status}: \`${a.samples[0].text.slice(0, 110)}\`` : ""}`,
      );
    L.push(
      "",
      `The cause is \`nullable: true\` without \`type\` (${v.compatible.nullableDropped} places): legal OpenAPI 3.0 but refused by ajv 8 inside every peer. openapi-backend throws; Prism's validator swallows the compile error and passes every ADVANCE body, including broken ones; openapi-response-validator's non-strict ajv ignores \`nullable\` and rejects \`null\` where the spec allows it. The timed comparison gives the peers a copy with those keywords dropped (meaning unchanged); agreement then:`,
      "",
    );
    for (const a of v.compatible.agreement as Obj[])
      L.push(
        `- ${a.validator}: ${a.disagreements} disagreements (kit valid/peer invalid ${a.kitValidPeerInvalid}, kit invalid/peer valid ${a.kitInvalidPeerValid})${a.samples[0] ? `, e.g. ${a.samples[0].id} ${a.samples[0].status}: \`${a.samples[0].text.slice(0, 110)}\`` : ""}`,
      );
    L.push("");
  }

  // ------------------------------------------------------------------ (b)
  if (fz) {
    L.push("## (b) Fuzzing throughput against the local sandbox", "");
    L.push(
      `\`runFuzz\` of \`${fz.operation}\` (family ${fz.family}), ${fz.runsPerRepetition} cases per repetition, a new seed each time: generate, build (images from the cache), send, check every response, redact. ` +
        `The kit sent ${f(fz.requestsPerCase, 2)} requests per case (token and clean-up calls included). The bare client replays exactly the captured requests with \`fetch\`, sequentially, reading each body and checking nothing.`,
      "",
    );
    row("path", "rate");
    row("---", "---");
    row("kit, fuzz cases/s", ms((fz.kit as Obj[]).map((k) => k.casesPerSecond)));
    row("bare fetch client, requests/s", ms((fz.bare as Obj[]).map((k) => k.requestsPerSecond)));
    row("kit ÷ bare, requests/s over the same requests", ms(fz.ratio));
    for (const a of fz.autocannon as Obj[])
      row(
        `autocannon, ${a.connections} connection${a.connections > 1 ? "s" : ""} (one captured request repeated), requests/s`,
        `${f(a.requestsPerSecond)} (non-2xx ${a.non2xx}, errors ${a.errors})`,
      );
    const perCaseReq = med((fz.kit as Obj[]).map((k) => k.casesPerSecond)) * fz.requestsPerCase;
    L.push(
      "",
      `Counted per request, the kit reaches ${f(perCaseReq)} requests/s against the bare client's ${f(med((fz.bare as Obj[]).map((k) => k.requestsPerSecond)))}. autocannon repeats one captured request (the same image every time), so it measures the sandbox's ceiling for that one request rather than for the fuzz mix; every request carries a face image the sandbox decodes to judge it.`,
      "",
    );
  }

  // ------------------------------------------------------------------ (c)
  if (off) {
    L.push("## (c) The offline gate", "");
    L.push(
      `\`${off.command}\` and \`${off.suitesCommand}\` as child processes; peak RSS is the largest sum of resident sets over the process tree (vitest forks workers), sampled every 50 ms from /proc. “cold” starts from an empty image cache directory (EKYC_IMAGE_CACHE_DIR), “warm” re-runs with it.`,
      "",
    );
    row("command", "cache", "wall s", "CPU s", "peak RSS MB", "exit", "cases");
    row("---", "---", "---", "---", "---", "---", "---");
    for (const c of off.cli as Obj[])
      row("`run --target fixtures --quiet`", c.cache, f(c.wallS), f(c.cpuS), f(c.peakRssMb, 0), c.code, c.summary);
    for (const c of off.suites as Obj[])
      row(
        "`vitest run --project suites:fixtures`",
        c.cache,
        f(c.wallS),
        f(c.cpuS),
        f(c.peakRssMb, 0),
        c.code,
        c.summary,
      );
    const b = (off.breakdown as Obj[]) ?? [];
    if (b.length) {
      L.push(
        "",
        "**Breakdown** (bench-only harness `scripts/bench/offline-harness.ts`: the same cases, flows and fuzz properties run in one process without vitest; images = cold pass minus warm pass, outside requests; checks re-run on the captured exchanges):",
        "",
      );
      row("phase", "ms (median)");
      row("---", "---");
      const pick = (k: string) => ms(b.map((x) => Number(x[k])));
      row("process start + module imports", pick("startupMs"));
      row("spec loading and validator compilation (3 specs)", pick("specMs"));
      row("suite declarations", pick("catalogMs"));
      row(`image generation (${f(med(b.map((x) => x.imageRenders)), 0)} renders)`, pick("imageMs"));
      row(`requests (fixture replay through nock, ${f(med(b.map((x) => x.requests)), 0)} requests)`, pick("requestMs"));
      row("checks", pick("checksMs"));
      row("build, fast-check, redaction (rest of a warm pass)", pick("otherMs"));
      row("results.json + HTML report", pick("reportMs"));
      row("whole harness, wall", pick("wallMs"));
      L.push(
        "",
        "What the CLI adds on top of the harness is vitest: its start-up, one fork per worker with its own module graph and spec compilation, and reporters.",
        "",
      );
    }
  }

  // ------------------------------------------------------------------ (d)
  if (fz || sp) {
    L.push("## (d) Growth", "");
    if (growth.length) {
      row("fuzz runs", "wall s", "ms per case", "requests");
      row("---", "---", "---", "---");
      for (const g of growth) row(g.runs, f(g.ms / 1000, 2), f(g.ms / g.cases, 2), g.requests);
      L.push("");
    }
    if (sp) {
      row("spec", "operations", "bytes", "loadSpecText ms", "ms per operation");
      row("---", "---", "---", "---", "---");
      for (const x of sp.sizes as Obj[]) row(x.name, x.operations, f(x.bytes, 0), ms(x.loadMs), f(x.msPerOperation, 2));
      L.push(
        "",
        `Marginal cost per added operation between successive synthetic sizes: ${(sp.linearity.marginalMsPerOperation as number[]).map((x) => `${f(x, 2)} ms`).join(" → ")} (max/min ${f(sp.linearity.maxOverMin, 2)}).`,
        "",
      );
      L.push(
        "**Validator compilation and precompiled code.** ajv standalone code generated once from the kit's converted schemas (same ajv options), written under `.conformance/cache/bench-validators/<vendor>-<sha256 of the spec>.cjs` and loaded in its place:",
        "",
      );
      row(
        "spec",
        "validators",
        "full load ms",
        "of which ajv compile ms",
        "generate once ms",
        "module KiB",
        "load precompiled ms",
        "same verdicts",
      );
      row("---", "---", "---", "---", "---", "---", "---", "---");
      for (const p of sp.precompiled as Obj[])
        row(
          p.vendor,
          p.schemas,
          ms(p.loadMs),
          ms(p.compileMs),
          f(p.generateMs, 0),
          f(p.moduleBytes / 1024),
          ms(p.loadPrecompiledMs),
          p.agree ? "yes" : "**no**",
        );
      L.push(
        "",
        "Precompiling removes the ajv part only; YAML parsing with line numbers, convention checks and schema conversion remain. It is not implemented in production: the saving is a fraction of a second per process, small against the offline run (see (c)).",
        "",
      );
    }
  }

  // ------------------------------------------------------------------ (e)
  if (im) {
    L.push("## (e) Images", "");
    L.push(
      "`renderImage` in a fresh process per measurement; cold = empty EKYC_IMAGE_CACHE_DIR, cached = a second process reading the same directory. Peak RSS of the whole process (tsx + sharp included; a cached read peaks near the process's baseline).",
      "",
    );
    row("image", "bytes", "cold ms", "cold peak MB", "cached ms", "cached peak MB");
    row("---", "---", "---", "---", "---", "---");
    for (const x of im)
      row(x.name, f(x.bytes, 0), ms(x.cold.ms), ms(x.cold.peakRssMb), ms(x.cached.ms), ms(x.cached.peakRssMb));
    L.push("");
  }

  // ------------------------------------------------------------------ (f)
  if (pr) {
    L.push("## (f) A peer tool end to end: Prism validation proxy", "");
    L.push(
      `${pr.tool} started from node_modules/.bin/prism (its pid killed afterwards) in front of the sandbox's uqudo API, started in ${f(pr.startMs / 1000)} s. Given the ${pr.requests} requests the kit's uqudo suites send to the uqudo API (operations ${(pr.operations as string[]).map((o) => `\`${o}\``).join(", ")}; the OAuth token endpoint lives on another server and is left out):`,
      "",
    );
    row("path", "ms per checked request");
    row("---", "---");
    row("through Prism (validates request and response)", ms(pr.msPerRequest.prism));
    row("straight to the sandbox, no checks", ms(pr.msPerRequest.direct));
    row("kit (build, send, all checks, redaction), per request", ms(pr.msPerRequest.kit));
    L.push(
      "",
      `Without mutations Prism flagged ${pr.baseline.flaggedByPrism} responses and answered ${pr.baseline.requestRejectedByPrism} of the ${pr.requests} requests itself instead of forwarding them (mostly the kit's negative cases, which send invalid input on purpose)${pr.baseline.rejectionSamples?.length ? `, e.g. ${(pr.baseline.rejectionSamples as string[]).map((x) => `“${x.replace(/\|/g, "/")}”`).join("; ")}` : ""}: those responses are never checked. The kit failed ${pr.baseline.kitFailedCases} of ${pr.baseline.cases} cases. With a mutation injected by the sandbox (the kit runs the cases of the affected operations):`,
      "",
    );
    row("mutation", "Prism: responses flagged", "Prism: requests not forwarded", "kit: failed cases", "what each said");
    row("---", "---", "---", "---", "---");
    for (const x of pr.mutations as Obj[])
      row(
        `\`${x.name}\``,
        `${x.prismFlagged} of ${pr.requests}`,
        x.prismRejectedRequests ?? "–",
        `${x.kitFailedCases} of ${x.kitCases}`,
        `Prism: ${x.prismSample[0] ? `“${x.prismSample[0]}”` : "nothing"}; kit: ${x.kitSample[0] ? `“${String(x.kitSample[0]).replace(/\|/g, "/")}”` : "nothing"}`,
      );
    L.push(
      "",
      "Specmatic (Java 17 is present) was not run: it generates its own requests from the spec's examples, so “the same operations checked” would not be the same requests; Prism's proxy checks exactly the kit's traffic.",
      "",
    );
  }

  // ------------------------------------------------------------------ live
  if (lv) {
    L.push("## (g) Runs over HTTP: the main job and a slow vendor", "");
    L.push(
      `\`${lv.mainCommand}\` (the README's main job), and \`${lv.command}\` with ${lv.latencyMs} ms, as child processes (peak RSS over the process tree). The sandbox runs in the bench process and delays every request, token calls included; without \`CONFORMANCE_FACE_IMAGE\` the live target skips the cases that need a recognisable face, as a user's run without a photo would.`,
      "",
    );
    row("run", "wall s", "CPU s", "peak RSS MB", "requests", "exit", "cases");
    row("---", "---", "---", "---", "---", "---", "---");
    for (const x of lv.runs as Obj[])
      row(
        x.concurrency === "main"
          ? "main job (embedded sandbox)"
          : `${lv.latencyMs} ms latency, --concurrency ${x.concurrency}`,
        f(x.wallS),
        f(x.cpuS),
        f(x.peakRssMb, 0),
        x.requests ?? "–",
        x.code ?? "killed",
        Object.entries(x.cases as Record<string, number>)
          .map(([k, n]) => `${k} ${n}`)
          .join(", "),
      );
    L.push("");
  }

  // ------------------------------------------------------------------ every median
  L.push("## Every median", "");
  L.push("Each key of `medians` in benchmarks.json, with its range and number of samples (`spreads`).", "");
  row("key", "median", "range", "n");
  row("---", "---", "---", "---");
  for (const [k, x] of Object.entries(m))
    row(`\`${k}\``, f(x, 2), s[k] ? `${f(s[k]!.min, 2)}–${f(s[k]!.max, 2)}` : "–", s[k]?.n ?? 1);
  L.push("");

  // ------------------------------------------------------------------ analysis
  L.push("## Where the time and memory go", "");
  const missed = (key: string) => {
    const t = TARGETS.find((x) => x.key === key);
    return t !== undefined && meets(t, m[key]) === false;
  };
  const state = (key: string) => (missed(key) ? "not met" : "met");
  const b0 = (off?.breakdown as Obj[] | undefined) ?? [];
  if (off && b0.length) {
    const pick = (k: string) => med(b0.map((x) => Number(x[k])));
    L.push(
      `- **Offline run time** (target ${state("offline_run_s")}). In the one-process harness, the ${f(pick("requests"), 0)} requests take ${f(pick("requestMs") / 1000)} s of a ${f(pick("warmPassMs") / 1000)} s warm pass (${f(pick("requestMs") / pick("requests"), 1)} ms per request, answered in-process from the recording: building and serialising the body, redacting it and comparing it with the recording, RSA-signing ZOLOZ requests and replayed answers), against ${f(pick("checksMs"))} ms for all checks. Start-up and spec loading take ${f((pick("startupMs") + pick("specMs")) / 1000)} s of the harness. The CLI (${f(m.offline_run_s)} s) runs the same work in vitest's worker threads (CPUs − 1 of them for a replay: ${Math.max(1, r.machine.cpus - 1)} here), adding vitest's start-up and a module graph per worker: that fixed part, not the checks, is most of what is left.`,
    );
    L.push(
      `- **Offline peak RSS** (target ${state("offline_peak_rss_mb")}). ${f(m.offline_peak_rss_mb, 0)} MB for one process: the CLI with vitest, and its worker threads, each with its own V8 heap, module graph, specs and fixture index (the one-process harness, one heap, peaks at ${f(pick("peakRssMb"), 0)} MB). On top, the size-limit cases send images of up to 5 MB: a body is held as bytes, as Base64 text and as JSON in flight, and V8 returns such large objects only at its next full collection. \Each further worker adds its own heap.`,
    );
  }
  if (missed("main_job_s"))
    L.push(
      `- **Main job** (target not met, ${f(m.main_job_s)} s). The embedded sandbox answers on the CLI's main thread while two workers send, so three busy threads share the 2 CPUs; every image is parsed from JSON, its Base64 checked and decoded and the picture inspected by the sandbox, on top of everything the fixtures run does.`,
    );
  if (v) {
    L.push(
      `- **Validation speed** (targets ${state("validation_ratio_vs_best_peer")} and ${state("validation_ratio_vs_json_parse")}). On the bodies the kit finds valid it runs at ${f(m.validation_valid_only_ratio_vs_json_parse)}× the JSON.parse time; on the whole corpus (${pct(1 - v.corpus.validPerKit / v.corpus.bodies)} invalid, far more than a real run meets) at ${f(m.validation_ratio_vs_json_parse)}×: for every rejected body the kit runs the allErrors + verbose validator and builds each finding (pointer, spec keyword and line, message), which the peers do not. The peers' timed answer is a verdict with ajv's raw errors.`,
    );
  }
  if (fz && missed("fuzz_ratio_vs_bare_client"))
    L.push(
      `- **Fuzzing** (target not met, ${f(m.fuzz_ratio_vs_bare_client)}×). Both sides send the same requests to the same in-process sandbox, whose work (decoding and inspecting every image) they share; the kit adds, per case, building the request from the generated input, every check on the answer, redaction of the exchange for the report, the journal of what it created, and fast-check's own bookkeeping.`,
    );
  if (lv) {
    const latency = (lv.runs as Obj[]).filter((x) => x.concurrency !== "main");
    if (latency.length)
      L.push(
        `- **Slow vendor.** ${latency.map((x) => `--concurrency ${x.concurrency}: ${f(x.wallS)} s for ${x.requests} requests (their latency alone, sent one at a time: ${f((x.requests * lv.latencyMs) / 1000)} s)`).join("; ")}. The limit caps requests in flight; what is in flight is set by the workers, as cases run one after another within a vitest worker, and \`run\` starts min(concurrency, max(2, CPUs − 1)) workers (\`limitWorkers\` in src/cli/reliability.ts): ${Math.max(2, r.machine.cpus - 1)} on this ${r.machine.cpus}-CPU machine, so above that the limit gains nothing here.`,
      );
  }
  if (sp)
    L.push(
      `- **Spec growth.** Loading grows slightly faster than linearly (marginal cost per operation ${(sp.linearity.marginalMsPerOperation as number[]).map((x) => `${f(x)} ms`).join(" → ")} from ×1 to ×100 operations); irrelevant at the three real specs' size (≤ 6 operations each).`,
    );
  L.push("");
  L.push(...renderPackage(r.raw.package as PackageBench | undefined, s));
  L.push(SCALE_OUT);
  return L.join("\n") + "\n";
}

export const SCALE_OUT = `## Scale out: shards and merge

\`ekyc-conformance run --shard i/n\` runs the i-th of n slices of the suite files (vitest sharding), so n machines
share one run. Fuzz seeds are derived per property from the run seed, the operation id and the fuzz family — nothing
shard-specific — and each property lives in exactly one suite file, hence in exactly one shard: shards never repeat a
case, and the union of the shards is the unsplit run (test/shard/shard.test.ts checks the same case ids, statuses and
fuzz seeds). \`ekyc-conformance merge\` joins the shards' results files into one validated results.json and one HTML
report; it refuses parts of different runs (kit version, target, seed, fuzz runs, spec hashes, shard count) and warns
when a shard is missing. Exit codes are those of \`run\`.

\`\`\`yaml
# .github/workflows/conformance.yml
jobs:
  conformance:
    strategy:
      matrix: { shard: [1, 2, 3] }
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20, cache: npm }
      - run: npm ci
      - run: npx ekyc-conformance run --target fixtures --shard \${{ matrix.shard }}/3 --out shard-\${{ matrix.shard }}
      - uses: actions/upload-artifact@v4
        if: always()
        with: { name: "results-\${{ matrix.shard }}", path: "shard-\${{ matrix.shard }}/results.json" }
  report:
    needs: conformance
    if: always()
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20, cache: npm }
      - run: npm ci
      - uses: actions/download-artifact@v4
        with: { pattern: "results-*" }
      - run: npx ekyc-conformance merge results-*/results.json --out reports
      - uses: actions/upload-artifact@v4
        if: always()
        with: { name: conformance-report, path: reports/ }
\`\`\`

Every shard must use the same seed and fuzz runs; \`merge\` checks it. Replaying fixtures needs the seed they were
recorded with (the default); against the sandbox or a live target pass one \`--seed\` to every shard.
`;
