// The conformance proxy: a loopback listener that forwards an app's requests to the upstream byte for byte (only
// Host is the upstream's), and judges each exchange both ways once the answer is back with the app.
import { request as httpRequest, createServer, type IncomingMessage, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import type { CaseResult } from "../results/model.ts";
import type { Redactor } from "../redact/index.ts";
import type { OperationInfo, SpecSet } from "../openapi/types.ts";
import { redactExchange } from "../suite/reproduce.ts";
import type { Exchange, SentRequest, Vendor } from "../types.ts";
import { clientEvidence, type EvidenceKeys } from "./evidence.ts";
import { judge, observedExchange, type ResponseKeys } from "./judge.ts";
import { identify } from "./identify.ts";

/** Beyond this a request or answer is not buffered for checking; the proxy answers 413 / 502 rather than hold it. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Hop-by-hop: they describe this connection, not the message, so they are the only headers not passed on. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "proxy-connection",
  "upgrade",
  "te",
  "trailer",
]);

export interface ProxyOptions {
  vendor: Vendor;
  /** Base URL requests are forwarded to: the app's path is appended. */
  upstream: string;
  /** uqudo: base URL of the OAuth server, where oauthToken goes (default: upstream). */
  authUpstream?: string;
  port?: number;
  host?: string;
  spec: SpecSet;
  keys?: EvidenceKeys & ResponseKeys;
  redactor: Redactor;
  /** After each judged exchange (the live stderr line; tests). */
  onCase?: (result: CaseResult, forwarded: { request: Uint8Array; response: Uint8Array }) => void;
}

export interface Proxy {
  url: string;
  port: number;
  /** Judged exchanges so far, in arrival order. */
  readonly cases: readonly CaseResult[];
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) stream.destroy(new Error(`body above ${MAX_BODY_BYTES} bytes`));
      else chunks.push(c);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** Raw header pairs as received, without the hop-by-hop ones; `host` replaced when given. */
function passOn(raw: string[], host?: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || name === "content-length" || (host !== undefined && name === "host")) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

function lowerHeaders(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!(name in out)) out[name] = raw[i + 1]!;
  }
  return out;
}

interface UpstreamAnswer {
  status: number;
  rawHeaders: string[];
  body: Buffer;
}

function forward(target: URL, method: string, rawHeaders: string[], body: Buffer): Promise<UpstreamAnswer> {
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const headers = [...passOn(rawHeaders, target.host), "Host", target.host, "Content-Length", String(body.length)];
  return new Promise((resolve, reject) => {
    const req = send(target, { method, headers, timeout: 60_000 }, (res) => {
      readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, rawHeaders: res.rawHeaders, body: b }), reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("no answer within 60 s"), { code: "ETIMEDOUT" })));
    req.on("error", reject);
    req.end(body);
  });
}

const ARRIVAL = Symbol("arrival");
const sortedIndex = (cases: CaseResult[], n: number) => {
  const i = cases.findIndex((c) => (c as CaseResult & { [ARRIVAL]: number })[ARRIVAL] > n);
  return i === -1 ? cases.length : i;
};

