// The spec cache (spec-cache.ts): a load in a "new process" (the in-memory SpecSets forgotten) reads the disk entry
// and answers exactly as the load that parsed and compiled the text; anything wrong with the cache is only a miss.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildCorpus, buildRequestCorpus } from "../../scripts/bench/corpus.ts";
import { tableSource } from "./line-table.ts";
import { DEFAULT_SPEC_DIR, clearSpecCache, loadReferenceSpecs, loadSpecs, type LoadedSpecSet } from "./load.ts";
import { SPEC_CACHE_DIR_VARIABLE, specCacheStats } from "./spec-cache.ts";
import { SpecError } from "./errors.ts";
import { escapeSegment } from "./pointer.ts";
import { parseYamlSource, type LineTable } from "./yaml-source.ts";

const FIXTURE = path.join(import.meta.dirname, "__fixtures__", "ok", "demo-advance.yaml");

let tmp: string;
let cacheDir: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "spec-cache-test-"));
  cacheDir = path.join(tmp, "cache");
  vi.stubEnv(SPEC_CACHE_DIR_VARIABLE, cacheDir);
  clearSpecCache();
});

afterEach(() => {
  vi.unstubAllEnvs();
  clearSpecCache();
  rmSync(tmp, { recursive: true, force: true });
});

/** A load as a new process does it: nothing in memory, the disk cache as it is; with what the cache did. */
function freshLoad(dir: string): { set: LoadedSpecSet; hits: number; misses: number; writes: number } {
  clearSpecCache();
  const before = { ...specCacheStats };
  const set = loadSpecs(dir);
  return {
    set,
    hits: specCacheStats.hits - before.hits,
    misses: specCacheStats.misses - before.misses,
    writes: specCacheStats.writes - before.writes,
  };
}

