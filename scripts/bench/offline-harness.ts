// Bench-only harness for the offline gate's breakdown: runs every declared case, flow and fuzz property of the
// suites against the recorded fixtures in this one process (no vitest), timing start-up and spec compilation,
// requests (the transport's send), checks (re-run on the captured exchanges), image generation (cold cache pass
// minus warm cache pass) and report rendering. Prints one JSON line. Run with EKYC_IMAGE_CACHE_DIR set to a fresh dir.
const t0 = performance.now();
const { mkdtempSync, rmSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const { join } = await import("node:path");
const { loadSuiteCatalog } = await import("../../test/testing/suite-catalog.ts");
const { configFromEnv } = await import("../../src/config/index.ts");
const { loadSpecs } = await import("../../src/openapi/index.ts");
const { createRunContext } = await import("../../src/suite/run-context.ts");
const { runCase, runFlow } = await import("../../src/suite/run.ts");
const { runFuzz } = await import("../../src/suite/fuzz.ts");
const { authCases } = await import("../../src/suite/auth-cases.ts");
const { runChecks } = await import("../../src/checks/index.ts");
const { buildResults } = await import("../../src/results/build.ts");
const { writeResults } = await import("../../src/results/io.ts");
const { writeHtmlReport } = await import("../../reporters/html/render.ts");
const { cacheStats } = await import("../../src/images/index.ts");
const importsMs = performance.now() - t0;

type Exchange = import("../../src/types.ts").Exchange;
type CaseResult = import("../../src/results/model.ts").CaseResult;

let t = performance.now();
const spec = loadSpecs();
const specMs = performance.now() - t;
t = performance.now();
const catalog = await loadSuiteCatalog();
const catalogMs = performance.now() - t;
const config = configFromEnv({ ...process.env, CONFORMANCE_TARGET: "fixtures" });
type RunContext = import("../../src/suite/run.ts").RunContext;
let requestMs = 0;
let requests = 0;
const exchanges: Exchange[] = [];
/** A fresh context (the fixture replayer counts exchanges per case, so each pass needs its own transport). */
function freshContext(): RunContext {
  const context = createRunContext({
    config,
    ...(process.env["CONFORMANCE_FIXTURES_DIR"] ? { fixturesDir: process.env["CONFORMANCE_FIXTURES_DIR"] } : {}),
  });
  const send = context.transport.send.bind(context.transport);
  const inner = context.transport;
  context.transport = {
    target: inner.target,
    close: () => inner.close(),
    send: async (request, ctx) => {
      const s = performance.now();
      try {
        const exchange = await send(request, ctx);
        exchanges.push(exchange);
        return exchange;
      } finally {
        requestMs += performance.now() - s;
        requests++;
      }
    },
  };
  return context;
}

const errors: string[] = [];
async function pass(): Promise<{ ms: number; cases: CaseResult[] }> {
  const context = freshContext();
  const start = performance.now();
  const cases: CaseResult[] = [];
  const keep = async (id: string, run: () => Promise<CaseResult>) => {
    try {
      cases.push(await run());
    } catch (error) {
      errors.push(`${id}: ${(error as Error).message.split("\n")[0]}`);
    }
  };
  for (const { suite } of catalog) {
    for (const definition of [...suite.cases, ...authCases(suite)])
      await keep(`${suite.operationId}/${definition.name}`, () => runCase(context, suite.operationId, definition));
    for (const flow of suite.flows ?? []) await keep(`${suite.operationId}/${flow.name}`, () => runFlow(context, flow));
    for (const family of suite.fuzz ?? [])
      await keep(`${suite.operationId}/fuzz-${family}`, () => runFuzz(context, suite.operationId, family));
  }
  const ms = performance.now() - start;
  await context.transport.close();
  return { ms, cases };
}

const renders0 = cacheStats.renders;
const cold = await pass();
const coldRequestMs = requestMs;
const coldRenders = cacheStats.renders - renders0;
requestMs = 0;
requests = 0;
exchanges.length = 0;
const warm = await pass();
const warmRequestMs = requestMs;

t = performance.now();
let applied = 0;
for (const exchange of exchanges)
  applied += runChecks({
    exchange,
    operation: spec.operation(exchange.operationId),
    spec,
    expectation: { kind: "any" },
  }).applied.length;
const checksMs = performance.now() - t;

const out = mkdtempSync(join(tmpdir(), "ekyc-bench-report-"));
t = performance.now();
const results = buildResults(config, spec, warm.cases, new Date());
writeResults(out, results);
writeHtmlReport(out, results);
const reportMs = performance.now() - t;
rmSync(out, { recursive: true, force: true });

const statuses: Record<string, number> = {};
for (const c of cold.cases) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    startupMs: t0 + importsMs,
    importsMs,
    specMs,
    catalogMs,
    coldPassMs: cold.ms,
    warmPassMs: warm.ms,
    imageMs: Math.max(0, cold.ms - coldRequestMs - (warm.ms - warmRequestMs)),
    imageRenders: coldRenders,
    coldRequestMs,
    requestMs: warmRequestMs,
    requests,
    checksMs,
    checksApplied: applied,
    otherMs: Math.max(0, warm.ms - warmRequestMs - checksMs),
    reportMs,
    cases: cold.cases.length,
    statuses,
    errors: errors.length,
    firstErrors: errors.slice(0, 3),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  }) + "\n",
);
process.exit(0);
