// Infrastructure faults the sandbox can inject around its vendor handlers, for the kit's reliability tests and for
// integrators testing their own app: what a flaky network, an overloaded gateway or a misconfigured proxy does to a
// client. Loopback only.
import { createHash } from "node:crypto";
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { envelope } from "./advance.ts";
import {
  isObject,
  jsonResponse,
  serialise,
  type Ctx,
  type Route,
  type SbResponse,
  type WireResponse,
} from "./handler-context.ts";

export type FaultKind =
  /** Destroy the connection before answering. */
  | "reset"
  /** Never answer (the client's timeout ends it). */
  | "hang"
  /** Answer normally after `delayMs`. */
  | "delay"
  /** Answer `status` (default 503) with a `body` of "json" (default), "html" or "empty". */
  | "status"
  /** The vendor's own throttling answer: ADVANCE SERVICE_BUSY, ZOLOZ REQUEST_TRAFFIC_EXCEED_LIMIT, uqudo 429. */
  | "rate-limit"
  /** Send the headers and half the real answer, then destroy the connection. */
  | "reset-mid-body"
  /** Send the real answer one byte every `delayMs` (default 50). */
  | "trickle"
  /** Send the first half of the real answer with a matching Content-Length: complete framing, cut-off JSON. */
  | "truncate"
  /** A 200 JSON body of `bytes` (default 20 MiB). */
  | "huge-body"
  /** The real answer re-encoded in `encoding` (default UTF-16LE with BOM) under `charset` (default UTF-16). */
  | "charset"
  /** A 307 to the same URL, for ever. */
  | "redirect-loop"
  /** Refuse the (valid) token: ADVANCE IAM_FAILED, uqudo 401. Never applied to the token endpoints. */
  | "expire-token"
  /** The operation's documented server error (ADVANCE ERROR, ZOLOZ SYSTEM_ERROR, uqudo 500), where its spec documents one. */
  | "vendor-error";

/** An infrastructure fault injected around the vendor handler (for transport tests). */
export interface FaultRule {
  kind: FaultKind;
  /** Only requests to this vendor route (default: all). */
  route?: Route;
  /** Only requests whose vendor path contains this text. */
  path?: string;
  /** Only requests whose body contains this text (one input of an operation). */
  bodyIncludes?: string;
  /** HTTP status for kind "status" (default 503). */
  status?: number;
  /** Milliseconds for kind "delay" (default 1000) and between bytes for "trickle" (default 50). */
  delayMs?: number;
  /** Apply to this many matching requests, then disarm (default: unlimited). */
  times?: number;
  /** Apply to this share (0..1) of matching requests, drawn from the sandbox seed (default: all). */
  rate?: number;
  /** The integrator-facing name this rule came from (`FAULTS` in switches.ts), for listing it back. */
  name?: string;
  /** Body of kind "status" (default "json"). */
  body?: "json" | "html" | "empty";
  /** Retry-After header for "status" and "rate-limit" (rate-limit defaults: "10s" for ADVANCE, "10" otherwise). */
  retryAfter?: string;
  /** Size of the "huge-body" answer. */
  bytes?: number;
  /** Charset declared by "charset". */
  charset?: string;
  /** Encoding of the bytes sent by "charset". */
  encoding?: "utf16le" | "latin1" | "utf8";
}

/** Faults applied to the handler's real answer. */
const AFTER: ReadonlySet<FaultKind> = new Set(["reset-mid-body", "trickle", "truncate", "charset", "vendor-error"]);

export function isTokenCall(route: Route, path: string): boolean {
  return route === "uqudoAuth" || (route === "advance" && path.includes("generate-token"));
}

/** One vendor request the sandbox received (never its headers or body), and the fault it got (if any). */
export interface RequestNote {
  /** Arrival time, ISO 8601 on the sandbox clock. */
  at: string;
  method: string;
  route: Route;
  /** Vendor path, without the query. */
  path: string;
  /** Global operation id once a handler recognised it. */
  operation?: string;
  /** HTTP status written (absent when a fault answered or cut the connection). */
  status?: number;
  /** The fault it got: its `FAULTS` name, or its kind for a rule given in code. */
  fault?: string;
}

/** The request log keeps the most recent this many requests. */
export const REQUEST_LOG_LIMIT = 10_000;

