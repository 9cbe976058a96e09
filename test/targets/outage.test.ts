// An outage is not a regression, and a regression is not an outage, proven through the real command line:
// `node bin/ekyc-conformance.js run --target live`, configured by environment as a user configures it, against
// (a) a port nobody listens on, (b) a host that accepts connections and never answers, (c) a host that answers HTML
// 500 to everything — each exits 2 within 30 s with one stderr line naming host:port and the cause — and (d) a
// sandbox that answers HTML 500 to one input only, which the not_a_server_error check reports as a failure (exit 1).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseResult, RunResults } from "../../src/results/model.ts";
import { readJournal } from "../../src/reliability/journal.ts";
import { sandboxSummary } from "../../src/sandbox/cli.ts";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { runCli, shown, type CliResult } from "../cli/cli-process.ts";
import { closedPort } from "../reliability/support.ts";
import { liveEnv, type SandboxSummary } from "./support.ts";

const KEYS = join(REPO_ROOT, "fixtures", "keys");
const CREDENTIALS = JSON.parse(readFileSync(join(KEYS, "sandbox-credentials.json"), "utf8")) as {
  zoloz: { clientId: string };
  uqudo: { clientId: string };
};

/** Every vendor of a live run at one origin, with well-formed credentials (the host never gets to judge them). */
function at(origin: string): SandboxSummary {
  return {
    advance: { baseUrl: `${origin}/advance`, accessKey: "outage-test-access-key", secretKey: "outage-test-secret-key" },
    zoloz: {
      baseUrl: `${origin}/zoloz`,
      clientId: CREDENTIALS.zoloz.clientId,
      merchantPrivateKeyPath: join(KEYS, "merchant-private.pem"),
      platformPublicKeyPath: join(KEYS, "platform-public.pem"),
    },
    uqudo: {
      baseUrl: `${origin}/uqudo`,
      authUrl: `${origin}/uqudo-auth`,
      clientId: CREDENTIALS.uqudo.clientId,
      clientSecret: "outage-test-client-secret",
    },
  };
}

let dir: string;
let hanging: Server;
const sockets = new Set<Socket>();
let html500: HttpServer;
let sandbox: Sandbox;

const origin = (server: Server | HttpServer) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const listen = (server: Server | HttpServer) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ekyc-outage-"));
  // Accepts every connection, reads whatever comes, never writes a byte.
  hanging = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("data", () => undefined);
  });
  html500 = createHttpServer((req, res) => {
    req.resume();
    res
      .writeHead(500, { "content-type": "text/html; charset=utf-8" })
      .end("<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>");
  });
  sandbox = await startSandbox({ port: 0 });
  await Promise.all([listen(hanging), listen(html500)]);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([new Promise((r) => hanging?.close(r)), new Promise((r) => html500?.close(r))]);
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  cli: CliResult;
  results: RunResults;
  journal: string;
}

async function run(
  name: string,
  summary: SandboxSummary,
  extra: Record<string, string> = {},
  args: string[] = [],
): Promise<Run> {
  const out = join(dir, name);
  const journal = join(out, "journal.jsonl");
  const cli = await runCli(["run", "--target", "live", "--quiet", "--out", out, "--journal", journal, ...args], {
    cwd: dir,
    env: liveEnv(summary, extra),
    timeoutMs: 120_000,
  });
  let results: RunResults;
  try {
    results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as RunResults;
  } catch {
    throw new Error(`no results.json\n${shown(cli)}`);
  }
  return { cli, results, journal };
}

const count = (cases: CaseResult[], status: CaseResult["status"]) => cases.filter((c) => c.status === status).length;
const stderrLines = (cli: CliResult) => cli.stderr.split("\n").filter((l) => l.trim() !== "");

