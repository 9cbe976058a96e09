// ajv errors → SchemaFindings: one line each, naming the instance pointer, the spec keyword and its line.
import type { ErrorObject } from "ajv";
import type { SchemaFinding } from "../types.ts";
import { oneLine } from "./errors.ts";
import { isObj, type Obj } from "./json.ts";
import { escapeSegment, getAt, parsePointer } from "./pointer.ts";
import type { SpecContext } from "./spec-context.ts";

export function findings(
  s: SpecContext,
  errors: readonly ErrorObject[] | null | undefined,
  prefix: string,
  fallbackPtr: string,
): SchemaFinding[] {
  if (!errors) return [];
  const kept = pruneBranches(
    s,
    errors.filter((e) => !(e.parentSchema && s.synthetic.has(e.parentSchema as object))),
  );
  return kept.map((e) => finding(s, e, prefix, fallbackPtr));
}

/**
 * A oneOf/anyOf whose branches are told apart by an enum (ADVANCE success vs error by `code`) reports the errors
 * of every branch; when the data selects exactly one branch, the other branches' errors (and the summary error)
 * are noise that hides the precise finding, so they are dropped.
 */
function pruneBranches(s: SpecContext, errors: ErrorObject[]): ErrorObject[] {
  let dropSchemas: { under: string; schemas: Set<object> }[] | undefined;
  const dropErrors = new Set<ErrorObject>();
  for (const e of errors) {
    if ((e.keyword !== "oneOf" && e.keyword !== "anyOf") || !Array.isArray(e.schema) || !isObj(e.data)) continue;
    const branches = e.schema as unknown[];
    const matches = branches.map((b) => discriminatorMatches(derefConverted(s, b), e.data as Obj));
    if (matches.filter(Boolean).length !== 1) continue;
    const selected = matches.indexOf(true);
    const keep = reachable(s, branches[selected]);
    const schemas = new Set<object>();
    branches.forEach((b, i) => {
      if (i !== selected) for (const o of reachable(s, b)) if (!keep.has(o)) schemas.add(o);
    });
    (dropSchemas ??= []).push({ under: e.instancePath, schemas });
    dropErrors.add(e);
  }
  if (!dropSchemas) return errors;
  return errors.filter((e) => {
    if (dropErrors.has(e)) return false;
    const parent = e.parentSchema as object | undefined;
    return (
      !parent ||
      !dropSchemas!.some(
        (d) => (e.instancePath === d.under || e.instancePath.startsWith(`${d.under}/`)) && d.schemas.has(parent),
      )
    );
  });
}

function derefConverted(s: SpecContext, node: unknown): Obj | undefined {
  for (let i = 0; i < 32 && isObj(node) && typeof node.$ref === "string"; i++) {
    const ref = node.$ref;
    if (!ref.startsWith(`${s.schemaId}#`)) return undefined;
    node = getAt(s.defsDoc, parsePointer(ref.slice(s.schemaId.length)));
  }
  return isObj(node) ? node : undefined;
}

const reachableCache = new WeakMap<object, Set<object>>();

/** Every schema object a branch can evaluate, following refs into the definitions. */
function reachable(s: SpecContext, root: unknown): Set<object> {
  if (root === null || typeof root !== "object") return new Set();
  let set = reachableCache.get(root);
  if (set) return set;
  set = new Set<object>();
  const visit = (n: unknown) => {
    if (n === null || typeof n !== "object" || set!.has(n)) return;
    set!.add(n);
    if (isObj(n) && typeof n.$ref === "string") visit(derefConverted(s, n));
    for (const [k, v] of Object.entries(n)) if (k !== "enum" && k !== "default") visit(v);
  };
  visit(root);
  reachableCache.set(root, set);
  return set;
}

