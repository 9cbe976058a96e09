// Staleness: re-record the whole suite against a fresh sandbox into a temporary folder and compare it with the
// committed fixtures/recorded/: the same files, and the same requests and responses once volatile values are masked.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import {
  COMMITTED_FIXTURES,
  fixtureFiles,
  loadSuites,
  readFixture,
  RERECORD_ALL,
  runWholeSuite,
  sandboxContext,
  stableFixture,
} from "./support.ts";

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ekyc-rerecord-"));
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("the committed recording is what the current suites record", async () => {
  const suites = await loadSuites();
  const context = sandboxContext(sandbox, { record: true }, dir);
  try {
    await runWholeSuite(context, suites.values());
  } finally {
    await context.transport.close();
  }
  const fresh = fixtureFiles(dir);
  const committed = fixtureFiles(COMMITTED_FIXTURES);
  const stale = `fixtures/recorded/ is stale; re-record it with: ${RERECORD_ALL}`;
  expect(fresh.length).toBeGreaterThan(100);
  expect(
    { missing: fresh.filter((f) => !committed.includes(f)), extra: committed.filter((f) => !fresh.includes(f)) },
    stale,
  ).toEqual({ missing: [], extra: [] });
  const differing = fresh.filter(
    (file) =>
      JSON.stringify(stableFixture(readFixture(join(dir, file)))) !==
      JSON.stringify(stableFixture(readFixture(join(COMMITTED_FIXTURES, file)))),
  );
  if (differing.length > 0) {
    const first = differing[0]!;
    expect(
      stableFixture(readFixture(join(dir, first))),
      `${stale}\n${differing.length} file(s) differ, first ${first}: ${differing.slice(0, 10).join(", ")}`,
    ).toEqual(stableFixture(readFixture(join(COMMITTED_FIXTURES, first))));
  }
  expect(differing, stale).toEqual([]);
});
