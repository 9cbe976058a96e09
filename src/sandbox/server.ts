// The sandbox HTTP server: one port, vendor by path prefix, bounded request bodies, mutations and
// faults applied around the vendor handlers. Never fetches anything from the network.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { loadSpecs } from "../openapi/index.ts";
import type { SpecSet } from "../openapi/types.ts";
import { handleAdvance } from "./advance.ts";
import { jsonResponse, serialise, type Ctx, type Route, type SbRequest, type WireResponse } from "./handler-context.ts";
import { publicCredentials, sandboxSecrets, type SandboxCredentials } from "./credentials.ts";
import { CASE_HEADER, SEQUENCE_HEADER } from "../recording/format.ts";
import { IdSource } from "./ids.ts";
import { analyseImage, detectFormat } from "./imaging.ts";
import { applyAfter, applyBefore, applyToAnswer, Faults, type FaultRule, type RequestNote } from "./faults.ts";
import { ADMIN_PREFIX, handleAdmin } from "./admin.ts";
import { findMutation, type Mutation } from "./mutations.ts";
import { Rules } from "./rules.ts";
import { State } from "./state.ts";
import { handleUqudo, handleUqudoAuth } from "./uqudo.ts";
import { caseZolozHeaders, handleZoloz, type ZolozHeaderCase } from "./zoloz.ts";

/** Request bodies beyond this are discarded and answered as each vendor answers a too-large body. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;
/** Beyond this the connection is dropped rather than drained. */
const HARD_BODY_BYTES = 64 * 1024 * 1024;

export type { FaultKind, FaultRule } from "./faults.ts";

export interface SandboxOptions {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Names of mutations from MUTATIONS (test-only contract regressions), applied together in this order. */
  mutation?: string | readonly string[] | null;
  /** Faults in force from the start (`FAULTS` in switches.ts names the integrator-facing ones). */
  faults?: FaultRule[];
  /** Clock in epoch ms; default Date.now. */
  now?: () => number;
  /** Seed of the id sequences and of the faults' rate draws; default "ekyc-sandbox". */
  seed?: string;
  /** The loaded specs (default: `loadSpecs()`, so CONFORMANCE_SPECS_DIR applies): the routes and every answer's facts. */
  specs?: SpecSet;
  /**
   * Header-name casing of ZOLOZ answers: "lower" (default; what ZOLOZ's shell client zoloz.sh needs) or
   * "canonical" (`Signature`, `Response-Time`, `Encrypt`, `Content-Type`: what ZOLOZ's Java SDK looks up).
   */
  zolozHeaderCase?: ZolozHeaderCase;
}

export interface Sandbox {
  baseUrls: { advance: string; zoloz: string; uqudo: string; uqudoAuth: string };
  /** `http://host:port`. */
  origin: string;
  port: number;
  credentials: SandboxCredentials;
  /** The active mutations' names, comma-separated; null when none is active. */
  readonly mutation: string | null;
  setMutation(name: string | readonly string[] | null): void;
  setFaults(faults: FaultRule[] | null): void;
  /** The faults in force (`times` counted down). */
  readonly faults: FaultRule[];
  /** `${origin}/_admin`: the switches over HTTP, for loopback clients (admin.ts). */
  readonly adminUrl: string;
  /** Vendor requests received so far (time, method, route, vendor path, operation, status, injected fault), oldest first; `clearRequests` empties it. */
  readonly requests: readonly RequestNote[];
  clearRequests(): void;
  /** Store image bytes and return the sandbox URL that serves them (usable as ADVANCE faceImage). */
  registerImage(bytes: Uint8Array, contentType?: string): string;
  /** Forget all state and restart the id sequences. */
  reset(): void;
  /** The spec lookups; `rules.gaps` lists violations the specs document no rejection for. */
  readonly rules: Rules;
  close(): Promise<void>;
}

