// The mutation self-test (test/mutations.test.ts) through the live path: a separate `ekyc-conformance sandbox
// --mutation NAME …` process per group of mutations, the kit configured only by the live variables and a face photo,
// the same cases selected, and each mutation must be caught on `live` by the same checks with the same severity as on
// `sandbox` — the table test/mutations.test.ts keeps in docs/checks.md. Mutations of different vendors never touch
// each other's answers, so one process carries one mutation of each vendor (13 processes for 33 mutations: ADVANCE has 13).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseResult } from "../../src/results/model.ts";
import { loadSandboxCredentials } from "../../src/auth/sandbox-credentials.ts";
import { CHECK_NAMES } from "../../src/checks/index.ts";
import { configFromEnv } from "../../src/config/index.ts";
import { MUTATIONS, type Mutation } from "../../src/sandbox/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { createRunContext } from "../../src/suite/run-context.ts";
import type { RunContext } from "../../src/suite/run.ts";
import { expiredJwt } from "../../src/transport/vendors/tokens.ts";
import type { Vendor } from "../../src/types.ts";
import { runCli } from "../cli/cli-process.ts";
import { otherPersonJpegPhoto, smallPngPhoto } from "../testing/photos.ts";
import { loadSuiteCatalog, runSuites, type CatalogEntry } from "../testing/suite-catalog.ts";
import { liveEnv, spawnSandboxProcess, type SandboxProcess } from "./support.ts";

const VENDORS: Vendor[] = ["advance", "zoloz", "uqudo"];
/** Group i holds the i-th mutation of each vendor. */
const GROUPS: Mutation[][] = (() => {
  const byVendor = VENDORS.map((v) => MUTATIONS.filter((m) => m.vendor === v));
  const size = Math.max(...byVendor.map((list) => list.length));
  return Array.from({ length: size }, (_, i) => byVendor.flatMap((list) => (list[i] ? [list[i]] : [])));
})();

/** What live must show for a mutation: exactly the checks that catch it on sandbox. */
const expectedOnLive = (name: string): string[] => table.get(name) ?? [];

/** docs/checks.md's generated table: mutation → the checks that caught it on sandbox. */
function sandboxTable(): Map<string, string[]> {
  const doc = readFileSync(join(REPO_ROOT, "docs", "checks.md"), "utf8");
  const rows = new Map<string, string[]>();
  for (const [, name, checks] of doc.matchAll(/^\| `([a-z0-9-]+)` \|[^|]*\|[^|]*\|[^|]*\| (.*) \|$/gm))
    rows.set(
      name!,
      [...checks!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!),
    );
  return rows;
}

let catalog: CatalogEntry[];
let table: Map<string, string[]>;
let dir: string;
let photo: string;
let otherPhoto: string;
const processes: Array<Promise<SandboxProcess> | undefined> = [];
const caughtOnLive = new Set<string>();

