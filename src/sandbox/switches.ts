// The sandbox's switches as integrators name them: the fault catalogue (`sandbox --fault NAME[:rate]`, `/_admin`) and
// the validation of a switch given as text or JSON. `--help`, `/_admin` and docs/sandbox.md list FAULTS, never a copy.
import { isObject, type Route } from "./handler-context.ts";
import type { FaultRule } from "./faults.ts";
import { MUTATIONS } from "./mutations.ts";
import { didYouMean } from "../suggest.ts";

export interface FaultPreset {
  name: string;
  /** One line for `--help` and `/_admin`. */
  description: string;
  rule: FaultRule;
}

export const FAULTS: readonly FaultPreset[] = [
  {
    name: "outage",
    description: "HTTP 503 with a small JSON error body: the vendor is down",
    rule: { kind: "status", status: 503 },
  },
  {
    name: "html",
    description: "HTTP 502 with an HTML error page: a gateway or proxy answers instead of the API",
    rule: { kind: "status", status: 502, body: "html" },
  },
  {
    name: "vendor-error",
    description:
      "the operation's documented server error: ADVANCE code ERROR, ZOLOZ SYSTEM_ERROR (signed), uqudo HTTP 500",
    rule: { kind: "vendor-error" },
  },
  {
    name: "rate-limit",
    description:
      "the vendor's throttle: ADVANCE SERVICE_BUSY, ZOLOZ REQUEST_TRAFFIC_EXCEED_LIMIT, uqudo 429, with Retry-After",
    rule: { kind: "rate-limit" },
  },
  {
    name: "expire-token",
    description: "a valid token is refused as expired: ADVANCE IAM_FAILED, uqudo 401 (token endpoints unaffected)",
    rule: { kind: "expire-token" },
  },
  {
    name: "hang",
    description: "accepts the request and never answers: the client's timeout must end it",
    rule: { kind: "hang" },
  },
  {
    name: "delay",
    description: "answers normally after 1 s (delayMs over /_admin)",
    rule: { kind: "delay", delayMs: 1000 },
  },
  { name: "reset", description: "closes the connection before answering (ECONNRESET)", rule: { kind: "reset" } },
  {
    name: "reset-mid-body",
    description: "sends the headers and half the body, then closes the connection",
    rule: { kind: "reset-mid-body" },
  },
  {
    name: "truncate",
    description: "sends the first half of the body with a matching Content-Length: cut-off JSON",
    rule: { kind: "truncate" },
  },
  {
    name: "trickle",
    description: "sends the real answer one byte every 50 ms (delayMs over /_admin)",
    rule: { kind: "trickle", delayMs: 50 },
  },
  {
    name: "charset",
    description: "the real answer re-encoded as UTF-16 with a BOM and charset=UTF-16",
    rule: { kind: "charset" },
  },
  {
    name: "huge-body",
    description: "a 200 JSON body of 20 MiB (bytes over /_admin)",
    rule: { kind: "huge-body", bytes: 20 * 1024 * 1024 },
  },
  { name: "redirect-loop", description: "a 307 to the same URL, for ever", rule: { kind: "redirect-loop" } },
];

const ROUTES: readonly Route[] = ["advance", "zoloz", "uqudo", "uqudoAuth"];

/** A bad switch: its message is one line naming what and where. */
export class SwitchError extends Error {}

/** `NAME[:rate]`, as `--fault` and `/_admin` take it. */
export function parseFault(text: string, where = "--fault"): FaultRule {
  const m = /^([^:]*)(?::(.*))?$/.exec(text.trim())!;
  return faultFromJson({ name: m[1], ...(m[2] !== undefined ? { rate: rateOf(m[2], where) } : {}) }, where);
}

function rateOf(text: string, where: string): number {
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text.trim()))
    throw new SwitchError(`${where}: rate "${text}" is not a number from 0 to 1`);
  return Number(text);
}

const FIELDS = ["name", "rate", "route", "path", "times", "status", "delayMs", "bytes"] as const;