const PREFIXES: Array<[string, Route]> = [
  ["/advance", "advance"],
  ["/zoloz", "zoloz"],
  ["/uqudo-auth", "uqudoAuth"],
  ["/uqudo", "uqudo"],
];

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const rules = new Rules(options.specs ?? loadSpecs());
  const state = new State();
  const ids = new IdSource(options.seed ?? "ekyc-sandbox");
  const now = options.now ?? Date.now;
  const activate = (names: string | readonly string[] | null | undefined): Mutation[] =>
    (typeof names === "string" ? [names] : [...(names ?? [])]).filter((n) => n !== "").map(findMutation);
  let mutations = activate(options.mutation);
  const faults = new Faults(options.faults, options.seed ?? "ekyc-sandbox");
  const sockets = new Set<Socket>();

  const ctx: Ctx = {
    now,
    ids,
    rules,
    credentials: publicCredentials(),
    secrets: sandboxSecrets(),
    state,
    flag: (name, operation) => mutations.some((m) => m.apply.flags?.[name] && m.operations.includes(operation)),
    origin: "",
    analyse: analyseImage,
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "Internal Server Error", message: "unexpected sandbox error" }));
      } else {
        res.destroy();
      }
    });
  });
  // Idle keep-alive sockets are closed by the client, never by the sandbox: a server-side idle timeout races a client
  // whose event loop lags under load, and the client sees "connection reset" on a POST it will not retry.
  server.keepAliveTimeout = 0;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://sandbox.invalid");
    } catch {
      return send(res, serialise(jsonResponse(400, { error: "Bad Request", message: "unparsable request target" })));
    }
    const { body, overflow, aborted } = await readBody(req);
    if (aborted) return;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? (v[0] ?? "") : v;
    const rawPath = url.pathname;

    if (rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`)) {
      return send(
        res,
        handleAdmin(
          {
            method: req.method ?? "GET",
            path: rawPath,
            query: url.searchParams,
            headers,
            body,
            overflow,
            remoteAddress: req.socket.remoteAddress,
          },
          admin,
        ),
      );
    }
    if (rawPath === "/__images" || rawPath.startsWith("/__images/"))
      return send(res, images(req.method ?? "GET", rawPath, body));
    const prefix = PREFIXES.find(([p]) => rawPath === p || rawPath.startsWith(`${p}/`));
    if (!prefix) {
      return send(
        res,
        serialise(
          jsonResponse(404, {
            error: "Not Found",
            message: `no route ${rawPath}; vendors live under /advance, /zoloz, /uqudo, /uqudo-auth`,
          }),
        ),
      );
    }
    const [p, route] = prefix;
    const sb: SbRequest = {
      method: req.method ?? "GET",
      path: rawPath.slice(p.length) || "/",
      rawPath,
      query: url.searchParams,
      headers,
      body,
      overflow,
    };

    const note: RequestNote = { at: new Date(now()).toISOString(), method: sb.method, route, path: sb.path };
    const fault = faults.take(note, body);
    if (fault && (await applyBefore(fault, route, ctx, req, res, send)) === "answered") return;

    const tagged =
      headers[CASE_HEADER] !== undefined ? `${headers[CASE_HEADER]}#${headers[SEQUENCE_HEADER] ?? "0"}` : undefined;
    const answer = await ids.within(tagged, () =>
      route === "advance"
        ? handleAdvance(sb, ctx)
        : route === "zoloz"
          ? handleZoloz(sb, ctx)
          : route === "uqudo"
            ? handleUqudo(sb, ctx)
            : handleUqudoAuth(sb, ctx),
    );
    if (answer.operation !== undefined) note.operation = answer.operation;
    if (fault) applyToAnswer(fault, answer, ctx);
    const applied = mutations.filter((m) => answer.operation && m.operations.includes(answer.operation));
    for (const m of applied) m.apply.response?.(answer);
    const wire = answer.seal ? answer.seal(answer) : serialise(answer);
    for (const m of applied) m.apply.wire?.(wire);
    if (route === "zoloz") wire.headers = caseZolozHeaders(wire.headers, options.zolozHeaderCase ?? "lower");
    if (fault && (await applyAfter(fault, wire, res, send))) return;
    note.status = wire.status;
    send(res, wire);
  }

  const admin = {
    mutations: () => mutations.map((m) => m.name),
    setMutations: (names: string[]) => (mutations = activate(names)),
    faults: () => faults.active,
    setFaults: (rules: FaultRule[]) => faults.set(rules),
    requests: () => faults.log,
    clearRequests: () => void (faults.log.length = 0),
    state: () => state.snapshot(now()),
    reset: () => {
      state.reset();
      ids.reset();
    },
  };

  function images(method: string, path: string, body: Buffer): WireResponse {
    if (path === "/__images") {
      if (method !== "POST") return serialise(jsonResponse(405, { error: "Method Not Allowed" }, { allow: "POST" }));
      const id = state.putImage(body, imageType(body));
      return serialise(jsonResponse(201, { id, url: `${ctx.origin}/__images/${id}` }));
    }
    if (method !== "GET" && method !== "HEAD")
      return serialise(jsonResponse(405, { error: "Method Not Allowed" }, { allow: "GET" }));
    const img = state.images.get(path.slice("/__images/".length));
    if (!img) return serialise(jsonResponse(404, { error: "Not Found", message: "no such image" }));
    return { status: 200, headers: { "content-type": img.contentType }, body: img.bytes };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  ctx.origin = origin;

  return {
    baseUrls: {
      advance: `${origin}/advance`,
      zoloz: `${origin}/zoloz`,
      uqudo: `${origin}/uqudo`,
      uqudoAuth: `${origin}/uqudo-auth`,
    },
    origin,
    port,
    credentials: ctx.credentials,
    rules,
    get mutation() {
      return mutations.length > 0 ? mutations.map((m) => m.name).join(",") : null;
    },
    setMutation(name) {
      mutations = activate(name);
    },
    setFaults(next) {
      admin.setFaults(next ?? []);
    },
    get faults() {
      return admin.faults();
    },
    adminUrl: `${origin}${ADMIN_PREFIX}`,
    get requests() {
      return admin.requests();
    },
    clearRequests: admin.clearRequests,
    registerImage(bytes, contentType) {
      const buf = Buffer.from(bytes);
      return `${origin}/__images/${state.putImage(buf, contentType ?? imageType(buf))}`;
    },
    reset: admin.reset,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function imageType(bytes: Uint8Array): string {
  const f = detectFormat(bytes);
  return f === "unknown" ? "application/octet-stream" : `image/${f}`;
}

function readBody(req: IncomingMessage): Promise<{ body: Buffer; overflow: boolean; aborted: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const overflow = total > MAX_BODY_BYTES;
      resolve({ body: overflow ? Buffer.alloc(0) : Buffer.concat(chunks), overflow, aborted });
    };
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
      if (total > HARD_BODY_BYTES) {
        req.socket.destroy();
        finish(true);
      }
    });
    req.on("end", () => finish(false));
    req.on("error", () => finish(true));
    req.on("close", () => finish(!req.complete));
  });
}

/** Writes the wire response. A 204 with a body (a mutation) is written raw, since node:http drops it. */
function send(res: ServerResponse, wire: WireResponse): void {
  if (res.writableEnded || res.destroyed) return;
  if ((wire.status === 204 || wire.status === 304) && wire.body.length > 0) {
    const head = [
      `HTTP/1.1 ${wire.status} No Content`,
      ...Object.entries(wire.headers).map(([k, v]) => `${k}: ${v}`),
      `content-length: ${wire.body.length}`,
      "connection: close",
      "",
      "",
    ].join("\r\n");
    const socket = res.socket;
    res.detachSocket?.(socket!);
    socket?.end(Buffer.concat([Buffer.from(head, "latin1"), wire.body]));
    return;
  }
  const headers: Record<string, string | number> = { ...wire.headers };
  if (wire.status !== 204 && wire.status !== 304) headers["content-length"] = wire.body.length;
  res.writeHead(wire.status, headers);
  res.end(wire.status === 204 || wire.status === 304 ? undefined : wire.body);
}
