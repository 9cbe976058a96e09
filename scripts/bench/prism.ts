// (f) A peer tool end to end: Stoplight Prism as a validation proxy in front of the sandbox (uqudo spec), given the
// requests of the uqudo suites; time per checked request vs the kit; what each finds when the sandbox injects
// mutations. Pitfall: start node_modules/.bin/prism itself (not npx) and kill that pid.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { loadSuiteCatalog } from "../../test/testing/suite-catalog.ts";
import { configFromEnv } from "../../src/config/index.ts";
import { findMutation, startSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { authCases } from "../../src/suite/auth-cases.ts";
import { createRunContext } from "../../src/suite/run-context.ts";
import { runCase } from "../../src/suite/run.ts";
import type { SentRequest } from "../../src/types.ts";
import { ROOT, now } from "./lib.ts";

export const PRISM_MUTATIONS = [
  "uqudo-201-as-200",
  "uqudo-missing-session-id",
  "uqudo-match-level-6",
  "uqudo-match-inconsistent",
];

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

async function startPrism(upstream: string): Promise<{ url: string; child: ChildProcess; startMs: number }> {
  const port = await freePort();
  const start = now();
  const child = spawn(
    join(ROOT, "node_modules", ".bin", "prism"),
    ["proxy", "-p", String(port), "-h", "127.0.0.1", join(ROOT, "specs", "uqudo.yaml"), upstream, "--errors"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited ${child.exitCode}: ${stderr.slice(-300)}`);
    if (now() - start > 60_000) {
      child.kill("SIGKILL");
      throw new Error("prism did not start within 60 s");
    }
    try {
      await fetch(`${url}/__ready`);
      return { url, child, startMs: now() - start };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

type Verdict = {
  status: number;
  responseViolations: number;
  requestRejected: boolean;
  messages: string[];
  requestMessage?: string;
};

async function viaPrism(prismUrl: string, upstream: string, r: SentRequest): Promise<Verdict> {
  const response = await fetch(prismUrl + r.url.slice(upstream.length), {
    method: r.method,
    headers: r.headers,
    ...(r.body.length > 0 && r.method !== "GET" ? { body: new Uint8Array(r.body) } : {}),
  });
  const text = await response.text();
  const header = response.headers.get("sl-violations");
  let violations: { location?: string[]; message?: string }[] = [];
  if (header) {
    try {
      violations = JSON.parse(header);
    } catch {
      violations = [{ message: header }];
    }
  }
  // Prism's own answers (problem+json with a stoplight.io/prism/errors type): it refused the request itself.
  let requestMessage: string | undefined;
  if (text.includes("stoplight.io/prism/errors")) {
    try {
      const problem = JSON.parse(text) as {
        title?: string;
        detail?: string;
        validation?: { location?: string[]; message?: string }[];
      };
      requestMessage = `${response.status} ${problem.title ?? ""}: ${problem.validation?.[0] ? `${(problem.validation[0].location ?? []).join(".")} ${problem.validation[0].message}` : (problem.detail ?? "").slice(0, 120)}`;
    } catch {
      requestMessage = `${response.status}`;
    }
  }
  const resp = violations.filter((v) => v.location?.[0] === "response" || v.location === undefined);
  return {
    status: response.status,
    responseViolations: resp.length,
    requestRejected: requestMessage !== undefined,
    ...(requestMessage ? { requestMessage } : {}),
    messages: resp.map((v) => `${(v.location ?? []).join(".")}: ${v.message}`).slice(0, 3),
  };
}

export interface PrismFigures {
  tool: string;
  startMs: number;
  operations: string[];
  requests: number;
  msPerRequest: { prism: number[]; direct: number[]; kit: number[] };
  baseline: {
    flaggedByPrism: number;
    requestRejectedByPrism: number;
    rejectionSamples: string[];
    kitFailedCases: number;
    cases: number;
  };
  mutations: {
    name: string;
    operations: string[];
    kitCases: number;
    prismFlagged: number;
    prismRejectedRequests: number;
    prismSample: string[];
    kitFailedCases: number;
    kitSample: string[];
  }[];
  error?: string;
}

export async function prismBench(repetitions: number, log: (m: string) => void): Promise<PrismFigures> {
  const sandbox: Sandbox = await startSandbox({ port: 0 });
  let prism: Awaited<ReturnType<typeof startPrism>> | undefined;
  try {
    const upstream = sandbox.baseUrls.uqudo;
    const config = configFromEnv({ ...process.env, CONFORMANCE_TARGET: "sandbox", CONFORMANCE_VENDORS: "uqudo" });
    const catalog = (await loadSuiteCatalog()).filter((e) => e.vendor === "uqudo");
    const sent: SentRequest[] = [];
    const operationOf = new Map<SentRequest, string>();
    const runAll = async (only?: readonly string[]) => {
      const context = createRunContext({
        config,
        sandbox: {
          baseUrls: sandbox.baseUrls,
          origin: sandbox.origin,
          registerImage: (b, m) => sandbox.registerImage(b, m),
        },
      });
      const send = context.transport.send.bind(context.transport);
      context.transport = {
        target: context.transport.target,
        close: () => Promise.resolve(),
        send: async (q, c) => {
          const e = await send(q, c);
          sent.push(e.request);
          operationOf.set(e.request, e.operationId);
          return e;
        },
      };
      sent.length = 0;
      const start = now();
      const results = [];
      for (const { suite } of catalog) {
        if (only && !only.includes(suite.operationId)) continue;
        for (const d of [...suite.cases, ...authCases(suite)])
          results.push(await runCase(context, suite.operationId, d));
      }
      return {
        results,
        ms: now() - start,
        requests: sent.filter((s) => s.url.startsWith(upstream + "/")).length,
        all: sent.length,
      };
    };
    const kitMs: number[] = [];
    let base = await runAll();
    for (let r = 0; r < repetitions; r++) {
      base = await runAll();
      kitMs.push(base.ms / base.all);
    }
    const requests = sent.filter((s) => s.url.startsWith(upstream + "/")).map((s) => ({ ...s }));
    const checkedOperations = [
      ...new Set(sent.filter((q) => q.url.startsWith(upstream + "/")).map((q) => operationOf.get(q) ?? "?")),
    ];
    prism = await startPrism(upstream);
    log(`prism: proxy started in ${prism.startMs.toFixed(0)} ms; ${requests.length} requests`);
    const prismMs: number[] = [];
    const directMs: number[] = [];
    let verdicts: Verdict[] = [];
    for (let r = 0; r < repetitions; r++) {
      let t = now();
      verdicts = [];
      for (const q of requests) verdicts.push(await viaPrism(prism.url, upstream, q));
      prismMs.push((now() - t) / requests.length);
      t = now();
      for (const q of requests)
        await (
          await fetch(q.url, {
            method: q.method,
            headers: q.headers,
            ...(q.body.length > 0 && q.method !== "GET" ? { body: new Uint8Array(q.body) } : {}),
          })
        ).arrayBuffer();
      directMs.push((now() - t) / requests.length);
    }
    const mutations: PrismFigures["mutations"] = [];
    for (const name of PRISM_MUTATIONS) {
      const operations = findMutation(name).operations;
      sandbox.setMutation(name);
      const pv: Verdict[] = [];
      for (const q of requests) pv.push(await viaPrism(prism.url, upstream, q));
      const kit = await runAll(operations);
      sandbox.setMutation(null);
      const failed = kit.results.filter((c) => c.status === "failed");
      mutations.push({
        name,
        operations: [...operations],
        prismFlagged: pv.filter((v) => v.responseViolations > 0).length,
        prismRejectedRequests: pv.filter((v) => v.requestRejected).length,
        kitCases: kit.results.length,
        prismSample: [...new Set(pv.flatMap((v) => v.messages))].slice(0, 3),
        kitFailedCases: failed.length,
        kitSample: [
          ...new Set(
            failed.flatMap((c) =>
              c.findings.filter((f) => f.severity === "failure").map((f) => `${f.check}: ${f.message}`.slice(0, 140)),
            ),
          ),
        ].slice(0, 3),
      });
      log(
        `prism: mutation ${name}: prism flagged ${mutations.at(-1)!.prismFlagged}/${requests.length} responses, kit failed ${failed.length}/${kit.results.length} cases`,
      );
    }
    return {
      tool: "@stoplight/prism-cli 5.14.2 proxy --errors",
      startMs: prism.startMs,
      operations: checkedOperations,
      requests: requests.length,
      msPerRequest: { prism: prismMs, direct: directMs, kit: kitMs },
      baseline: {
        flaggedByPrism: verdicts.filter((v) => v.responseViolations > 0).length,
        requestRejectedByPrism: verdicts.filter((v) => v.requestRejected).length,
        rejectionSamples: [...new Set(verdicts.flatMap((v) => (v.requestMessage ? [v.requestMessage] : [])))].slice(
          0,
          4,
        ),
        kitFailedCases: base.results.filter((c) => c.status === "failed").length,
        cases: base.results.length,
      },
      mutations,
    };
  } finally {
    if (prism) {
      prism.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (prism.child.exitCode === null) prism.child.kill("SIGKILL");
    }
    await sandbox.close();
  }
}
