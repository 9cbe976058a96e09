// (b) Fuzzing throughput against the local sandbox: whole-kit fuzz cases/s (generate, send, check via runFuzz) vs the
// same requests replayed by a bare HTTP client with no checks, vs the sandbox's own rate under autocannon.
// (d) Growth of run time with the number of fuzz runs.
import autocannon from "autocannon";
import type { Sandbox } from "../../src/sandbox/index.ts";
import { compiled } from "./lib.ts";
import type { RunContext } from "../../src/suite/run.ts";
import type { SentRequest } from "../../src/types.ts";
import { now } from "./lib.ts";

const { configFromEnv } = await compiled<typeof import("../../src/config/index.ts")>("config/index");
const { startSandbox } = await compiled<typeof import("../../src/sandbox/index.ts")>("sandbox/index");
const { createRunContext } = await compiled<typeof import("../../src/suite/run-context.ts")>("suite/run-context");
const { runFuzz } = await compiled<typeof import("../../src/suite/fuzz.ts")>("suite/fuzz");

export const FUZZ_OPERATION = {
  operationId: process.env["BENCH_FUZZ_OPERATION"] ?? "advance.enroll",
  family: (process.env["BENCH_FUZZ_FAMILY"] ?? "params") as "params" | "image",
};

function contextFor(sandbox: Sandbox, runs: number, seed: number): { context: RunContext; sent: SentRequest[] } {
  const config = configFromEnv({
    ...process.env,
    CONFORMANCE_TARGET: "sandbox",
    CONFORMANCE_FUZZ_RUNS: String(runs),
    CONFORMANCE_SEED: String(seed),
  });
  const context = createRunContext({
    config,
    sandbox: {
      baseUrls: sandbox.baseUrls,
      origin: sandbox.origin,
      registerImage: (b, m) => sandbox.registerImage(b, m),
    },
  });
  const sent: SentRequest[] = [];
  const send = context.transport.send.bind(context.transport);
  context.transport = {
    target: context.transport.target,
    close: () => context.transport.close(),
    send: async (request, ctx) => {
      const exchange = await send(request, ctx);
      sent.push(exchange.request);
      return exchange;
    },
  };
  return { context, sent };
}

export interface FuzzRun {
  runs: number;
  cases: number;
  requests: number;
  ms: number;
  casesPerSecond: number;
  status: string;
}

/** One runFuzz of `runs` cases; returns its figures and the requests it sent. */
export async function fuzzOnce(
  sandbox: Sandbox,
  runs: number,
  seed: number,
  op = FUZZ_OPERATION,
): Promise<{ run: FuzzRun; sent: SentRequest[] }> {
  const { context, sent } = contextFor(sandbox, runs, seed);
  // Token, spec and image caches warm: the first property call pays for what the measured one must not.
  const start = now();
  const result = await runFuzz(context, op.operationId, op.family);
  const ms = now() - start;
  const cases = Number(/: (\d+) cases/.exec(result.name)?.[1] ?? runs);
  return {
    run: { runs, cases, requests: sent.length, ms, casesPerSecond: (cases / ms) * 1000, status: result.status },
    sent,
  };
}

/** Replays the captured requests one after the other with fetch, reading each body, checking nothing. */
export async function bareReplay(
  sent: SentRequest[],
): Promise<{ requests: number; ms: number; requestsPerSecond: number }> {
  const start = now();
  for (const r of sent) {
    const response = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.body.length > 0 && r.method !== "GET" ? { body: new Uint8Array(r.body) } : {}),
    });
    await response.arrayBuffer();
  }
  const ms = now() - start;
  return { requests: sent.length, ms, requestsPerSecond: (sent.length / ms) * 1000 };
}

/** autocannon against one captured request: the sandbox's own ceiling (1 connection = sequential, and 10). */
export async function cannon(
  request: SentRequest,
  connections: number,
  seconds: number,
): Promise<{ connections: number; requestsPerSecond: number; non2xx: number; errors: number }> {
  const result = await autocannon({
    url: request.url,
    method: request.method as "POST",
    headers: request.headers,
    ...(request.body.length > 0 ? { body: Buffer.from(request.body) } : {}),
    connections,
    duration: seconds,
  });
  return { connections, requestsPerSecond: result.requests.average, non2xx: result.non2xx, errors: result.errors };
}

export interface FuzzFigures {
  operation: string;
  family: string;
  runsPerRepetition: number;
  kit: FuzzRun[];
  bare: { requests: number; ms: number; requestsPerSecond: number }[];
  /** The kit's request rate ÷ the bare client's, over the same requests (bare time ÷ kit time) of one repetition. */
  ratio: number[];
  requestsPerCase: number;
  autocannon: { connections: number; requestsPerSecond: number; non2xx: number; errors: number }[];
  growth: FuzzRun[];
}

export async function fuzzBench(
  options: { repetitions: number; runs: number; growth: number[]; cannonSeconds: number },
  log: (m: string) => void,
): Promise<FuzzFigures> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    // Warm-up: spec compilation, first token, image renders, and a whole repetition's worth of cases, so both sides
    // are timed at steady state (the kit's first hundred cases still run partly unoptimised: 0.58 -> 0.80 over six
    // repetitions of 200 cases, measured 2026-12-02).
    await fuzzOnce(sandbox, options.runs, 1);
    sandbox.reset();
    await bareReplay((await fuzzOnce(sandbox, options.runs, 2)).sent);
    const kit: FuzzRun[] = [];
    const bare: FuzzFigures["bare"] = [];
    const ratio: number[] = [];
    let lastSent: SentRequest[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      sandbox.reset();
      const { run, sent } = await fuzzOnce(sandbox, options.runs, 1000 + r);
      sandbox.reset();
      // The replay re-sends the captured requests; the token the kit fetched first is part of them.
      const b = await bareReplay(sent);
      kit.push(run);
      bare.push(b);
      // Both send the same requests (the bare client replays what the kit sent, token and clean-up included): the
      // ratio of their times is the share of a bare client's rate the kit keeps while generating and checking.
      ratio.push(b.ms / run.ms);
      lastSent = sent;
      log(
        `fuzz: repetition ${r + 1}/${options.repetitions}: kit ${run.casesPerSecond.toFixed(0)} cases/s (${run.requests} requests), bare ${b.requestsPerSecond.toFixed(0)} req/s`,
      );
    }
    const sample = lastSent.find((s) => s.method === "POST" && s.url.includes("/face")) ?? lastSent.at(-1)!;
    const cannonResults: FuzzFigures["autocannon"] = [];
    for (const connections of [1, 10]) {
      sandbox.reset();
      cannonResults.push(await cannon(sample, connections, options.cannonSeconds));
      log(`fuzz: autocannon ${connections} connection(s): ${cannonResults.at(-1)!.requestsPerSecond.toFixed(0)} req/s`);
    }
    const growth: FuzzRun[] = [];
    for (const runs of options.growth) {
      sandbox.reset();
      growth.push((await fuzzOnce(sandbox, runs, 4242)).run);
      log(`fuzz: growth ${runs} runs: ${(growth.at(-1)!.ms / 1000).toFixed(2)} s`);
    }
    const requestsPerCase =
      kit.reduce((s, k) => s + k.requests, 0) /
      Math.max(
        1,
        kit.reduce((s, k) => s + k.cases, 0),
      );
    return {
      operation: FUZZ_OPERATION.operationId,
      family: FUZZ_OPERATION.family,
      runsPerRepetition: options.runs,
      kit,
      bare,
      ratio,
      requestsPerCase,
      autocannon: cannonResults,
      growth,
    };
  } finally {
    await sandbox.close();
  }
}
