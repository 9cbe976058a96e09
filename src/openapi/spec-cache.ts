// The on-disk cache of spec loads: per spec text, the parsed document and its pointer → line table, so a later
// process skips the YAML parse (the largest part of a load). An entry is written only after the whole VendorSpec
// built without error, so a hit also means "this exact text was fully checked by this exact code" and the loader
// may compile its validators on first use (see VendorSpec.prechecked). Any trouble here is a miss, never an error.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGE_ROOT } from "../layout.ts";
import { isObj } from "./json.ts";
import type { LineTable } from "./yaml-source.ts";

export const SPEC_CACHE_DIR_VARIABLE = "EKYC_SPEC_CACHE_DIR";

/** Entries kept on disk: each edit of a spec or of the loader adds one, the oldest written go beyond this. */
const MAX_ENTRIES = 64;

export interface SpecCacheEntry {
  raw: Record<string, unknown>;
  lines: LineTable;
}

/** What this process's loads did (tests read it to tell a hit from a miss). */
export const specCacheStats = { hits: 0, misses: 0, writes: 0 };

export function specCacheDir(env: Record<string, string | undefined> = process.env): string {
  return env[SPEC_CACHE_DIR_VARIABLE] || join(PACKAGE_ROOT, ".conformance", "cache", "specs");
}

/** The entry's name: the text and everything that decides what loading it gives; undefined: do not cache. */
export function specCacheKey(text: string, reference: boolean): string | undefined {
  try {
    return createHash("sha256").update(`${codeVersion()}\n${reference}\n`).update(text).digest("hex");
  } catch {
    return undefined;
  }
}

/** The entry for `key`, or undefined on a miss or on anything unreadable or not shaped like an entry. */
export function readSpecCache(key: string): SpecCacheEntry | undefined {
  try {
    const entry: unknown = JSON.parse(readFileSync(entryFile(key), "utf8"));
    if (isObj(entry) && entry.key === key && isObj(entry.raw) && Array.isArray(entry.lines)) {
      specCacheStats.hits++;
      return { raw: entry.raw, lines: entry.lines as LineTable };
    }
  } catch {
    // no entry, or not JSON (a partial write cannot happen, a hand edit can)
  }
  specCacheStats.misses++;
  return undefined;
}

/** Stores an entry if the document is plain JSON data (else a hit would not give the same document back). */
export function writeSpecCache(key: string, raw: Record<string, unknown>, lines: () => LineTable): void {
  let tmp: string | undefined;
  try {
    if (!plainJson(raw, new Set())) return;
    const dir = specCacheDir();
    mkdirSync(dir, { recursive: true });
    const file = entryFile(key);
    // Write-then-rename: a parallel worker reads the old state or the whole entry, never half of it.
    tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, raw, lines: lines() }));
    renameSync(tmp, file);
    tmp = undefined;
    specCacheStats.writes++;
    prune(dir);
  } catch {
    // a read-only or full disk, a recursive alias: no entry, and the load itself has succeeded
    if (tmp !== undefined) removeQuietly(tmp);
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // a temp file stays behind; the next prune removes it
  }
}

function entryFile(key: string): string {
  return join(specCacheDir(), `${key}.json`);
}

/** Keeps the newest MAX_ENTRIES entries, and drops temp files a process left when it died before its rename. */
function prune(dir: string): void {
  const now = Date.now();
  const entries: { file: string; at: number }[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const at = mtimeOf(file);
    if (at === undefined) continue;
    if (name.endsWith(".json")) entries.push({ file, at });
    else if (name.endsWith(".tmp") && now - at > 60_000) removeQuietly(file);
  }
  entries.sort((a, b) => b.at - a.at);
  for (const { file } of entries.slice(MAX_ENTRIES)) removeQuietly(file);
}

/** undefined when another process removed the file meanwhile. */
function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Strings, finite numbers (not -0), booleans, null, arrays and plain objects, each object met once: what JSON gives
 * back unchanged. A YAML alias makes one object appear twice, which JSON would split into two copies.
 */
function plainJson(v: unknown, seen: Set<object>): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== "object" || seen.has(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return false;
  seen.add(v);
  return Object.values(v).every((x) => plainJson(x, seen));
}

let version: string | undefined;

/**
 * The loader's own code (every file beside this module: src/openapi/*.ts in a checkout, dist/src/openapi/*.js in
 * the package) and the versions of the packages that parse and compile, so that editing the loader or upgrading
 * a dependency never serves an entry checked by other code. Once per process.
 */
function codeVersion(): string {
  if (version !== undefined) return version;
  const hash = createHash("sha256");
  const here = dirname(fileURLToPath(import.meta.url));
  for (const f of readdirSync(here).sort()) {
    const file = join(here, f);
    if (!statSync(file).isFile()) continue;
    hash.update(`${f}\n`).update(readFileSync(file)).update("\n");
  }
  const require = createRequire(import.meta.url);
  for (const pkg of ["ajv", "ajv-draft-04", "ajv-formats", "yaml", "@openapi-contrib/openapi-schema-to-json-schema"]) {
    hash.update(`${pkg}@${packageVersion(require, pkg)}\n`);
  }
  return (version = hash.digest("hex"));
}

/** The version in a package's package.json, found from its entry point (not every package exports package.json). */
function packageVersion(require: NodeJS.Require, pkg: string): string {
  for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const json: unknown = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (isObj(json) && json.name === pkg) return String(json.version);
    } catch {
      // no package.json at this level
    }
  }
  return "?";
}