/** `{name, rate?, route?, path?, times?, status?, delayMs?, bytes?}` (or the `NAME[:rate]` text) → the rule. */
export function faultFromJson(value: unknown, where: string): FaultRule {
  if (typeof value === "string") return parseFault(value, where);
  if (!isObject(value))
    throw new SwitchError(
      `${where}: expected "NAME[:rate]" or an object {name, rate?, route?, path?, times?, status?, delayMs?, bytes?}`,
    );
  const extra = Object.keys(value).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (extra.length)
    throw new SwitchError(
      `${where}: unknown field "${extra[0]}"${didYouMean(extra[0]!, [...FIELDS])} (fields: ${FIELDS.join(", ")})`,
    );
  const names = FAULTS.map((f) => f.name);
  const name = value["name"];
  if (typeof name !== "string" || name === "")
    throw new SwitchError(`${where}: a fault name is required (one of ${names.join(", ")})`);
  const preset = FAULTS.find((f) => f.name === name);
  if (!preset)
    throw new SwitchError(`${where}: unknown fault "${name}"${didYouMean(name, names)} (one of ${names.join(", ")})`);
  const rule: FaultRule = { ...preset.rule, name };
  const number = (key: string, min: number, max: number, integer: boolean): number | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v)))
      throw new SwitchError(
        `${where}.${key}: ${JSON.stringify(v)} is not ${integer ? "an integer" : "a number"} from ${min} to ${max}`,
      );
    return v;
  };
  const rate = number("rate", 0, 1, false);
  if (rate !== undefined) rule.rate = rate;
  const times = number("times", 1, 1e9, true);
  if (times !== undefined) rule.times = times;
  const status = number("status", 100, 599, true);
  if (status !== undefined) {
    if (preset.rule.kind !== "status") throw new SwitchError(`${where}.status: only outage and html take a status`);
    rule.status = status;
  }
  const delayMs = number("delayMs", 0, 600_000, true);
  if (delayMs !== undefined) {
    if (preset.rule.kind !== "delay" && preset.rule.kind !== "trickle")
      throw new SwitchError(`${where}.delayMs: only delay and trickle take delayMs`);
    rule.delayMs = delayMs;
  }
  const bytes = number("bytes", 2, 1024 ** 3, true);
  if (bytes !== undefined) {
    if (preset.rule.kind !== "huge-body") throw new SwitchError(`${where}.bytes: only huge-body takes bytes`);
    rule.bytes = bytes;
  }
  const route = value["route"];
  if (route !== undefined) {
    if (typeof route !== "string" || !(ROUTES as readonly string[]).includes(route))
      throw new SwitchError(`${where}.route: ${JSON.stringify(route)} is not one of ${ROUTES.join(", ")}`);
    rule.route = route as Route;
  }
  const path = value["path"];
  if (path !== undefined) {
    if (typeof path !== "string" || path === "")
      throw new SwitchError(`${where}.path: expected a non-empty piece of the vendor path`);
    rule.path = path;
  }
  return rule;
}

/** How an active rule is listed back: the fields `faultFromJson` takes, so a listing can be PUT back as is. */
export function describeFault(rule: FaultRule): Record<string, unknown> {
  const preset = FAULTS.find((f) => f.name === rule.name);
  const out: Record<string, unknown> = { name: rule.name ?? rule.kind };
  for (const key of FIELDS.slice(1)) {
    const v = rule[key as keyof FaultRule];
    if (v !== undefined && v !== preset?.rule[key as keyof FaultRule]) out[key] = v;
  }
  return out;
}

/** A list of mutation names, each known. */
export function mutationNames(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw new SwitchError(`${where}: expected a JSON array of mutation names`);
  const known = MUTATIONS.map((m) => m.name);
  for (const name of value as string[])
    if (!known.includes(name))
      throw new SwitchError(`${where}: unknown sandbox mutation "${name}"${didYouMean(name, known)}`);
  return value as string[];
}