const joinUrl = (base: string, path: string) => new URL(base.replace(/\/+$/, "") + path);

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const cases: CaseResult[] = [];
  const keys = options.keys ?? {};
  const operations = options.spec.operations.filter((o) => o.vendor === options.vendor);
  let sequence = 0;
  // Exchanges answered but still being judged: closing waits for them, so no exchange the app saw is missing.
  const judging = new Set<Promise<void>>();

  const server: Server = createServer((req, res) => {
    const n = ++sequence;
    const pending = (async () => {
      const started = new Date();
      const t0 = performance.now();
      const path = req.url ?? "/";
      const method = (req.method ?? "GET").toUpperCase();
      let body: Buffer;
      try {
        body = await readAll(req);
      } catch {
        res.writeHead(413).end();
        return;
      }
      const found = identify(operations, method, path);
      const base =
        found?.operation.operationId === "oauthToken" && options.authUpstream ? options.authUpstream : options.upstream;
      const target = joinUrl(base, path);
      const sent: SentRequest = {
        method,
        url: target.href,
        path,
        operationPath: path,
        headers: lowerHeaders(req.rawHeaders),
        body,
      };
      let answer: UpstreamAnswer | undefined;
      let failure: string | undefined;
      try {
        answer = await forward(target, method, req.rawHeaders, body);
        // Bytes out = bytes in: status, headers (but hop-by-hop) and body exactly as the upstream sent them.
        res.writeHead(answer.status, [...passOn(answer.rawHeaders), "Content-Length", String(answer.body.length)]);
        res.end(answer.body);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "";
        failure = `${code === "ECONNREFUSED" ? "connection-refused" : code === "ETIMEDOUT" ? "timeout" : "other"}: ${target.origin} ${(error as Error).message}`;
        // The proxy's own answer, plainly not the vendor's.
        res
          .writeHead(502, {
            "content-type": "text/plain; charset=utf-8",
            "x-ekyc-conformance-proxy": "upstream-unreachable",
          })
          .end(`ekyc-conformance proxy: upstream ${target.origin} did not answer (${code || "error"})\n`);
      }
      const durationMs = performance.now() - t0;
      const result = await observe(options, n, found, sent, answer, failure, started, durationMs, keys);
      // In arrival order, whichever exchange finished being judged first.
      cases.splice(sortedIndex(cases, n), 0, Object.assign(result, { [ARRIVAL]: n }));
      options.onCase?.(result, { request: body, response: answer?.body ?? new Uint8Array() });
    })().catch((error: unknown) => {
      if (!res.headersSent)
        res
          .writeHead(500, { "content-type": "text/plain" })
          .end(`ekyc-conformance proxy: ${(error as Error).message}\n`);
    });
    judging.add(pending);
    void pending.finally(() => judging.delete(pending));
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    cases,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Wait for the exchanges being judged, then drop whatever connection is still open.
        void Promise.allSettled([...judging]).then(() => server.closeAllConnections());
      });
      await Promise.allSettled([...judging]);
    },
  };
}

async function observe(
  options: ProxyOptions,
  n: number,
  found: { operation: OperationInfo; pathParams: Record<string, string> } | undefined,
  sent: SentRequest,
  answer: UpstreamAnswer | undefined,
  failure: string | undefined,
  started: Date,
  durationMs: number,
  keys: EvidenceKeys & ResponseKeys,
): Promise<CaseResult> {
  const label = `${sent.method} ${sent.path.split("?")[0]}`;
  const id = (op: string) => `${op}/exchange-${String(n).padStart(4, "0")}`;
  const response = answer
    ? { status: answer.status, headers: lowerHeaders(answer.rawHeaders), body: answer.body }
    : { status: 0, headers: {}, body: new Uint8Array() };
  if (!found) {
    const exchange: Exchange = {
      operationId: `${options.vendor}.unknown`,
      request: sent,
      response: { ...response },
      timing: { startedAt: started.toISOString(), durationMs },
    };
    const redacted = redactExchange(exchange, options.redactor);
    return {
      id: id(`${options.vendor}.unknown`),
      vendor: options.vendor,
      operationId: `${options.vendor}.unknown`,
      name: `${label} (#${n})`,
      kind: "observed",
      checks: [],
      status: "skipped",
      reason: `${label} is not an operation of the ${options.vendor} spec; forwarded unjudged`,
      findings: [],
      exchanges: [answer ? redacted : { request: redacted.request }],
      durationMs,
    };
  }
  const { operation, pathParams } = found;
  const exchange = observedExchange(operation, sent, response, keys, started, durationMs);
  const evidence = await clientEvidence(operation, sent, pathParams, keys);
  const redacted = redactExchange(exchange, options.redactor);
  const base = {
    id: id(operation.id),
    vendor: options.vendor,
    operationId: operation.id,
    name: `${operation.operationId}: ${label} (#${n})`,
    kind: "observed" as const,
    durationMs,
  };
  const verdict = judge(options.spec, exchange, evidence);
  if (!answer) {
    // No answer at all: the request is still the app's to judge; the vendor side is an infrastructure fault.
    const clientFailed = verdict.findings.some((f) => f.side === "client" && f.severity === "failure");
    const findings = verdict.findings.filter((f) => f.side === "client");
    return {
      ...base,
      checks: verdict.checks,
      status: clientFailed ? "failed" : "inconclusive",
      fault: failure!.split(":")[0]!,
      reason: failure!,
      findings,
      exchanges: [{ request: redacted.request }],
    };
  }
  return {
    ...base,
    checks: verdict.checks,
    status: verdict.status,
    ...(verdict.fault ? { fault: verdict.fault } : {}),
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    findings: verdict.findings,
    exchanges: [redacted],
  };
}