function expectOutage(r: Run, host: string, cause: RegExp): void {
  expect(r.cli.code, shown(r.cli)).toBe(2);
  expect(r.cli.ms, shown(r.cli)).toBeLessThan(30_000);
  const lines = stderrLines(r.cli);
  expect(lines, shown(r.cli)).toHaveLength(1);
  const inconclusive = count(r.results.cases, "inconclusive");
  expect(lines[0]).toMatch(new RegExp(`^ekyc-conformance: ${host.replace(/\./g, "\\.")}: `));
  expect(lines[0]).toMatch(cause);
  expect(lines[0]).toContain(`left ${inconclusive} cases of advance, zoloz, uqudo inconclusive`);
  // An outage is never a verdict on the vendor.
  expect(count(r.results.cases, "failed")).toBe(0);
  expect(count(r.results.cases, "passed")).toBe(0);
  expect(inconclusive).toBeGreaterThan(0);
  for (const c of r.results.cases.filter((x) => x.status === "inconclusive")) expect(c.reason, c.id).toBeTruthy();
  console.info(
    `${host}: exit ${r.cli.code} in ${(r.cli.ms / 1000).toFixed(1)} s, ${inconclusive} inconclusive, ${count(r.results.cases, "skipped")} skipped; stderr: ${lines[0]}`,
  );
}

describe("an outage ends the run in seconds: exit 2, one stderr line naming host:port and the cause", () => {
  it("(a) a port nobody listens on: connection refused; no user the run never created is journaled", async () => {
    const port = await closedPort();
    const r = await run("refused", at(`http://127.0.0.1:${port}`));
    expectOutage(
      r,
      `127.0.0.1:${port}`,
      /: connection refused \(\d+ consecutive failures\); the run stopped calling it/,
    );
    expect(
      r.results.cases.filter((c) => c.status === "inconclusive").every((c) => c.fault === "connection-refused"),
    ).toBe(true);
    expect(readJournal(r.journal)).toEqual([]);
  }, 90_000);

  it("(b) a host that accepts and never answers: timeout (CONFORMANCE_TIMEOUT_MS=500)", async () => {
    const r = await run("hanging", at(origin(hanging)), { CONFORMANCE_TIMEOUT_MS: "500" });
    expectOutage(r, new URL(origin(hanging)).host, /: no response within the timeout \(\d+ consecutive failures\)/);
    expect(r.results.cases.filter((c) => c.status === "inconclusive").every((c) => c.fault === "timeout")).toBe(true);
  }, 90_000);

  it("(c) a host that answers HTML 500 to everything: vendor outage, not a failure", async () => {
    const r = await run("html500", at(origin(html500)));
    expectOutage(r, new URL(origin(html500)).host, /: HTTP 500 with an HTML page \(\d+ consecutive failures\)/);
    expect(r.results.cases.filter((c) => c.status === "inconclusive").every((c) => c.fault === "vendor-outage")).toBe(
      true,
    );
  }, 90_000);
});

describe("a regression is not an outage", () => {
  it("(d) one input reproducibly answered with HTML 500 while the vendor answers the rest: not_a_server_error fails the case, exit 1", async () => {
    sandbox.setFaults([
      {
        kind: "status",
        status: 500,
        body: "html",
        route: "advance",
        path: "get-enroll",
        bodyIncludes: '"userId":12345',
      },
    ]);
    const r = await run("regression", sandboxSummary(sandbox) as unknown as SandboxSummary, {}, [
      "--vendor",
      "advance",
    ]);
    expect(r.cli.code, shown(r.cli)).toBe(1);
    expect(stderrLines(r.cli), shown(r.cli)).toEqual([]);
    const failed = r.results.cases.filter((c) => c.status === "failed");
    expect(failed.map((c) => c.id)).toEqual(["advance.getEnroll/numeric-user-id"]);
    expect(failed[0]!.findings.find((f) => f.check === "not_a_server_error")?.message).toBe(
      "HTTP 500 (text/html) on all 3 attempts for this input, while advance.getEnroll answered its valid default request with HTTP 200 (application/json) right after",
    );
    expect(count(r.results.cases, "inconclusive")).toBe(0);
  }, 120_000);
});
