// Baseline files: YAML or JSON (JSON is YAML). Every error is one line naming the file and the entry.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Baseline, BaselineEntry, BaselineMatch } from "./types.ts";

const ENTRY_KEYS = new Set(["operation", "check", "match", "reason", "expires"]);
const MATCH_KEYS = new Set(["message", "pointer", "code"]);

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function entryOf(raw: unknown, at: string, fail: (msg: string) => never): BaselineEntry {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(`${at} must be a mapping`);
  const o = raw as Record<string, unknown>;
  // Unknown keys are errors: a misspelt `expire:` would otherwise silently suppress forever.
  for (const k of Object.keys(o))
    if (!ENTRY_KEYS.has(k)) fail(`${at} has unknown key "${k}" (allowed: ${[...ENTRY_KEYS].join(", ")})`);
  for (const k of ["operation", "check", "reason"] as const)
    if (typeof o[k] !== "string" || (o[k] as string).trim() === "") fail(`${at}.${k} must be a non-empty string`);
  if (o.match === undefined) fail(`${at}.match is required (use {} to accept any finding of this check)`);
  if (typeof o.match !== "object" || o.match === null || Array.isArray(o.match)) fail(`${at}.match must be a mapping`);
  const match: BaselineMatch = {};
  for (const [k, v] of Object.entries(o.match as Record<string, unknown>)) {
    if (!MATCH_KEYS.has(k)) fail(`${at}.match has unknown key "${k}" (allowed: ${[...MATCH_KEYS].join(", ")})`);
    if (typeof v !== "string" || v === "") fail(`${at}.match.${k} must be a non-empty string`);
    match[k as keyof BaselineMatch] = v;
  }
  const entry: BaselineEntry = {
    operation: o.operation as string,
    check: o.check as string,
    match,
    reason: o.reason as string,
  };
  if (o.expires !== undefined) {
    // YAML reads an unquoted 2025-06-30 as a string under the core schema; a Date would mean a custom schema.
    const e = o.expires instanceof Date ? o.expires.toISOString().slice(0, 10) : o.expires;
    if (typeof e !== "string" || !isCalendarDate(e))
      fail(`${at}.expires ${JSON.stringify(e)} is not a calendar date (YYYY-MM-DD)`);
    entry.expires = e;
  }
  return entry;
}

/** Parses baseline text: a list of entries, or `{ version: 1, entries: [...] }`. */
export function parseBaseline(text: string, source = "baseline"): Baseline {
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    fail(`not valid YAML or JSON (${String((error as Error).message).split("\n")[0]})`);
  }
  if (doc === null || doc === undefined) return { source, entries: [] };
  let list: unknown;
  if (Array.isArray(doc)) list = doc;
  else if (typeof doc === "object") {
    const o = doc as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (k !== "version" && k !== "entries") fail(`unknown top-level key "${k}" (allowed: version, entries)`);
    if (o.version !== undefined && o.version !== 1)
      fail(`version ${JSON.stringify(o.version)} is not supported (expects 1)`);
    list = o.entries ?? [];
  } else fail("must be a list of entries or a mapping with `entries:`");
  if (!Array.isArray(list)) fail("entries must be a list");
  return { source, entries: (list as unknown[]).map((raw, i) => entryOf(raw, `entries[${i}]`, fail)) };
}

export function loadBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read baseline (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseBaseline(text, path);
}
