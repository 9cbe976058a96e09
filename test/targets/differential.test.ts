// Differential: the same declared suite cases give the same statuses and the same findings on the sandbox target
// and on the fixtures target (replaying the committed recording).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CaseResult } from "../../src/results/model.ts";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { runFlow } from "../../src/suite/run.ts";
import type { SuiteDefinition } from "../../src/suite/types.ts";
import {
  fixturesContext,
  loadSuites,
  outcome,
  RERECORD_ALL,
  runSmoke,
  sandboxContext,
  SMOKE_CASES,
} from "./support.ts";

let sandbox: Sandbox;
let suites: Map<string, SuiteDefinition>;

const FLOWS: ReadonlyArray<readonly [operationId: string, name: string]> = [
  ["advance.deleteEnroll", "enroll-list-delete-list"],
  ["zoloz.connectUnenroll", "enroll-then-unenroll"],
  ["uqudo.faceSearchDelete", "insert-delete-delete"],
];

async function runAll(context: Parameters<typeof runSmoke>[0]): Promise<CaseResult[]> {
  const results = await runSmoke(context, suites);
  for (const [operationId, name] of FLOWS) {
    const flow = suites.get(operationId)?.flows?.find((f) => f.name === name);
    if (!flow) throw new Error(`suite ${operationId} has no flow ${name}`);
    results.push(await runFlow(context, flow));
  }
  return results;
}

beforeAll(async () => {
  [sandbox, suites] = await Promise.all([startSandbox({ port: 0 }), loadSuites()]);
});

afterAll(async () => {
  await sandbox?.close();
});

it("the smoke set and three flows: same statuses and findings on sandbox and fixtures", async () => {
  const live = sandboxContext(sandbox);
  let onSandbox: CaseResult[];
  try {
    onSandbox = await runAll(live);
  } finally {
    await live.transport.close();
  }
  // The fixtures target intercepts the network while open: it runs after the sandbox context is done.
  const replay = fixturesContext();
  let onFixtures: CaseResult[];
  try {
    onFixtures = await runAll(replay).catch((error: Error) => {
      throw new Error(`${error.message}\n(the committed recording is stale? ${RERECORD_ALL})`);
    });
  } finally {
    await replay.transport.close();
  }
  expect(onSandbox).toHaveLength(SMOKE_CASES.length + FLOWS.length);
  expect(
    onSandbox.every((r) => r.status === "passed"),
    JSON.stringify(onSandbox.filter((r) => r.status !== "passed").map(outcome)),
  ).toBe(true);
  expect(onFixtures.map(outcome)).toEqual(onSandbox.map(outcome));
  // Same exchanges too: the same number, the same statuses.
  expect(onFixtures.map((r) => r.exchanges.map((e) => e.response?.status))).toEqual(
    onSandbox.map((r) => r.exchanges.map((e) => e.response?.status)),
  );
});