export class Faults {
  private rules: FaultRule[];
  private draws = 0;
  /** Every vendor request, in arrival order (bounded: the last REQUEST_LOG_LIMIT). */
  readonly log: RequestNote[] = [];
  constructor(
    rules: FaultRule[] = [],
    private readonly seed = "ekyc-sandbox",
  ) {
    this.rules = rules.map((f) => ({ ...f }));
  }

  /** Replaces the rules; the rate draws restart, so the same rules on the same requests fault the same ones. */
  set(rules: FaultRule[] | null): void {
    this.rules = (rules ?? []).map((f) => ({ ...f }));
    this.draws = 0;
  }

  /** The rules in force, `times` counted down (copies). */
  get active(): FaultRule[] {
    return this.rules.filter((f) => f.times === undefined || f.times > 0).map((f) => ({ ...f }));
  }

  /** Logs the request and returns the first armed rule that matches it (and, with a rate, draws it), counted down. */
  take(note: RequestNote, body: Buffer = Buffer.alloc(0)): FaultRule | undefined {
    const { route, path } = note;
    const f = this.rules.find(
      (x) =>
        (x.route === undefined || x.route === route) &&
        (x.path === undefined || path.includes(x.path)) &&
        (x.bodyIncludes === undefined || body.includes(x.bodyIncludes)) &&
        (x.times === undefined || x.times > 0) &&
        !(x.kind === "expire-token" && isTokenCall(route, path)) &&
        (x.rate === undefined || this.draw() < x.rate),
    );
    if (f && f.times !== undefined) f.times -= 1;
    if (f) note.fault = f.name ?? f.kind;
    this.log.push(note);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.splice(0, this.log.length - REQUEST_LOG_LIMIT);
    return f;
  }

  /** A number in [0, 1) from the seed and the draw count: reproducible, unlike Math.random. */
  private draw(): number {
    return createHash("sha256").update(`${this.seed}:fault:${this.draws++}`).digest().readUInt32BE(0) / 2 ** 32;
  }
}

/**
 * Applies a fault before the vendor handler. Returns "answered" when the request is dealt with, "continue" when the
 * handler runs (a "delay", or a fault applied to its answer).
 */
export async function applyBefore(
  fault: FaultRule,
  route: Route,
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  write: (res: ServerResponse, wire: WireResponse) => void,
): Promise<"answered" | "continue"> {
  switch (fault.kind) {
    case "reset":
      req.socket.destroy();
      return "answered";
    case "hang":
      return "answered";
    case "delay":
      await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
      return "continue";
    case "status": {
      const status = fault.status ?? 503;
      const headers: Record<string, string> = fault.retryAfter ? { "retry-after": fault.retryAfter } : {};
      if (fault.body === "html") {
        write(res, {
          status,
          headers: { ...headers, "content-type": "text/html; charset=utf-8" },
          body: Buffer.from(
            `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${status} ${STATUS_CODES[status] ?? "Error"}</h1><p>upstream connect error</p></body></html>`,
          ),
        });
      } else if (fault.body === "empty") {
        write(res, { status, headers, body: Buffer.alloc(0) });
      } else {
        write(res, serialise(jsonResponse(status, { error: "Injected fault", message: `HTTP ${status}` }, headers)));
      }
      return "answered";
    }
    case "rate-limit":
      write(res, rateLimited(route, ctx, fault.retryAfter));
      return "answered";
    case "expire-token":
      write(
        res,
        serialise(
          route === "advance"
            ? envelope(
                ctx,
                "advance.unknown",
                { status: 200, code: "IAM_FAILED", message: "Token not found or expired" },
                null,
              )
            : jsonResponse(
                401,
                { error: "invalid_token", error_description: "Access token expired" },
                { "www-authenticate": 'Bearer error="invalid_token"' },
              ),
        ),
      );
      return "answered";
    case "redirect-loop":
      write(res, { status: 307, headers: { location: req.url ?? "/" }, body: Buffer.alloc(0) });
      return "answered";
    case "huge-body":
      await hugeBody(res, fault.bytes ?? 20 * 1024 * 1024);
      return "answered";
    default:
      return AFTER.has(fault.kind) ? "continue" : "answered";
  }
}

/**
 * "vendor-error": turns the handler's answer into the operation's documented server error, before ZOLOZ signs it.
 * Returns false (answer untouched) when the operation's spec documents none.
 */
