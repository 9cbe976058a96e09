// (d) Growth with spec size and the start-up cost of validator compilation: loadSpecText of each vendor spec and of
// synthetic specs with 10× and 100× the operations (paths duplicated under new operationIds); then how much of the
// load is ajv compilation and whether precompiled ajv standalone code (cached by spec hash) removes it.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import A from "ajv-draft-04";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parse, stringify } from "yaml";
import { loadSpecText, DEFAULT_SPEC_DIR } from "../../src/openapi/index.ts";
import { ROOT, now, summary } from "./lib.ts";

type Obj = Record<string, any>;
const METHODS = ["get", "post", "delete", "put", "patch"];

/** The spec with every path repeated `factor` times (suffix `-copyN`, operationId `<id>Copy<N>`). */
export function multiplySpec(text: string, factor: number): { text: string; operations: number } {
  const doc = parse(text) as Obj;
  const paths: Obj = {};
  let operations = 0;
  for (let n = 0; n < factor; n++) {
    for (const [path, item] of Object.entries(doc.paths as Obj)) {
      const copy = n === 0 ? item : JSON.parse(JSON.stringify(item));
      for (const m of METHODS) {
        if (!copy[m]) continue;
        operations++;
        if (n > 0) copy[m].operationId = `${copy[m].operationId}Copy${n}`;
      }
      paths[n === 0 ? path : `${path}-copy${n}`] = copy;
    }
  }
  doc.paths = paths;
  return { text: stringify(doc, { aliasDuplicateObjects: false }), operations };
}

export interface SpecSizeRow {
  name: string;
  operations: number;
  bytes: number;
  loadMs: number[];
  msPerOperation: number;
}

interface Compiled {
  defsDoc: Obj;
  schemas: Obj[];
  xKeywords: string[];
}

/** The converted schemas the kit compiled (read from the loaded spec's internals: bench-only). */
function compiledSchemas(set: unknown): Compiled {
  const modules = [...((set as Obj).byVendor as Map<string, Obj>).values()];
  const m = modules[0]!;
  const schemas: Obj[] = [];
  for (const operation of m.operations as Obj[]) {
    const op = operation.v as Obj;
    for (const entry of (op.responses as Map<string, Obj>).values()) {
      for (const c of (entry.media as Map<string, Obj | null>).values()) if (c) schemas.push(c.check.schema);
      if (entry.headers) schemas.push(entry.headers.validate.schema);
    }
    for (const c of (op.bodyMedia as Map<string, Obj | null>).values()) if (c) schemas.push(c.check.schema);
    for (const g of op.params as Obj[]) schemas.push(g.validate.schema);
  }
  return { defsDoc: m.defsDoc, schemas, xKeywords: [...(m.xKeywords as Set<string>)] };
}

function newAjv(c: Compiled, source: boolean) {
  const ajv = new A.default({
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: true,
    verbose: true,
    ...(source ? { code: { source: true } } : {}),
  });
  addFormats.default(ajv);
  for (const k of c.xKeywords)
    ajv.addKeyword({ keyword: k, schemaType: ["string", "number", "integer", "boolean", "object", "array", "null"] });
  ajv.addSchema(c.defsDoc);
  return ajv;
}

export interface PrecompileFigures {
  vendor: string;
  schemas: number;
  /** Full loadSpecText (parse, convention checks, conversion, compilation). */
  loadMs: number[];
  /** ajv compilation of the same converted schemas alone. */
  compileMs: number[];
  /** Writing the standalone module once (cache miss). */
  generateMs: number;
  moduleBytes: number;
  /** Requiring the cached standalone module in a fresh module cache (cache hit). */
  loadPrecompiledMs: number[];
  /** Do the precompiled validators give the same verdicts as the kit's on a set of bodies? */
  agree: boolean;
}

