// `npx tsx scripts/bench/proxy.ts`: what the conformance proxy costs per request, measured against the same requests
// sent straight to the embedded sandbox, interleaved one by one so load on the machine hits both alike.
// Knobs: PROXY_BENCH_N (light requests, default 200), PROXY_BENCH_HEAVY_N (image requests, default 40).
import { cpus, loadavg } from "node:os";
import { Redactor } from "../../src/redact/index.ts";
import { loadSandboxCredentials } from "../../src/auth/sandbox-credentials.ts";
import { renderImage } from "../../src/images/index.ts";
import { startProxy } from "../../src/proxy/server.ts";
import { startSandbox } from "../../src/sandbox/server.ts";
import { loadSpecs } from "../../src/openapi/index.ts";

const n = Number(process.env["PROXY_BENCH_N"] ?? 200);
const heavyN = Number(process.env["PROXY_BENCH_HEAVY_N"] ?? 40);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

const sandbox = await startSandbox();
const creds = loadSandboxCredentials();
const judged = new Map<string, number>();
const proxy = await startProxy({
  vendor: "uqudo",
  upstream: sandbox.baseUrls.uqudo,
  authUpstream: sandbox.baseUrls.uqudoAuth,
  spec: loadSpecs(),
  redactor: new Redactor(),
  onCase: (c) => judged.set(c.id, performance.now()),
});

const form = new URLSearchParams({
  grant_type: "client_credentials",
  client_id: creds.uqudo.clientId,
  client_secret: creds.uqudo.clientSecret,
}).toString();
const token = async (base: string) => {
  const res = await fetch(`${base}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  return (await res.json()) as { access_token: string };
};
const { access_token } = await token(sandbox.baseUrls.uqudoAuth);
const image = async (subject: number) =>
  Buffer.from(await renderImage({ format: "jpeg", width: 1024, height: 1024, subject })).toString("base64");
const match = JSON.stringify({ sourceImage: await image(1), targetImage: await image(2), minimumMatchLevel: 3 });
const faceMatch = async (base: string) => {
  const res = await fetch(`${base}/api/v1/face/match`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
    body: match,
  });
  await res.arrayBuffer();
};

async function measure(count: number, direct: () => Promise<unknown>, proxied: () => Promise<unknown>) {
  const d: number[] = [];
  const p: number[] = [];
  const untilJudged: number[] = [];
  const timeDirect = async (i: number) => {
    const t = performance.now();
    await direct();
    if (i >= 5) d.push(performance.now() - t);
  };
  const timeProxied = async (i: number) => {
    const before = judged.size;
    const t = performance.now();
    await proxied();
    if (i >= 5) p.push(performance.now() - t);
    // The proxy judges after answering: how long until this exchange's verdict exists.
    while (judged.size === before) await new Promise((r) => setImmediate(r));
    if (i >= 5) untilJudged.push([...judged.values()].pop()! - t);
  };
  // Alternate which goes first, so neither side always meets a warm (or a cold) server.
  for (let i = 0; i < count + 5; i++) {
    if (i % 2 === 0) {
      await timeDirect(i);
      await timeProxied(i);
    } else {
      await timeProxied(i);
      await timeDirect(i);
    }
  }
  return {
    n: count,
    directMs: median(d),
    proxiedMs: median(p),
    overheadMs: median(p) - median(d),
    proxiedP95Ms: p95(p),
    directP95Ms: p95(d),
    untilJudgedMs: median(untilJudged),
  };
}

const light = await measure(
  n,
  () => token(sandbox.baseUrls.uqudoAuth),
  () => token(proxy.url),
);
const heavy = await measure(
  heavyN,
  () => faceMatch(sandbox.baseUrls.uqudo),
  () => faceMatch(proxy.url),
);
await proxy.close();
await sandbox.close();
const round = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 100) / 100]));
console.log(
  JSON.stringify(
    {
      at: new Date().toISOString(),
      cpus: cpus().length,
      load: loadavg().map((l) => Math.round(l * 100) / 100),
      bodyBytes: match.length,
      oauthToken: round(light),
      faceMatch: round(heavy),
    },
    null,
    2,
  ),
);