export function applyToAnswer(fault: FaultRule, answer: SbResponse, ctx: Ctx): boolean {
  const op = answer.operation;
  if (fault.kind !== "vendor-error" || op === undefined) return false;
  const info = ctx.rules.info(op);
  const vendor = op.split(".")[0];
  const documents = (code: string) => info?.businessCodes.some((c) => c.code === code) ?? false;
  if (vendor === "advance" && documents("ERROR") && isObject(answer.json)) {
    answer.status = 200;
    answer.json = { ...answer.json, code: "ERROR", message: ctx.rules.codeMessage(op, "ERROR"), data: null };
    return true;
  }
  if (vendor === "zoloz" && documents("SYSTEM_ERROR")) {
    answer.status = 200;
    answer.json = {
      result: {
        resultStatus: ctx.rules.zolozStatus(op, "SYSTEM_ERROR"),
        resultCode: "SYSTEM_ERROR",
        resultMessage: ctx.rules.codeMessage(op, "SYSTEM_ERROR"),
      },
    };
    return true;
  }
  if (vendor === "uqudo" && info?.statuses.includes(500)) {
    Object.assign(
      answer,
      jsonResponse(500, { error: "Internal Server Error", message: "injected vendor error" }, {}, op),
    );
    delete answer.body;
    return true;
  }
  return false;
}

/** Applies a fault to the handler's answer. Returns false when the fault does not change how it is written. */
export async function applyAfter(
  fault: FaultRule,
  wire: WireResponse,
  res: ServerResponse,
  write: (res: ServerResponse, wire: WireResponse) => void,
): Promise<boolean> {
  switch (fault.kind) {
    case "reset-mid-body": {
      res.writeHead(wire.status, { ...wire.headers, "content-length": wire.body.length });
      res.write(wire.body.subarray(0, Math.floor(wire.body.length / 2)), () => res.socket?.destroy());
      return true;
    }
    case "truncate":
      write(res, { ...wire, body: wire.body.subarray(0, Math.floor(wire.body.length / 2)) });
      return true;
    case "trickle": {
      res.writeHead(wire.status, { ...wire.headers, "content-length": wire.body.length });
      res.flushHeaders();
      for (const byte of wire.body) {
        if (res.destroyed || res.socket?.destroyed) return true;
        res.write(Buffer.from([byte]));
        await new Promise((r) => setTimeout(r, fault.delayMs ?? 50));
      }
      res.end();
      return true;
    }
    case "charset": {
      const encoding = fault.encoding ?? "utf16le";
      const text = wire.body.toString("utf8");
      const body =
        encoding === "utf16le"
          ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])
          : Buffer.from(text, encoding);
      const type = (wire.headers["content-type"] ?? "application/json").replace(/;.*$/, "");
      write(res, {
        ...wire,
        headers: { ...wire.headers, "content-type": `${type}; charset=${fault.charset ?? "UTF-16"}` },
        body,
      });
      return true;
    }
    default:
      return false;
  }
}

function rateLimited(route: Route, ctx: Ctx, retryAfter: string | undefined): WireResponse {
  if (route === "advance") {
    const r = envelope(
      ctx,
      "advance.unknown",
      { status: 200, code: "SERVICE_BUSY", message: "Rate limit exceeded" },
      null,
    );
    r.headers["retry-after"] = retryAfter ?? "10s";
    return serialise(r);
  }
  if (route === "zoloz") {
    return serialise(
      jsonResponse(
        200,
        {
          result: {
            resultStatus: "F",
            resultCode: "REQUEST_TRAFFIC_EXCEED_LIMIT",
            resultMessage: "request traffic exceeds the limit",
          },
        },
        { "retry-after": retryAfter ?? "10" },
      ),
    );
  }
  return serialise(
    jsonResponse(
      429,
      { error: "Too Many Requests", message: "rate limit exceeded" },
      { "retry-after": retryAfter ?? "10" },
    ),
  );
}

async function hugeBody(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { "content-type": "application/json", "content-length": bytes });
  const head = Buffer.from('{"pad":"');
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  let sent = 0;
  const put = async (buffer: Buffer): Promise<boolean> => {
    if (res.destroyed || res.socket?.destroyed) return false;
    if (!res.write(buffer))
      await new Promise<void>((r) => {
        res.once("drain", r);
        res.once("close", r);
      });
    sent += buffer.length;
    return true;
  };
  if (!(await put(head))) return;
  while (sent < bytes - 2) {
    if (!(await put(chunk.subarray(0, Math.min(chunk.length, bytes - 2 - sent))))) return;
  }
  if (await put(Buffer.from('"}'))) res.end();
}
