// The package root, imported by its name as a team would (package.json "exports" self-reference): every runtime
// export is there, and each kind is used once for what it is for.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as kit from "ekyc-conformance";
import {
  applyBaseline,
  base64Transport,
  booleanish,
  CHECK_NAMES,
  CHECKS,
  checkByName,
  configFromEnv,
  contentTypeConformance,
  createRunContext,
  createTransport,
  DEFAULT_FIXTURES_DIR,
  diffResults,
  ensureResourceAvailability,
  envelopeConformance,
  FixtureReplayer,
  ignoredAuth,
  imageDescription,
  jsonTypeConfusion,
  loadSpecs,
  minimumMatchLevel,
  negativeDataRejection,
  notAServerError,
  parseBaseline,
  positiveDataAcceptance,
  Redactor,
  regionCode,
  renderHtml,
  responseHeadersConformance,
  responseSchemaConformance,
  responseSignature,
  RESULTS_VERSION,
  runCase,
  runChecks,
  runVerdict,
  solutionCode,
  startSandbox,
  statusCodeConformance,
  stringAtLimit,
  unknownId,
  useAfterFree,
  validateResults,
  type CaseDefinition,
  type CaseResult,
  type Check,
  type CheckContext,
  type Exchange,
  type Fixture,
  type KitConfig,
  type Labeled,
  type RunResults,
  type Sandbox,
  type SpecSet,
  type UqudoFaceMatchResponse,
} from "ekyc-conformance";

// The root's runtime surface. A change here is an API change: update docs/ci.md and this list together.
const RUNTIME_EXPORTS = [
  "CHECKS",
  "CHECK_NAMES",
  "ConfigError",
  "DEFAULT_FIXTURES_DIR",
  "DEFAULT_FUZZ_RUNS",
  "DEFAULT_SEED",
  "DEFAULT_SPEC_DIR",
  "FIXTURE_ORIGINS",
  "FixtureRecorder",
  "FixtureReplayer",
  "HTML_FILE",
  "InfraError",
  "MUTATIONS",
  "RESULTS_FILE",
  "RESULTS_VERSION",
  "Redactor",
  "SpecError",
  "TRANSPORT_PROBE_BYTES",
  "UnknownOperationError",
  "VENDORS",
  "applyBaseline",
  "base64Transport",
  "base64TransportSize",
  "booleanish",
  "booleanishSize",
  "checkByName",
  "clearSpecCache",
  "configFromEnv",
  "contentTypeConformance",
  "createRunContext",
  "createTransport",
  "diffResults",
  "ensureResourceAvailability",
  "envelopeConformance",
  "findMutation",
  "finding",
  "formatOrder",
  "ignoredAuth",
  "imageDescription",
  "imageDescriptionSize",
  "jsonTypeConfusion",
  "jsonTypeConfusionSize",
  "jsonTypeOf",
  "loadBaseline",
  "loadFixtures",
  "loadSpecText",
  "loadSpecs",
  "makeUnknownId",
  "matchesType",
  "measure",
  "minimumMatchLevel",
  "minimumMatchLevelSize",
  "negativeDataRejection",
  "notAServerError",
  "parseBaseline",
  "positiveDataAcceptance",
  "readResults",
  "redactorFor",
  "regionCode",
  "regionCodeSize",
  "renderDiffText",
  "renderHtml",
  "responseHeadersConformance",
  "responseSchemaConformance",
  "responseSignature",
  "ruleRef",
  "runCase",
  "runChecks",
  "runFlow",
  "runVerdict",
  "sandboxConfig",
  "solutionCode",
  "solutionCodeSize",
  "startSandbox",
  "statusCodeConformance",
  "stringAtLimit",
  "stringAtLimitSize",
  "unknownId",
  "unknownIdSize",
  "useAfterFree",
  "validateResults",
  "vendorVerdict",
  "writeHtmlReport",
  "writeResults",
];

const EACH_CHECK: Check[] = [
  statusCodeConformance,
  notAServerError,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  envelopeConformance,
  negativeDataRejection,
  positiveDataAcceptance,
  ignoredAuth,
  responseSignature,
  useAfterFree,
  ensureResourceAvailability,
];

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A uqudo face-match exchange as the transport would hand it over. */
function faceMatchExchange(body: UqudoFaceMatchResponse | Record<string, unknown>, status = 200): Exchange {
  return {
    operationId: "uqudo.faceMatch",
    request: {
      method: "POST",
      url: "https://id.example/api/v1/face/match",
      path: "/api/v1/face/match",
      operationPath: "/api/v1/face/match",
      headers: { "content-type": "application/json" },
      body: json({}),
    },
    response: { status, headers: { "content-type": "application/json" }, body: json(body), json: body },
    timing: { startedAt: new Date(0).toISOString(), durationMs: 1 },
  };
}

