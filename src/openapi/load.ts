// Loads specs/*.yaml into the typed SpecSet, once per spec directory. The work is split along its seams:
// vendor-spec (one file's conventions), resolve ($refs), convert (to draft-04), compile (ajv), findings,
// operation (+ operation-extensions, request-body), spec-set (lookup across vendors); spec-cache keeps each file's
// parse on disk for the next process.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../layout.ts";
import { VENDORS } from "../types.ts";
import { SpecError } from "./errors.ts";
import { readSpecCache, specCacheKey, writeSpecCache } from "./spec-cache.ts";
import { SpecSetImpl, type LoadedSpecSet } from "./spec-set.ts";
import { VendorSpec } from "./vendor-spec.ts";

export type { LoadedSpecSet };

export const REPO_ROOT = PACKAGE_ROOT;
export const DEFAULT_SPEC_DIR = path.join(REPO_ROOT, "specs");

// ------------------------------------------------------------------------------------------------ cache

const cache = new Map<string, LoadedSpecSet>();

/** The environment variable that points the whole kit (CLI, suites, sandbox) at another spec directory. */
export const SPECS_DIR_VARIABLE = "CONFORMANCE_SPECS_DIR";

/** The spec directory in use: `CONFORMANCE_SPECS_DIR` (read here and nowhere else) or the repository's specs/. */
export function specDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env[SPECS_DIR_VARIABLE]?.trim();
  return dir ? path.resolve(dir) : DEFAULT_SPEC_DIR;
}

/** Loads and compiles every `*.yaml` spec in `dir` once; later calls with the same dir return the same SpecSet. */
export function loadSpecs(dir: string = specDir()): LoadedSpecSet {
  const key = path.resolve(dir);
  let set = cache.get(key);
  if (!set) {
    set = buildSpecSet(key);
    cache.set(key, set);
  }
  return set;
}

/** Forget the SpecSets of this process (tests that rewrite spec files); the disk cache is keyed by text. */
export function clearSpecCache(): void {
  cache.clear();
}

/**
 * The same specs with every body validated by the allErrors + verbose validator alone, as before the fast path
 * (not cached): the yardstick the bench and the tests hold `loadSpecs` to. Nothing else should use it.
 */
export function loadReferenceSpecs(dir: string = specDir()): LoadedSpecSet {
  return buildSpecSet(path.resolve(dir), true);
}

function buildSpecSet(dir: string, reference = false): LoadedSpecSet {
  if (!existsSync(dir))
    throw new SpecError(
      displayPath(dir),
      undefined,
      "spec directory does not exist",
      `create it, or point ${SPECS_DIR_VARIABLE} at the directory that holds the *.yaml specs`,
    );
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0)
    throw new SpecError(
      displayPath(dir),
      undefined,
      "spec directory holds no *.yaml spec",
      `add the vendor specs, or point ${SPECS_DIR_VARIABLE} at the directory that holds them`,
    );
  const modules: VendorSpec[] = [];
  for (const f of files) {
    const abs = path.join(dir, f);
    const text = readFileSync(abs, "utf8");
    const key = specCacheKey(text, reference);
    const cached = key === undefined ? undefined : readSpecCache(key);
    const mod = new VendorSpec(displayPath(abs), text, reference, cached);
    // Only now: an entry means the whole file passed (a file that fails is reported on every load).
    if (key !== undefined && !cached) writeSpecCache(key, mod.src.raw, () => mod.src.lineTable());
    const dup = modules.find((m) => m.vendor === mod.vendor);
    if (dup)
      throw new SpecError(
        mod.file,
        mod.src.lineOf("/info/x-vendor"),
        `x-vendor "${mod.vendor}" is also used by ${dup.file}`,
        "give each vendor exactly one spec file",
      );
    modules.push(mod);
  }
  modules.sort((a, b) => VENDORS.indexOf(a.vendor) - VENDORS.indexOf(b.vendor));
  return new SpecSetImpl(modules);
}

/** Load one spec from text (used by tests for malformed specs; not cached). */
export function loadSpecText(text: string, file = "inline.yaml"): LoadedSpecSet {
  return new SpecSetImpl([new VendorSpec(file, text)]);
}

function displayPath(abs: string): string {
  const rel = path.relative(REPO_ROOT, abs);
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel.split(path.sep).join("/");
}