function finding(s: SpecContext, e: ErrorObject, prefix: string, fallbackPtr: string): SchemaFinding {
  const parent = e.parentSchema as object | undefined;
  let pointer = prefix + e.instancePath;
  let actual: unknown = e.data;
  let expected: unknown;
  const p = e.params as Record<string, unknown>;
  const where = pointer === "" ? "(root)" : pointer;
  let message: string;
  switch (e.keyword) {
    case "required": {
      const name = String(p.missingProperty);
      pointer += `/${escapeSegment(name)}`;
      expected = name;
      actual = undefined;
      message = `${where} is missing required ${GROUP_NOUN[prefix] ?? "property"} "${name}"`;
      break;
    }
    case "additionalProperties": {
      const name = String(p.additionalProperty);
      pointer += `/${escapeSegment(name)}`;
      actual = isObj(e.data) ? e.data[name] : undefined;
      expected = false;
      message = `${pointer} is not an allowed property (additionalProperties is false)`;
      break;
    }
    case "enum":
      expected = p.allowedValues;
      message = `${where} must be one of ${(p.allowedValues as unknown[]).map(short).join(", ")}; got ${short(actual)}`;
      break;
    case "type":
      expected = p.type;
      message = `${where} must be of type ${String(p.type)}; got ${typeName(actual)} ${short(actual)}`;
      break;
    case "maxLength":
    case "minLength":
      expected = p.limit;
      message = `${where} ${e.message}; got ${typeof actual === "string" ? actual.length : "?"} characters`;
      break;
    case "maxItems":
    case "minItems":
      expected = p.limit;
      message = `${where} ${e.message}; got ${Array.isArray(actual) ? actual.length : "?"} items`;
      break;
    case "maximum":
    case "minimum":
    case "exclusiveMaximum":
    case "exclusiveMinimum":
    case "multipleOf":
    case "maxProperties":
    case "minProperties":
      expected = p.limit ?? p.multipleOf;
      message = `${where} ${e.message}; got ${short(actual)}`;
      break;
    case "pattern":
      expected = p.pattern;
      message = `${where} must match /${String(p.pattern)}/; got ${short(actual)}`;
      break;
    case "format":
      expected = p.format;
      message = `${where} must be a valid ${String(p.format)}; got ${short(actual)}`;
      break;
    default:
      expected = e.schema;
      message = `${where} ${e.message ?? "is invalid"}`;
  }
  const loc = specLocation(
    s,
    parent,
    e.keyword,
    fallbackPtr,
    e.keyword === "required" ? String(p.missingProperty) : undefined,
  );
  const f: SchemaFinding = { pointer, keyword: e.keyword, message, specPointer: loc.specPointer };
  if (expected !== undefined) f.expected = expected;
  if (actual !== undefined) f.actual = actual;
  if (loc.specLine !== undefined) f.specLine = loc.specLine;
  if (loc.specRule) f.specRule = loc.specRule;
  return f;
}

interface SpecLocation {
  specPointer: string;
  specLine?: number;
  specRule?: string;
}

/** Violated schema + keyword (+ missing property) → where the spec says it; memoised, as lines are looked up by walking the YAML. */
const locations = new WeakMap<object, Map<string, SpecLocation>>();

function specLocation(
  s: SpecContext,
  parent: object | undefined,
  keyword: string,
  fallbackPtr: string,
  missing: string | undefined,
): SpecLocation {
  const own = parent && s.ptrOf.get(parent);
  // Only a schema with its own spec pointer is memoised: without one the location depends on the caller's fallback.
  const key = missing === undefined ? keyword : `${keyword}\n${missing}`;
  let byKey = own ? locations.get(parent) : undefined;
  const hit = byKey?.get(key);
  if (hit) return hit;
  let specPtr = own ?? fallbackPtr;
  const decl = parent && missing !== undefined ? s.groupPtrs.get(parent)?.[missing] : undefined;
  if (decl) specPtr = `${decl}/required`;
  if (keyword !== "required" || !s.groupPtrs.has(parent ?? {})) {
    const kwPtr = `${specPtr}/${escapeSegment(keyword)}`;
    if (s.src.lineOf(kwPtr) !== undefined) specPtr = kwPtr;
  }
  const loc: SpecLocation = { specPointer: s.specPointer(specPtr) };
  const line = s.src.nearestLineOf(specPtr);
  if (line !== undefined) loc.specLine = line;
  const rule = ruleText(parent, missing);
  if (rule) loc.specRule = rule;
  if (own) {
    if (!byKey) locations.set(parent!, (byKey = new Map()));
    byKey.set(key, loc);
  }
  return loc;
}

