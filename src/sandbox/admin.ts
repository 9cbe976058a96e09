// `/_admin`: the sandbox's switches and memory over HTTP, for integrators driving it from their own tests. Loopback
// clients only; every answer is JSON, every refusal one line `{"error": …}`. Never faulted, mutated or logged itself.
import { isIP } from "node:net";
import { jsonResponse, serialise, type WireResponse } from "./handler-context.ts";
import { REQUEST_LOG_LIMIT, type FaultRule, type RequestNote } from "./faults.ts";
import { MUTATIONS } from "./mutations.ts";
import { STATE_LIMITS } from "./state.ts";
import { describeFault, faultFromJson, FAULTS, mutationNames, SwitchError } from "./switches.ts";

export const ADMIN_PREFIX = "/_admin";
/** Admin request bodies beyond this are refused (413): a list of switches is a few hundred bytes. */
export const ADMIN_BODY_LIMIT = 64 * 1024;

/** What the admin endpoint reads and switches: the running sandbox. */
export interface AdminTarget {
  mutations(): string[];
  setMutations(names: string[]): void;
  faults(): FaultRule[];
  setFaults(rules: FaultRule[]): void;
  requests(): readonly RequestNote[];
  clearRequests(): void;
  state(): Record<string, unknown>;
  /** Forget the state and restart the id sequences. */
  reset(): void;
}

export interface AdminRequest {
  method: string;
  /** Path as received, `/_admin…`, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  /** The body exceeded the sandbox cap (and was discarded). */
  overflow: boolean;
  /** The peer's address (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIP(a) === 4) return a.startsWith("127.");
  return a === "::1" || a === "0:0:0:0:0:0:0:1";
}

/** A browser page on another site may POST to loopback; only pages of a loopback origin (or no page) may switch. */
function loopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const host = new URL(origin).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || isLoopback(host);
  } catch {
    return false;
  }
}

const error = (status: number, message: string, headers: Record<string, string> = {}): WireResponse =>
  serialise(jsonResponse(status, { error: message }, headers));
const ok = (json: unknown, status = 200): WireResponse =>
  serialise(jsonResponse(status, json, { "cache-control": "no-store" }));

const available = {
  mutations: MUTATIONS.map((m) => ({ name: m.name, vendor: m.vendor, description: m.description })),
  faults: FAULTS.map((f) => ({ name: f.name, description: f.description })),
};

/** Resources and their methods. */
const ALLOW: Record<string, string[]> = {
  "": ["GET", "DELETE"],
  "/mutations": ["GET", "PUT", "DELETE"],
  "/faults": ["GET", "PUT", "DELETE"],
  "/requests": ["GET", "DELETE"],
  "/state": ["GET", "DELETE"],
};

export function handleAdmin(req: AdminRequest, target: AdminTarget): WireResponse {
  if (!isLoopback(req.remoteAddress))
    return error(403, `${ADMIN_PREFIX} answers loopback clients only, not ${req.remoteAddress ?? "an unknown peer"}`);
  if (!loopbackOrigin(req.headers["origin"]))
    return error(
      403,
      `${ADMIN_PREFIX} refuses requests from web pages of other origins (Origin ${req.headers["origin"]})`,
    );
  const resource = req.path.slice(ADMIN_PREFIX.length).replace(/\/$/, "");
  const allow = ALLOW[resource];
  const where = `${req.method} ${req.path}`;
  if (!allow)
    return error(
      404,
      `${where}: no such admin resource (${Object.keys(ALLOW)
        .map((r) => ADMIN_PREFIX + r)
        .join(", ")})`,
    );
  if (!allow.includes(req.method))
    return error(405, `${where}: method not allowed (allowed: ${allow.join(", ")})`, { allow: allow.join(", ") });
  try {
    return route(resource, req, target, where);
  } catch (e) {
    if (e instanceof SwitchError) return error(400, e.message);
    throw e;
  }
}

function route(resource: string, req: AdminRequest, target: AdminTarget, where: string): WireResponse {
  const mutations = () => ({ active: target.mutations(), available: available.mutations });
  const faults = () => ({ active: target.faults().map(describeFault), available: available.faults });
  switch (`${req.method} ${resource}`) {
    case "GET ":
      return ok({
        mutations: mutations(),
        faults: faults(),
        requests: target.requests().length,
        limits: { requestLog: REQUEST_LOG_LIMIT, ...STATE_LIMITS },
      });
    case "DELETE ":
      target.setMutations([]);
      target.setFaults([]);
      return ok({ mutations: { active: [] }, faults: { active: [] } });
    case "GET /mutations":
      return ok(mutations());
    case "PUT /mutations":
      target.setMutations(mutationNames(body(req, where), `${where} body`));
      return ok({ active: target.mutations() });
    case "DELETE /mutations":
      target.setMutations([]);
      return ok({ active: target.mutations() });
    case "GET /faults":
      return ok(faults());
    case "PUT /faults": {
      const list = body(req, where);
      if (!Array.isArray(list))
        throw new SwitchError(
          `${where} body: expected a JSON array of faults ("NAME[:rate]" or {name, rate?, route?, …})`,
        );
      target.setFaults(list.map((f, i) => faultFromJson(f, `${where} body[${i}]`)));
      return ok({ active: target.faults().map(describeFault) });
    }
    case "DELETE /faults":
      target.setFaults([]);
      return ok({ active: target.faults().map(describeFault) });
    case "GET /requests": {
      const all = target.requests();
      const last = req.query.get("last");
      if (last !== null && !/^\d+$/.test(last)) throw new SwitchError(`${where}: ?last=${last} is not a whole number`);
      return ok({
        count: all.length,
        limit: REQUEST_LOG_LIMIT,
        requests: last === null ? all : all.slice(Math.max(0, all.length - Number(last))),
      });
    }
    case "DELETE /requests":
      target.clearRequests();
      return ok({ count: 0, limit: REQUEST_LOG_LIMIT, requests: [] });
    case "GET /state":
      return ok(target.state());
    default: // DELETE /state
      target.reset();
      return ok(target.state());
  }
}

function body(req: AdminRequest, where: string): unknown {
  if (req.overflow || req.body.length > ADMIN_BODY_LIMIT)
    throw new SwitchError(`${where}: body over ${ADMIN_BODY_LIMIT} bytes`);
  const text = req.body.toString("utf8");
  if (text.trim() === "") throw new SwitchError(`${where}: a JSON body is required`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SwitchError(`${where}: body is not JSON (${(e as Error).message.split("\n")[0]})`);
  }
}