const entries = () => {
  try {
    return readdirSync(cacheDir).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
};

/** A spec folder holding `text` as its one spec. */
function specDir(text: string): string {
  const dir = mkdtempSync(path.join(tmp, "specs-"));
  writeFileSync(path.join(dir, "advance.yaml"), text);
  return dir;
}

/** Every pointer of a document, and one missing pointer below each (a key, and an index past the end). */
function pointers(node: unknown, at = "", out: string[] = [""]): string[] {
  if (node === null || typeof node !== "object") return out;
  out.push(`${at}/no~1such`, `${at}/99`);
  for (const [k, v] of Object.entries(node)) {
    const p = `${at}/${escapeSegment(k)}`;
    out.push(p);
    pointers(v, p, out);
  }
  return out;
}

describe("a hit answers as the load that parsed the text", () => {
  it("operations, doc pages, deviations, examples with their lines, documents and every line", () => {
    const miss = freshLoad(DEFAULT_SPEC_DIR);
    expect(miss).toMatchObject({ hits: 0, misses: 3, writes: 3 });
    expect(entries()).toHaveLength(3);
    const hit = freshLoad(DEFAULT_SPEC_DIR);
    expect(hit).toMatchObject({ hits: 3, misses: 0, writes: 0 });
    const [a, b] = [miss.set, hit.set];
    expect(b).not.toBe(a);
    expect(b.operations).toEqual(a.operations);
    expect(b.hashes).toEqual(a.hashes);
    expect(b.files).toEqual(a.files);
    expect(b.examples()).toEqual(a.examples());
    expect(b.requestExamples()).toEqual(a.requestExamples());
    expect(b.examples().every((e) => typeof e.specLine === "number")).toBe(true);
    expect(b.deviations()).toEqual(a.deviations());
    for (const v of a.vendors) {
      expect(b.docPages(v)).toEqual(a.docPages(v));
      expect(b.document(v)).toEqual(a.document(v));
      const file = a.files[v]!;
      expect(b.lineOf(file)).toBe(1);
      for (const p of pointers(a.document(v))) expect(b.lineOf(`${file}#${p}`), p).toBe(a.lineOf(`${file}#${p}`));
    }
  });

  it("the same findings for broken bodies, parameters and headers (validators compiled on first use)", () => {
    const a = freshLoad(DEFAULT_SPEC_DIR).set;
    const b = freshLoad(DEFAULT_SPEC_DIR).set;
    const corpus = buildCorpus(a);
    let invalid = 0;
    for (const i of corpus) {
      const found = b.validateResponseBody(i.id, i.status, i.body, i.mediaType);
      if (found.length) invalid++;
      expect(found).toEqual(a.validateResponseBody(i.id, i.status, i.body, i.mediaType));
    }
    expect(invalid).toBeGreaterThan(300);
    // No headers, no parameters: the groups' validators report what is missing, read from their `.errors`.
    let groupFindings = 0;
    for (const op of a.operations) {
      for (const status of op.statuses) {
        const found = b.validateResponse(op.id, status, {}, undefined);
        groupFindings += found.filter((f) => f.pointer.startsWith("/headers")).length;
        expect(found).toEqual(a.validateResponse(op.id, status, {}, undefined));
      }
      const request = { query: { limit: "many" }, pathParams: {}, headers: {} };
      const found = b.validateRequest(op.id, request);
      groupFindings += found.length;
      expect(found).toEqual(a.validateRequest(op.id, request));
    }
    expect(groupFindings).toBeGreaterThan(10);
    for (const r of buildRequestCorpus(a)) {
      const request = { headers: { "content-type": r.mediaType }, body: r.body };
      expect(b.validateRequest(r.id, request)).toEqual(a.validateRequest(r.id, request));
    }
  });

  it("the reference loads have entries of their own", () => {
    loadSpecs(DEFAULT_SPEC_DIR);
    expect(entries()).toHaveLength(3);
    loadReferenceSpecs(DEFAULT_SPEC_DIR);
    expect(entries()).toHaveLength(6);
  });
});

describe("the line table answers as the YAML node tree", () => {
  const tricky = [
    "openapi: 3.0.3",
    "base: &base",
    "  a: 1",
    "  'b/c': {d~e: [x, y]}",
    "alias: *base",
    "list:",
    "  - *base",
    "  -",
    "  - [1, [2, 3]]",
    "  - {}",
    "empty: []",
    "__proto__: {polluted: true}",
    "200: number key",
    "'200': string key, found second",
    "nothing:",
    "",
  ].join("\n");

  for (const [name, text] of [
    ["tricky YAML", tricky],
    ["the fixture", readFileSync(FIXTURE, "utf8")],
    ...readdirSync(DEFAULT_SPEC_DIR).map((f) => [f, readFileSync(path.join(DEFAULT_SPEC_DIR, f), "utf8")]),
  ] as const) {
    it(`${name}: lineOf and nearestLineOf of every pointer, through JSON`, () => {
      const parsed = parseYamlSource(text, "x.yaml");
      const table = JSON.parse(JSON.stringify(parsed.lineTable())) as LineTable;
      const cached = tableSource("x.yaml", parsed.raw, table);
      const all = [...pointers(parsed.raw), "/list/01", "/list/1/x", "/alias/b~1c/d~0e/1"];
      for (const p of all) {
        expect(cached.lineOf(p), p).toBe(parsed.lineOf(p));
        expect(cached.nearestLineOf(p), p).toBe(parsed.nearestLineOf(p));
      }
      if (name === "tricky YAML") {
        expect(cached.lineOf("/alias/a")).toBe(3);
        expect(cached.lineOf("/200")).toBe(13);
        expect(cached.lineOf("/__proto__/polluted")).toBe(12);
        expect(cached.lineOf("/list/01")).toBe(8);
      }
    });
  }
});

describe("anything wrong is a miss, never an error or a stale answer", () => {
  const fixtureText = readFileSync(FIXTURE, "utf8");

  it("a corrupt, truncated or foreign entry is read past, and written again", () => {
    const dir = specDir(fixtureText);
    const first = freshLoad(dir).set;
    const [entry] = entries();
    const file = path.join(cacheDir, entry!);
    const good = readFileSync(file, "utf8");
    for (const bad of [
      good.slice(0, good.length / 2),
      "[]",
      `{"key":"${entry!.slice(0, -5)}","raw":{},"lines":1}`,
      "\u0000",
    ]) {
      writeFileSync(file, bad);
      const again = freshLoad(dir);
      expect(again).toMatchObject({ hits: 0, misses: 1, writes: 1 });
      expect(again.set.operations).toEqual(first.operations);
      expect(readFileSync(file, "utf8")).toBe(good);
    }
    // An entry under another text's name (its key inside says so) is not taken for this text.
    const other = specDir(`# another text\n${fixtureText}`);
    freshLoad(other);
    const otherEntry = entries().find((f) => f !== entry)!;
    writeFileSync(path.join(cacheDir, otherEntry), good);
    expect(freshLoad(other)).toMatchObject({ hits: 0, misses: 1 });
  });

  it("a spec with an error is reported on every load and never cached", () => {
    // An unused component with a typo: only the compile-every-component pass at load finds it.
    const broken = fixtureText.replace(
      "  schemas:\n",
      "  schemas:\n    Unused:\n      type: string\n      minLenght: 3\n",
    );
    expect(broken).not.toBe(fixtureText);
    const dir = specDir(broken);
    const messages = [1, 2].map(() => {
      try {
        freshLoad(dir);
        return "loaded";
      } catch (e) {
        expect(e).toBeInstanceOf(SpecError);
        return (e as Error).message;
      }
    });
    expect(messages[0]).toMatch(/advance\.yaml:\d+: schema rejected by ajv: .*minLenght/);
    expect(messages[1]).toBe(messages[0]);
    expect(entries()).toEqual([]);
  });

  it("an edited text misses, and its lines are the new ones", () => {
    const dir = specDir(fixtureText);
    const before = freshLoad(dir).set.operation("advance.enroll").specLine!;
    expect(freshLoad(dir).hits).toBe(1);
    writeFileSync(path.join(dir, "advance.yaml"), `# a comment line\n${fixtureText}`);
    const edited = freshLoad(dir);
    expect(edited).toMatchObject({ hits: 0, misses: 1, writes: 1 });
    expect(edited.set.operation("advance.enroll").specLine).toBe(before + 1);
    expect(entries()).toHaveLength(2);
  });

  it("a cache folder that cannot be created still loads, every time", () => {
    const file = path.join(tmp, "a-file");
    writeFileSync(file, "");
    vi.stubEnv(SPEC_CACHE_DIR_VARIABLE, path.join(file, "cache"));
    const dir = specDir(fixtureText);
    const [a, b] = [freshLoad(dir), freshLoad(dir)];
    expect([a.writes, b.writes, b.hits]).toEqual([0, 0, 0]);
    expect(b.set.operations).toEqual(a.set.operations);
  });

  it("a document JSON would not give back (.nan, -.inf, an object an alias shares) is not cached", () => {
    for (const odd of ["x-odd: [.nan, -.inf]", "x-odd: {a: &shared {b: 1}, c: *shared}"]) {
      const dir = specDir(fixtureText.replace("openapi: 3.0.3\n", `openapi: 3.0.3\n${odd}\n`));
      const [a, b] = [freshLoad(dir), freshLoad(dir)];
      expect([a.writes, b.hits]).toEqual([0, 0]);
      expect(b.set.document("advance")["x-odd"]).toEqual(a.set.document("advance")["x-odd"]);
    }
  });
});