/** The process for group i, started ahead so that starting one overlaps running the previous one's cases. */
function processFor(i: number): Promise<SandboxProcess> | undefined {
  const group = GROUPS[i];
  if (!group) return undefined;
  // A generous start-up bound: the machine may be shared, and a slow start is not what this test is about.
  return (processes[i] ??= spawnSandboxProcess(
    group.flatMap((m) => ["--mutation", m.name]),
    90_000,
  ));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ekyc-live-mutations-"));
  photo = join(dir, "face.png");
  writeFileSync(photo, await smallPngPhoto());
  otherPhoto = join(dir, "someone-else.jpg");
  writeFileSync(otherPhoto, await otherPersonJpegPhoto());
  void processFor(0);
  catalog = await loadSuiteCatalog();
  table = sandboxTable();
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map(async (p) => (await p?.catch(() => undefined))?.stop()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Tokens the vendor issued an hour ago and that have since expired, as a user keeps one from an earlier night
 * (ADVANCE_EXPIRED_TOKEN, UQUDO_EXPIRED_TOKEN). The test stands in for the vendor here: it holds the sandbox's
 * test-only signing keys, which the kit on live never sees.
 */
function expiredTokens(): Record<string, string> {
  const c = loadSandboxCredentials();
  return {
    ADVANCE_EXPIRED_TOKEN: expiredJwt(
      "HS512",
      { iss: "h5_liveness", aud: "WEB", sub: c.advance.accessKey },
      c.advance.tokenSigningSecret,
    ),
    UQUDO_EXPIRED_TOKEN: expiredJwt(
      "HS256",
      { client_id: c.uqudo.clientId, scope: ["read", "write"] },
      c.uqudo.tokenSigningSecret,
    ),
  };
}

/** The kit's contexts for a vendor: plain, and (ZOLOZ) with RSA_AES encryption, as the sandbox self-test runs it. */
function liveContexts(child: SandboxProcess, vendor: Vendor): RunContext[] {
  const env = liveEnv(child.summary, {
    CONFORMANCE_FACE_IMAGE: photo,
    CONFORMANCE_OTHER_FACE_IMAGE: otherPhoto,
    CONFORMANCE_VENDORS: vendor,
    ...expiredTokens(),
  });
  const modes = vendor === "zoloz" ? [env, { ...env, ZOLOZ_ENCRYPT: "1" }] : [env];
  return modes.map((e) => createRunContext({ config: configFromEnv(e) }));
}

async function runLive(child: SandboxProcess, mutation: Mutation): Promise<CaseResult[]> {
  const suites = catalog.filter((c) => c.vendor === mutation.vendor).map((c) => c.suite);
  const contexts = liveContexts(child, mutation.vendor);
  try {
    const results: CaseResult[] = [];
    for (const context of contexts)
      results.push(...(await runSuites(context, suites, { operations: mutation.operations, fuzz: false })));
    return results;
  } finally {
    await Promise.all(contexts.map((c) => c.transport.close()));
  }
}

/** The checks with a finding of the mutation's severity: in failed cases for a failure, anywhere for a warning. */
function caughtBy(results: CaseResult[], mutation: Mutation): string[] {
  const counted = mutation.severity === "failure" ? results.filter((r) => r.status === "failed") : results;
  const checks = new Set(
    counted.flatMap((r) => r.findings.filter((f) => f.severity === mutation.severity).map((f) => f.check)),
  );
  return [...checks].sort((a, b) => CHECK_NAMES.indexOf(a) - CHECK_NAMES.indexOf(b));
}

describe("each sandbox mutation is caught on live as on sandbox", () => {
  it("docs/checks.md has a sandbox row for every mutation", () => {
    expect([...table.keys()].sort()).toEqual(MUTATIONS.map((m) => m.name).sort());
  });

  it.each(GROUPS.map((group, i) => [group.map((m) => m.name).join(" + "), i] as const))(
    "%s",
    async (_names, i) => {
      void processFor(i + 1);
      const child = await processFor(i)!;
      try {
        for (const mutation of GROUPS[i]!) {
          const results = await runLive(child, mutation);
          expect(
            results.some((r) => r.status !== "skipped"),
            `${mutation.name}: no case ran on live`,
          ).toBe(true);
          const caught = caughtBy(results, mutation);
          expect(caught, `${mutation.name}: checks that caught it on live vs on sandbox (docs/checks.md)`).toEqual(
            expectedOnLive(mutation.name),
          );
          if (mutation.severity === "warning")
            expect(
              results.filter((r) => r.status === "failed").map((r) => r.id),
              `${mutation.name} is advisory`,
            ).toEqual([]);
          if (caught.length > 0) caughtOnLive.add(mutation.name);
        }
      } finally {
        await (await processFor(i)!).stop();
      }
    },
    120_000,
  );

  it("every mutation is caught on live", (t) => {
    if (caughtOnLive.size === 0) t.skip("no mutation group ran (filtered)");
    expect([...caughtOnLive].sort()).toEqual(MUTATIONS.map((m) => m.name).sort());
  });
});

describe("ekyc-conformance sandbox --mutation", () => {
  it("--help lists every mutation with its one-line description", async () => {
    const help = await runCli(["sandbox", "--help"], { timeoutMs: 60_000 });
    expect(help.code).toBe(0);
    for (const m of MUTATIONS)
      expect(help.stdout).toMatch(
        new RegExp(`^  ${m.name} +${m.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"),
      );
  });

  it("an unknown name stops with one line that suggests the closest one, exit 2", async () => {
    const typo = await runCli(["sandbox", "--mutation", "uqudo-201-as-20O"], { timeoutMs: 60_000 });
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe("");
    expect(typo.stderr).toBe(
      "ekyc-conformance: --mutation uqudo-201-as-20O: unknown sandbox mutation (did you mean uqudo-201-as-200?)\n",
    );
  });
});
