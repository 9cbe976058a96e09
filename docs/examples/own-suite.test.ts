// Example: a team that integrates uqudo face match uses ekyc-conformance as a library in its OWN vitest suite.
//
//   npm install --save-dev ekyc-conformance vitest
//   npx vitest run test/uqudo-contract.test.ts
//
// Three things the kit gives such a team, without running the whole conformance CLI:
//   1. the spec validators: the stub of uqudo their service tests use must answer only what uqudo documents;
//   2. the checks: judge an exchange their integration captured (request + response) with the kit's rules;
//   3. the local sandbox: exercise the documented behaviour they rely on, offline, with a case of their own.
// (This file runs in the kit's own test run through test/cli/own-suite-example.test.ts.)
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  configFromEnv,
  createRunContext,
  loadSpecs,
  responseSchemaConformance,
  runCase,
  runChecks,
  startSandbox,
  type CaseDefinition,
  type Exchange,
  type RunContext,
  type Sandbox,
  type UqudoFaceMatchRequest,
  type UqudoFaceMatchResponse,
} from "ekyc-conformance";

// ---- The team's own code (normally imported from their service) ------------------------------------------
/** Builds the face-match request their service sends. */
function buildFaceMatchRequest(source: Uint8Array, target: Uint8Array, minimumMatchLevel = 3): UqudoFaceMatchRequest {
  return {
    sourceImage: Buffer.from(source).toString("base64"),
    targetImage: Buffer.from(target).toString("base64"),
    minimumMatchLevel,
  };
}

/** The in-memory stand-in for uqudo their service tests run against: it must stay faithful to the docs. */
function uqudoStub(
  request: UqudoFaceMatchRequest,
  similarity: number,
): { status: number; body: UqudoFaceMatchResponse } {
  const matchLevel = Math.min(5, Math.max(1, Math.ceil(similarity * 5)));
  return { status: 200, body: { match: matchLevel >= (request.minimumMatchLevel ?? 3), matchLevel } };
}

// ---- Their contract tests ---------------------------------------------------------------------------------
const spec = loadSpecs();
const FACE_MATCH = "uqudo.faceMatch";
const JSON_HEADERS = { "content-type": "application/json" };

/** Wraps what the integration sent and received as the kit's Exchange, so the checks can judge it. */
function exchangeOf(request: UqudoFaceMatchRequest, response: { status: number; body: unknown }): Exchange {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const path = spec.operation(FACE_MATCH).path;
  return {
    operationId: FACE_MATCH,
    request: {
      method: "POST",
      url: `https://stub.invalid${path}`,
      path,
      operationPath: path,
      headers: JSON_HEADERS,
      body: bytes(request),
    },
    response: { status: response.status, headers: JSON_HEADERS, body: bytes(response.body), json: response.body },
    timing: { startedAt: new Date().toISOString(), durationMs: 0 },
  };
}

describe("our uqudo integration against the documented contract", () => {
  const faceA = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const faceB = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6]);

  test("the requests we build are valid face-match requests", () => {
    for (const level of [1, 3, 5])
      expect(spec.validateRequest(FACE_MATCH, { body: buildFaceMatchRequest(faceA, faceB, level) })).toEqual([]);
    // The validator says which documented rule a wrong request breaks, with the spec location.
    const [finding] = spec.validateRequest(FACE_MATCH, { body: buildFaceMatchRequest(faceA, faceB, 6) });
    expect(finding).toMatchObject({ pointer: "/minimumMatchLevel", keyword: "maximum" });
  });

  test("our stub answers only what the uqudo docs allow", () => {
    for (const similarity of [0, 0.3, 0.61, 0.99, 1]) {
      const { status, body } = uqudoStub(buildFaceMatchRequest(faceA, faceB), similarity);
      expect(spec.validateResponse(FACE_MATCH, status, JSON_HEADERS, body), `similarity ${similarity}`).toEqual([]);
    }
  });

  test("the kit's checks pass our captured exchange, and would catch an out-of-range matchLevel", () => {
    const request = buildFaceMatchRequest(faceA, faceB, 4);
    const context = (body: unknown) => ({
      exchange: exchangeOf(request, { status: 200, body }),
      operation: spec.operation(FACE_MATCH),
      spec,
      expectation: { kind: "accept" as const },
    });

    const good = runChecks(context(uqudoStub(request, 0.9).body));
    expect(good.applied).toContain("response_schema_conformance");
    expect(good.findings.filter((f) => f.severity === "failure")).toEqual([]);

    // One check on its own, as a guard on a response our service logged in production.
    const [bad] = responseSchemaConformance.run(context({ match: true, matchLevel: 6 }));
    expect(bad).toMatchObject({ check: "response_schema_conformance", severity: "failure" });
    expect(bad?.schemaFindings?.[0]?.pointer).toBe("/matchLevel");
  });

  describe("the behaviour we rely on, against the local sandbox", () => {
    let sandbox: Sandbox;
    let kit: RunContext;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
      kit = createRunContext({
        config: configFromEnv({ CONFORMANCE_TARGET: "sandbox", CONFORMANCE_VENDORS: "uqudo" }),
        sandbox,
      });
    });
    afterAll(async () => {
      await kit?.transport.close();
      await sandbox?.close();
    });

    // Our service retries with minimumMatchLevel 5 only if uqudo refuses anything above 5 up front.
    const refusesLevelSix: CaseDefinition = {
      name: "our-level-6-guard",
      title: "minimumMatchLevel 6 is refused (400), never silently accepted",
      kind: "negative",
      input: { set: { minimumMatchLevel: 6 } },
      expect: { kind: "reject", violations: ["out-of-range:minimumMatchLevel"] },
    };

    test("the sandbox refuses minimumMatchLevel 6 as documented", async () => {
      const result = await runCase(kit, FACE_MATCH, refusesLevelSix);
      expect(
        result.findings.filter((f) => f.severity === "failure"),
        JSON.stringify(result.findings, null, 2),
      ).toEqual([]);
      expect(result.status).toBe("passed");
      expect(result.exchanges[0]?.response?.status).toBe(400);
    });
  });
});