export function simpleFinding(
  s: SpecContext,
  pointer: string,
  keyword: string,
  message: string,
  specPtr: string,
  expected?: unknown,
  actual?: unknown,
): SchemaFinding {
  const f: SchemaFinding = { pointer, keyword, message, specPointer: s.specPointer(specPtr) };
  if (expected !== undefined) f.expected = expected;
  if (actual !== undefined) f.actual = actual;
  const line = s.src.nearestLineOf(specPtr);
  if (line !== undefined) f.specLine = line;
  return f;
}

/** The spec's own words for a violated schema: its description, or for a missing property that property's. */
function ruleText(schema: object | undefined, property?: string): string | undefined {
  if (!isObj(schema)) return undefined;
  const props = schema.properties;
  const target = property !== undefined && isObj(props) && isObj(props[property]) ? props[property] : schema;
  return typeof target.description === "string" ? oneLine(target.description) : undefined;
}

const GROUP_NOUN: Record<string, string> = {
  "/query": "query parameter",
  "/headers": "header",
  "/path": "path parameter",
};

/** True unless the branch pins a top-level property (enum) to values the data does not have. */
function discriminatorMatches(branch: Obj | undefined, data: Obj): boolean {
  if (!branch || !isObj(branch.properties)) return true;
  for (const [k, p] of Object.entries(branch.properties)) {
    // only enums of real values discriminate; `enum: [null]` is a constraint, not a branch selector
    if (!(k in data) || !isObj(p) || !Array.isArray(p.enum) || !p.enum.some((v) => v !== null)) continue;
    if (!p.enum.some((v) => v === data[k])) return false;
  }
  return true;
}

const SHORT_CHARS = 80;

/** A value as JSON, cut at 80 characters: only as much of a large body is serialised as the message shows. */
export function short(v: unknown): string {
  if (v === undefined) return "undefined";
  let s: string;
  try {
    s = jsonPrefix(v, SHORT_CHARS + 1) ?? JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > SHORT_CHARS ? `${s.slice(0, SHORT_CHARS - 3)}...` : s;
}

/**
 * The first `limit` or more characters of JSON.stringify(v), exactly, without serialising the rest; undefined when
 * the value is not plain JSON data (toJSON, a cycle, a bigint), which the caller serialises in full.
 */
function jsonPrefix(v: unknown, limit: number): string | undefined {
  let out = "";
  const seen: object[] = [];
  const full = () => out.length >= limit;
  const write = (value: unknown, inArray: boolean): boolean => {
    if (value === null || typeof value === "boolean" || typeof value === "number") {
      out += JSON.stringify(value);
      return true;
    }
    // Each character of a string gives at least one of its JSON: the first `limit` characters decide the prefix.
    if (typeof value === "string") {
      out += JSON.stringify(value.length > limit ? value.slice(0, limit) : value);
      return true;
    }
    if (value === undefined || typeof value === "function" || typeof value === "symbol") {
      if (inArray) out += "null";
      return inArray;
    }
    if (
      typeof value !== "object" ||
      seen.includes(value) ||
      typeof (value as { toJSON?: unknown }).toJSON === "function"
    )
      throw new Error("not plain JSON");
    seen.push(value);
    if (Array.isArray(value)) {
      out += "[";
      for (let i = 0; i < value.length && !full(); i++) {
        if (i > 0) out += ",";
        write(value[i], true);
      }
      out += "]";
    } else {
      out += "{";
      let first = true;
      for (const key of Object.keys(value)) {
        if (full()) break;
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
        out += `${first ? "" : ","}${JSON.stringify(key)}:`;
        first = false;
        write(item, false);
      }
      out += "}";
    }
    seen.pop();
    return true;
  };
  try {
    write(v, false);
  } catch {
    return undefined;
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isInteger(v)) return "integer";
  return typeof v;
}