export function precompile(vendor: string, repetitions: number, bodies: unknown[]): PrecompileFigures {
  const text = readFileSync(join(DEFAULT_SPEC_DIR, `${vendor}.yaml`), "utf8");
  const loadMs: number[] = [];
  const compileMs: number[] = [];
  let c: Compiled | undefined;
  for (let r = 0; r < repetitions; r++) {
    let t = now();
    const set = loadSpecText(text, `specs/${vendor}.yaml`);
    loadMs.push(now() - t);
    c = compiledSchemas(set);
    const ajv = newAjv(c, false);
    t = now();
    for (const s of c.schemas) ajv.compile(s);
    compileMs.push(now() - t);
  }
  // Standalone: one module exporting every validator, keyed by index, cached under the spec's hash.
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const dir = join(ROOT, ".conformance", "cache", "bench-validators");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${vendor}-${hash}.cjs`);
  let t = now();
  const ajv = newAjv(c!, true);
  const refs: Record<string, string> = {};
  c!.schemas.forEach((s, i) => {
    const id = `https://bench.local/${vendor}/${i}`;
    ajv.addSchema({ ...s, id }, id);
    refs[`v${i}`] = id;
  });
  const generate = ((standaloneCode as unknown as { default?: unknown }).default ?? standaloneCode) as (
    ajv: unknown,
    refs: Record<string, string>,
  ) => string;
  const code = generate(ajv, refs);
  writeFileSync(file, code);
  const generateMs = now() - t;
  const loadPrecompiledMs: number[] = [];
  let mod: Record<string, (d: unknown) => boolean> = {};
  for (let r = 0; r < repetitions; r++) {
    const require = createRequire(join(dir, "x.cjs"));
    delete require.cache[file];
    t = now();
    mod = require(file) as typeof mod;
    loadPrecompiledMs.push(now() - t);
  }
  const fresh = newAjv(c!, false);
  const direct = c!.schemas.map((s) => fresh.compile(s));
  let agree = true;
  for (const b of bodies) for (let i = 0; i < direct.length; i++) if (direct[i]!(b) !== mod[`v${i}`]!(b)) agree = false;
  return {
    vendor,
    schemas: c!.schemas.length,
    loadMs,
    compileMs,
    generateMs,
    moduleBytes: code.length,
    loadPrecompiledMs,
    agree,
  };
}

export interface SpecFigures {
  sizes: SpecSizeRow[];
  /** Synthetic rows: marginal ms per added operation between successive sizes (linear growth: these stay flat). */
  linearity: { marginalMsPerOperation: number[]; maxOverMin: number };
  precompiled: PrecompileFigures[];
}

export function specBench(
  repetitions: number,
  factors: number[],
  log: (m: string) => void,
  bodies: unknown[] = [],
): SpecFigures {
  const sizes: SpecSizeRow[] = [];
  const rows: { name: string; text: string; operations: number }[] = [];
  for (const vendor of ["advance", "zoloz", "uqudo"]) {
    const text = readFileSync(join(DEFAULT_SPEC_DIR, `${vendor}.yaml`), "utf8");
    rows.push({ name: `${vendor}.yaml`, text, operations: multiplySpec(text, 1).operations });
  }
  const base = readFileSync(join(DEFAULT_SPEC_DIR, "advance.yaml"), "utf8");
  for (const f of factors) {
    const m = multiplySpec(base, f);
    rows.push({ name: `advance.yaml ×${f}`, text: m.text, operations: m.operations });
  }
  for (const row of rows) {
    const loadMs: number[] = [];
    const reps = row.operations > 100 ? Math.max(1, Math.min(repetitions, 2)) : repetitions;
    for (let r = 0; r < reps; r++) {
      const t = now();
      loadSpecText(row.text, `specs/${row.name.replace(/[^a-z.]/g, "")}`);
      loadMs.push(now() - t);
    }
    const med = summary(loadMs).median;
    sizes.push({
      name: row.name,
      operations: row.operations,
      bytes: row.text.length,
      loadMs,
      msPerOperation: med / row.operations,
    });
    log(`specs: ${row.name} (${row.operations} operations): ${med.toFixed(0)} ms`);
  }
  const synthetic = sizes.filter((s) => s.name.includes("×"));
  const perOp: number[] = [];
  for (let i = 1; i < synthetic.length; i++) {
    const a = synthetic[i - 1]!;
    const b = synthetic[i]!;
    perOp.push((summary(b.loadMs).median - summary(a.loadMs).median) / (b.operations - a.operations));
  }
  const precompiled = ["advance", "zoloz", "uqudo"].map((v) => precompile(v, repetitions, bodies));
  for (const p of precompiled)
    log(
      `specs: ${p.vendor}: load ${summary(p.loadMs).median.toFixed(0)} ms, ajv compile ${summary(p.compileMs).median.toFixed(0)} ms, precompiled load ${summary(p.loadPrecompiledMs).median.toFixed(1)} ms, agree ${p.agree}`,
    );
  return {
    sizes,
    linearity: {
      marginalMsPerOperation: perOp,
      maxOverMin: perOp.length ? Math.max(...perOp) / Math.min(...perOp) : NaN,
    },
    precompiled,
  };
}