// The suite's own case (suites/uqudo/face-match.test.ts): minimumMatchLevel 6 must be refused.
const LEVEL_6: CaseDefinition = {
  name: "level-6",
  title: "minimumMatchLevel 6 is outside 1..5",
  kind: "negative",
  input: { set: { minimumMatchLevel: 6 } },
  expect: { kind: "reject", violations: ["out-of-range:minimumMatchLevel"] },
};
const uqudoOnly = (target: KitConfig["target"]): KitConfig =>
  configFromEnv({ CONFORMANCE_TARGET: target, CONFORMANCE_VENDORS: "uqudo" });

describe("package root exports", () => {
  test("every runtime export is present and defined; none is missing from the list", () => {
    expect(Object.keys(kit).sort()).toEqual([...RUNTIME_EXPORTS].sort());
    for (const name of RUNTIME_EXPORTS) expect((kit as Record<string, unknown>)[name], name).toBeDefined();
  });

  test("spec validators: loadSpecs answers schema findings for a response of one's own integration", () => {
    const spec: SpecSet = loadSpecs();
    expect(spec.vendors).toEqual(expect.arrayContaining(["advance", "zoloz", "uqudo"]));
    expect(
      spec.validateResponse(
        "uqudo.faceMatch",
        200,
        { "content-type": "application/json" },
        { match: true, matchLevel: 4 },
      ),
    ).toEqual([]);
    const bad = spec.validateResponse(
      "uqudo.faceMatch",
      200,
      { "content-type": "application/json" },
      { match: true, matchLevel: 6 },
    );
    expect(bad.map((f) => f.pointer)).toContain("/matchLevel");
    const request = spec.validateRequest("uqudo.faceMatch", {
      body: { sourceImage: "aGVsbG8=", targetImage: "aGVsbG8=", minimumMatchLevel: 0 },
    });
    expect(request.map((f) => `${f.pointer} ${f.keyword}`)).toEqual(["/minimumMatchLevel minimum"]);
  });

  test("checks: the registry holds each exported check, and runChecks judges an exchange", () => {
    expect(CHECKS).toEqual(EACH_CHECK);
    expect(CHECK_NAMES).toEqual(EACH_CHECK.map((c) => c.name));
    for (const check of EACH_CHECK) expect(checkByName(check.name)).toBe(check);
    const spec = loadSpecs();
    const context: CheckContext = {
      exchange: faceMatchExchange({ match: true, matchLevel: 6 }),
      operation: spec.operation("uqudo.faceMatch"),
      spec,
      expectation: { kind: "accept" },
    };
    const applied = EACH_CHECK.filter((c) => c.appliesTo(context));
    expect(applied).toContain(responseSchemaConformance);
    expect(responseSchemaConformance.run(context).map((f) => f.check)).toEqual(["response_schema_conformance"]);
    const { applied: names, findings } = runChecks(context);
    expect(names).toEqual(applied.map((c) => c.name));
    expect(findings.filter((f) => f.severity === "failure").map((f) => f.check)).toContain(
      "response_schema_conformance",
    );
    const good = runChecks({ ...context, exchange: faceMatchExchange({ match: true, matchLevel: 4 }) });
    expect(good.findings.filter((f) => f.severity === "failure")).toEqual([]);
  });

  test("arbitraries: each yields labelled values carrying their documented violations", () => {
    const limits = loadSpecs().operation("uqudo.faceMatch").imageFields[0]!.limits;
    const arbitraries: fc.Arbitrary<Labeled<unknown>>[] = [
      imageDescription(limits, { maxSide: 64 }),
      base64Transport(),
      stringAtLimit({ field: "userId", maxLength: 64 }),
      regionCode(),
      minimumMatchLevel({ min: 1, max: 5 }),
      jsonTypeConfusion({ field: "minimumMatchLevel", expected: "integer" }),
      unknownId({ shape: "uuid" }),
      solutionCode({ known: ["101"] }),
      booleanish(),
    ];
    for (const arbitrary of arbitraries) {
      const values = fc.sample(arbitrary, { seed: 7, numRuns: 40 });
      expect(values.every((v) => typeof v.label === "string" && Array.isArray(v.violations))).toBe(true);
      expect(values.some((v) => v.violations.length > 0) || values.every((v) => v.violations.length === 0)).toBe(true);
    }
    const levels = fc.sample(minimumMatchLevel({ min: 1, max: 5 }), { seed: 1, numRuns: 200 });
    expect(
      levels
        .filter((v) => v.violations.length === 0)
        .every((v) => Number.isInteger(v.value) && (v.value as number) >= 1 && (v.value as number) <= 5),
    ).toBe(true);
    expect(levels.some((v) => v.violations.some((x) => x.includes("minimumMatchLevel")))).toBe(true);
  });

  describe("sandbox and run context", () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    test("startSandbox + createRunContext + runCase: a conforming answer passes, an injected regression fails", async () => {
      const context = createRunContext({ config: uqudoOnly("sandbox"), sandbox });
      try {
        const ok: CaseResult = await runCase(context, "uqudo.faceMatch", LEVEL_6);
        expect(ok).toMatchObject({ id: "uqudo.faceMatch/level-6", status: "passed" });
        sandbox.setMutation("uqudo-invalid-level-accepted");
        const broken = await runCase(context, "uqudo.faceMatch", LEVEL_6);
        expect(broken.status).toBe("failed");
        expect(broken.findings.map((f) => f.check)).toContain("negative_data_rejection");
      } finally {
        sandbox.setMutation(null);
        await context.transport.close();
      }
    });
  });

  test("fixtures: createTransport (target fixtures, via createRunContext) replays the recording offline", async () => {
    const config = uqudoOnly("fixtures");
    const context = createRunContext({ config, fixturesDir: DEFAULT_FIXTURES_DIR });
    try {
      const replayed = await runCase(context, "uqudo.faceMatch", LEVEL_6);
      expect(replayed.status).toBe("passed");
      expect(replayed.exchanges[0]?.response?.status).toBe(400);
    } finally {
      await context.transport.close();
    }
    // createTransport directly, for a caller with its own context.
    const transport = createTransport(config, {
      spec: loadSpecs(),
      redactor: new Redactor(),
      fixturesDir: DEFAULT_FIXTURES_DIR,
    });
    expect(transport.target).toBe("fixtures");
    await transport.close();
  });

  test("FixtureReplayer serves a hand-written recording and refuses a request that differs from it", async () => {
    const origin = "http://replay.example.test";
    const fixture: Fixture = {
      version: 1,
      case: "team/own-case",
      sequence: 0,
      operationId: "uqudo.faceMatch",
      target: "sandbox",
      request: {
        method: "POST",
        path: "/api/v1/face/match",
        headers: { "content-type": "application/json" },
        body: '{"minimumMatchLevel":3}',
      },
      response: { status: 200, headers: { "content-type": "application/json" }, body: '{"match":true,"matchLevel":4}' },
    };
    const replayer = new FixtureReplayer({ fixtures: new Map([["team/own-case#0", fixture]]), origins: [origin] });
    replayer.start();
    try {
      const send = (body: string) =>
        fetch(`${origin}/api/v1/face/match`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-conformance-case": "team/own-case",
            "x-conformance-sequence": "0",
          },
          body,
        });
      const hit = await send('{"minimumMatchLevel":3}');
      expect(hit.status).toBe(200);
      expect(await hit.json()).toEqual({ match: true, matchLevel: 4 });
      const miss = await send('{"minimumMatchLevel":4}');
      expect(miss.status).toBe(599);
      expect(replayer.problems.get("team/own-case")).toMatch(/different body than recorded/);
    } finally {
      replayer.stop();
    }
  });

  test("results model, renderHtml, verdict, baseline and diff work on a results object", () => {
    const spec = loadSpecs();
    const exchange = faceMatchExchange({ match: true, matchLevel: 6 });
    const { applied, findings } = runChecks({
      exchange,
      operation: spec.operation("uqudo.faceMatch"),
      spec,
      expectation: { kind: "accept" },
    });
    const failing: CaseResult = {
      id: "uqudo.faceMatch/own",
      vendor: "uqudo",
      operationId: "uqudo.faceMatch",
      name: "our integration's answer",
      kind: "positive",
      checks: applied,
      status: "failed",
      findings,
      exchanges: [],
      durationMs: 1,
    };
    const results: RunResults = {
      run: {
        version: RESULTS_VERSION,
        kitVersion: "0.1.0",
        target: "sandbox",
        vendors: ["uqudo"],
        seed: 1,
        fuzzRuns: 1,
        specHashes: {},
        startedAt: new Date(0).toISOString(),
        finishedAt: new Date(1).toISOString(),
        host: { hostname: "h", platform: "linux", node: "v20", cpus: 1 },
      },
      cases: [failing],
      deviations: [],
    };
    expect(validateResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
    expect(runVerdict(results).deviations).toBeGreaterThan(0);
    const html = renderHtml(results);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html.replace(/<wbr>/g, "")).toContain("uqudo.faceMatch/own"); // identifiers carry <wbr> break points
    const accepted = applyBaseline(
      results,
      parseBaseline(
        "- { operation: uqudo.faceMatch, check: response_schema_conformance, match: { pointer: /matchLevel }, reason: known }",
      ),
      "2026-01-01",
    );
    expect(accepted.results.cases[0]!.baselined?.length).toBeGreaterThan(0);
    const drift = diffResults(results, { ...results, cases: [{ ...failing, status: "passed", findings: [] }] });
    expect(JSON.stringify(drift)).toContain("uqudo.faceMatch/own");
  });
});
