// The fixed response corpus of the validation bench (and of the fast-path equality test): recorded fixture
// responses, documented examples and generated mutants, for documented statuses with a JSON body.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpecs, type LoadedSpecSet } from "../../src/openapi/index.ts";
import { listFixtureFiles } from "../../src/recording/format.ts";
import type { Vendor } from "../../src/types.ts";
import { ROOT } from "./lib.ts";

type Obj = Record<string, any>;

export interface CorpusItem {
  vendor: Vendor;
  /** Kit operation id (`vendor.operationId`). */
  id: string;
  /** operationId as written in the spec document. */
  operationId: string;
  method: string;
  path: string;
  status: number;
  mediaType: string;
  text: string;
  body: unknown;
  origin: "recorded" | "example" | "mutant";
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Type-confused replacements: each makes a leaf the wrong JSON type. */
function confuse(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return "true";
  if (Array.isArray(value)) return { not: "an array" };
  if (value && typeof value === "object") return "not an object";
  return 0;
}

/** Up to `max` invalid-looking variants of an object body: a dropped key, a type-confused leaf, one nested level. */
export function mutants(body: unknown, max: number): unknown[] {
  if (!body || typeof body !== "object" || Array.isArray(body)) return [];
  const out: unknown[] = [];
  const keys = Object.keys(body as Obj);
  for (const k of keys) {
    const dropped = clone(body) as Obj;
    delete dropped[k];
    out.push(dropped);
    const confused = clone(body) as Obj;
    confused[k] = confuse(confused[k]);
    out.push(confused);
    const inner = (body as Obj)[k];
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      for (const j of Object.keys(inner).slice(0, 2)) {
        const nested = clone(body) as Obj;
        nested[k][j] = confuse(nested[k][j]);
        out.push(nested);
      }
    }
  }
  out.push([], "text", null);
  return out.slice(0, max);
}

/** Recorded response bodies + documented examples + generated mutants, for documented statuses with a JSON body. */
export function buildCorpus(
  spec: LoadedSpecSet = loadSpecs(),
  fixturesDir = join(ROOT, "fixtures", "recorded"),
  mutantsPerBody = 8,
): CorpusItem[] {
  const items: CorpusItem[] = [];
  const seen = new Set<string>();
  const add = (id: string, status: number, mediaType: string, body: unknown, origin: CorpusItem["origin"]) => {
    const op = spec.operations.find((o) => o.id === id);
    if (!op || !(op.responseMediaTypes[status] ?? []).some((m) => m.includes("json"))) return;
    const text = JSON.stringify(body);
    const key = `${id} ${status} ${text}`;
    if (text === undefined || seen.has(key)) return;
    seen.add(key);
    items.push({
      vendor: op.vendor,
      id,
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      status,
      mediaType: mediaType || "application/json",
      text,
      body,
      origin,
    });
  };
  const bases: { id: string; status: number; mediaType: string; body: unknown }[] = [];
  for (const file of listFixtureFiles(fixturesDir).sort()) {
    const f = JSON.parse(readFileSync(file, "utf8")) as Obj;
    const ct = String(f.response?.headers?.["content-type"] ?? "");
    if (!ct.includes("json") || typeof f.response?.body !== "string") continue;
    let body: unknown;
    try {
      body = JSON.parse(f.response.body);
    } catch {
      continue;
    }
    add(f.operationId, f.response.status, ct.split(";")[0]!.trim(), body, "recorded");
    bases.push({ id: f.operationId, status: f.response.status, mediaType: ct.split(";")[0]!.trim(), body });
  }
  for (const e of spec.examples()) {
    add(e.operationId, e.status, e.mediaType, e.value, "example");
    bases.push({ id: e.operationId, status: e.status, mediaType: e.mediaType, body: e.value });
  }
  for (const b of bases) for (const m of mutants(b.body, mutantsPerBody)) add(b.id, b.status, b.mediaType, m, "mutant");
  return items;
}

export interface RequestItem {
  id: string;
  mediaType: string;
  body: unknown;
}

/** Recorded JSON request bodies + documented request examples, each with its mutants. */
export function buildRequestCorpus(
  spec: LoadedSpecSet = loadSpecs(),
  fixturesDir = join(ROOT, "fixtures", "recorded"),
  mutantsPerBody = 8,
): RequestItem[] {
  const bases: RequestItem[] = spec
    .requestExamples()
    .map((e) => ({ id: e.operationId, mediaType: e.mediaType, body: e.value }));
  for (const file of listFixtureFiles(fixturesDir).sort()) {
    const f = JSON.parse(readFileSync(file, "utf8")) as Obj;
    const ct = String(f.request?.headers?.["content-type"] ?? "");
    if (!ct.includes("json") || typeof f.request?.body !== "string") continue;
    try {
      bases.push({ id: f.operationId, mediaType: ct, body: JSON.parse(f.request.body) });
    } catch {
      continue;
    }
  }
  const seen = new Set<string>();
  return bases
    .flatMap((b) => [b, ...mutants(b.body, mutantsPerBody).map((body) => ({ ...b, body }))])
    .filter((b) => {
      const key = `${b.id} ${JSON.stringify(b.body)}`;
      return !seen.has(key) && seen.add(key);
    });
}
