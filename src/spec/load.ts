// Loads specs/*.yaml into the typed SpecSet: parse (with line numbers), check the conventions, resolve $refs,
// convert every schema to draft-04 JSON Schema and compile all validators once per spec directory.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { openapiSchemaToJsonSchema } from "@openapi-contrib/openapi-schema-to-json-schema";
import A from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import { VENDORS, type OperationId, type SchemaFinding, type Vendor } from "../types.ts";
import { SpecError, UnknownOperationError, oneLine } from "./errors.ts";
import { escapeSegment, getAt, parsePointer, toPointer } from "./pointer.ts";
import type {
  BusinessCode,
  DocDeviation,
  DocPage,
  DocumentedExample,
  ImageField,
  ImageLimits,
  OperationInfo,
  Rejection,
  RequestParts,
  ResponseHeaderSpec,
  SpecSet,
  KnownValues,
} from "./types.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";
import { PACKAGE_ROOT } from "../layout.ts";

export const REPO_ROOT = PACKAGE_ROOT;
export const DEFAULT_SPEC_DIR = path.join(REPO_ROOT, "specs");

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
type Ajv = InstanceType<typeof A.default>;

const METHODS = ["get", "post", "delete", "put", "patch", "head", "options", "trace"] as const;
const KIT_METHODS = new Set(["get", "post", "delete"]);

/** The SpecSet plus what the doc generator needs to name spec lines. */
export interface LoadedSpecSet extends SpecSet {
  /** Spec files by vendor, relative to the repository (e.g. `specs/advance.yaml`). */
  files: Partial<Record<Vendor, string>>;
  /** 1-based line of a `specs/x.yaml#/json/pointer` (nearest existing prefix). */
  lineOf(specPointer: string): number | undefined;
  /** Documented request-body examples (status 0; `mediaType` is the request's). */
  requestExamples(vendor?: Vendor): DocumentedExample[];
  /** Like validateResponse, but the body only (documented examples carry no headers). */
  validateResponseBody(id: OperationId, status: number, body: unknown, mediaType?: string): SchemaFinding[];
  /** The raw (YAML → JS) document of a vendor, read-only by convention. */
  document(vendor: Vendor): Readonly<Record<string, unknown>>;
}

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

/** Forget cached SpecSets (tests that rewrite spec files). */
export function clearSpecCache(): void {
  cache.clear();
}

function buildSpecSet(dir: string): LoadedSpecSet {
  if (!existsSync(dir)) throw new SpecError(displayPath(dir), undefined, "spec directory does not exist", `create it, or point ${SPECS_DIR_VARIABLE} at the directory that holds the *.yaml specs`);
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0) throw new SpecError(displayPath(dir), undefined, "spec directory holds no *.yaml spec", `add the vendor specs, or point ${SPECS_DIR_VARIABLE} at the directory that holds them`);
  const modules: VendorSpec[] = [];
  for (const f of files) {
    const abs = path.join(dir, f);
    const text = readFileSync(abs, "utf8");
    const mod = new VendorSpec(displayPath(abs), text);
    const dup = modules.find((m) => m.vendor === mod.vendor);
    if (dup) throw new SpecError(mod.file, mod.src.lineOf("/info/x-vendor"), `x-vendor "${mod.vendor}" is also used by ${dup.file}`, "give each vendor exactly one spec file");
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

// ------------------------------------------------------------------------------------------------ SpecSet

class SpecSetImpl implements LoadedSpecSet {
  readonly vendors: Vendor[];
  readonly operations: OperationInfo[];
  readonly hashes: Partial<Record<Vendor, string>> = {};
  readonly files: Partial<Record<Vendor, string>> = {};
  private readonly byId = new Map<string, CompiledOperation>();
  private readonly byVendor = new Map<Vendor, VendorSpec>();
  private readonly byFile = new Map<string, VendorSpec>();

  constructor(modules: VendorSpec[]) {
    this.vendors = modules.map((m) => m.vendor);
    this.operations = [];
    for (const m of modules) {
      this.hashes[m.vendor] = m.hash;
      this.files[m.vendor] = m.file;
      this.byVendor.set(m.vendor, m);
      this.byFile.set(m.file, m);
      for (const op of m.operations) {
        this.operations.push(op.info);
        this.byId.set(op.info.id, op);
      }
    }
  }

  private compiled(id: OperationId): CompiledOperation {
    const op = this.byId.get(id);
    if (!op) throw new UnknownOperationError(id, [...this.byId.keys()]);
    return op;
  }

  operation(id: OperationId): OperationInfo {
    return this.compiled(id).info;
  }

  docPages(vendor: Vendor): DocPage[] {
    return this.byVendor.get(vendor)?.docPages ?? [];
  }

  deviations(vendor?: Vendor): DocDeviation[] {
    return this.pick(vendor).flatMap((m) => m.deviations);
  }

  examples(vendor?: Vendor): DocumentedExample[] {
    return this.pick(vendor).flatMap((m) => m.examples);
  }

  requestExamples(vendor?: Vendor): DocumentedExample[] {
    return this.pick(vendor).flatMap((m) => m.requestExamples);
  }

  private pick(vendor?: Vendor): VendorSpec[] {
    if (vendor === undefined) return [...this.byVendor.values()];
    const m = this.byVendor.get(vendor);
    return m ? [m] : [];
  }

  validateResponse(id: OperationId, status: number, headers: Record<string, string>, body: unknown): SchemaFinding[] {
    return this.compiled(id).validateResponse(status, headers, body);
  }

  validateRequest(id: OperationId, request: RequestParts): SchemaFinding[] {
    return this.compiled(id).validateRequest(request);
  }

  validateResponseBody(id: OperationId, status: number, body: unknown, mediaType?: string): SchemaFinding[] {
    return this.compiled(id).validateResponse(status, mediaType ? { "content-type": mediaType } : {}, body, false);
  }

  lineOf(specPointer: string): number | undefined {
    const hash = specPointer.indexOf("#");
    const file = hash < 0 ? specPointer : specPointer.slice(0, hash);
    const m = this.byFile.get(file);
    return m?.src.nearestLineOf(hash < 0 ? "" : specPointer.slice(hash + 1));
  }

  document(vendor: Vendor): Readonly<Record<string, unknown>> {
    const m = this.byVendor.get(vendor);
    if (!m) throw new Error(`no spec loaded for vendor "${vendor}"`);
    return m.src.raw;
  }
}

// ------------------------------------------------------------------------------------------------ one vendor

interface CompiledSchema {
  validate: ValidateFunction;
  /** Spec pointer (in-file) of the schema. */
  pointer: string;
}

interface ParamGroup {
  validate: ValidateFunction;
  /** "/query", "/headers", "/path". */
  prefix: string;
}

interface ResponseEntry {
  pointer: string;
  media: Map<string, CompiledSchema | null>;
  headers?: ParamGroup;
}

class VendorSpec {
  readonly src: YamlSource;
  readonly hash: string;
  readonly vendor: Vendor;
  readonly docPages: DocPage[] = [];
  readonly deviations: DocDeviation[] = [];
  readonly examples: DocumentedExample[] = [];
  readonly requestExamples: DocumentedExample[] = [];
  readonly operations: CompiledOperation[] = [];
  readonly schemaId: string;
  /** Converted schema node → in-file pointer of the OpenAPI schema it came from. */
  readonly ptrOf = new WeakMap<object, string>();
  /** Synthesised `{anyOf: [schema, {type: null}]}` parts whose errors only repeat the real ones. */
  readonly synthetic = new WeakSet<object>();
  /** Wrapper schemas of parameter/header groups: lower-case name → in-file pointer of the declaration. */
  readonly groupPtrs = new WeakMap<object, Record<string, string>>();
  readonly ajv!: Ajv;
  /** Query/header/path values are strings on the wire, so their schemas are checked with type coercion. */
  readonly ajvCoerce!: Ajv;
  private readonly pages = new Map<string, DocPage>();
  private readonly deviationIds = new Set<string>();
  private readonly xKeywords = new Set<string>();
  readonly defsDoc: Obj;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.hash = createHash("sha256").update(text).digest("hex");
    this.src = parseYamlSource(text, file);
    const raw = this.src.raw;
    this.vendor = this.checkRoot(raw);
    this.schemaId = `https://spec.local/${this.vendor}.json`;
    this.readDocPages(raw);
    this.checkAllRefs(raw, []);

    // Components first, so operation schemas only reference already-converted definitions.
    const defs: Obj = {};
    const comps = getAt(raw, ["components", "schemas"]);
    if (comps !== undefined && !isObj(comps)) this.fail("/components/schemas", "components.schemas is not a mapping", "make it a mapping of schema name → schema");
    for (const [name, schema] of Object.entries((comps as Obj | undefined) ?? {})) {
      defs[name] = this.convert(schema, `/components/schemas/${escapeSegment(name)}`);
    }
    this.defsDoc = { id: this.schemaId, definitions: defs };
    this.ajv = this.newAjv(false);
    this.ajvCoerce = this.newAjv(true);
    // Compile every component once, so a broken unused component is still reported at load time.
    for (const name of Object.keys(defs)) {
      const ptr = `/components/schemas/${escapeSegment(name)}`;
      this.guardCompile(ptr, [defs[name]], () => this.ajv.getSchema(`${this.schemaId}#/definitions/${escapeSegment(name)}`));
    }

    this.readDeviations(raw);
    const paths = raw.paths;
    if (!isObj(paths)) this.fail("/paths", "`paths` is missing or not a mapping", "add `paths:` with the documented operations");
    const seenIds = new Map<string, string>();
    for (const [p, item] of Object.entries(paths)) {
      if (!p.startsWith("/")) this.fail(`/paths/${escapeSegment(p)}`, `path "${p}" does not start with "/"`, "write paths as /segment/...");
      if (!isObj(item)) this.fail(`/paths/${escapeSegment(p)}`, `path item "${p}" is not a mapping`, "list operations (get/post/delete) under the path");
      for (const method of METHODS) {
        const opRaw = item[method];
        if (opRaw === undefined) continue;
        const ptr = `/paths/${escapeSegment(p)}/${method}`;
        if (!isObj(opRaw)) this.fail(ptr, `${method.toUpperCase()} ${p} is not a mapping`, "write the operation as a mapping");
        if (!KIT_METHODS.has(method)) this.fail(ptr, `method ${method.toUpperCase()} is not supported by the kit`, "use GET, POST or DELETE");
        const opId = opRaw.operationId;
        if (typeof opId !== "string" || opId === "") this.fail(ptr, `${method.toUpperCase()} ${p} has no operationId`, "add a camelCase operationId");
        const prev = seenIds.get(opId);
        if (prev) this.fail(`${ptr}/operationId`, `operationId "${opId}" is already used at ${prev}`, "make operationIds unique in the document");
        seenIds.set(opId, ptr);
        this.operations.push(new CompiledOperation(this, p, method, item, opRaw, ptr));
      }
    }
    this.checkDeviationOperations();
  }

  // ---------------------------------------------------------------- errors & locations

  fail(pointer: string, problem: string, fix: string): never {
    throw new SpecError(this.file, this.src.nearestLineOf(pointer), problem, fix);
  }

  specPointer(inFile: string): string {
    return `${this.file}#${inFile}`;
  }

  // ---------------------------------------------------------------- root & x- extensions

  private checkRoot(raw: Obj): Vendor {
    const v = raw.openapi;
    if (typeof v !== "string" || !/^3\.0\.\d+$/.test(v)) this.fail("/openapi", `\`openapi\` is ${JSON.stringify(v)}, not an OpenAPI 3.0.x version`, 'write `openapi: 3.0.3` (quoted or not, it must be a string "3.0.x")');
    const info = raw.info;
    if (!isObj(info)) this.fail("/info", "`info` is missing", "add info with title, version and x-vendor");
    if (typeof info.title !== "string" || typeof info.version !== "string") this.fail("/info", "info.title and info.version must be strings", 'quote the version, e.g. version: "2026-11-23"');
    const vendor = info["x-vendor"];
    if (typeof vendor !== "string" || !VENDORS.includes(vendor as Vendor)) this.fail("/info/x-vendor", `info.x-vendor is ${JSON.stringify(vendor)}`, `set it to one of ${VENDORS.join(", ")}`);
    return vendor as Vendor;
  }

  private readDocPages(raw: Obj): void {
    const pages = raw["x-doc-pages"];
    if (pages === undefined) return;
    if (!isObj(pages)) this.fail("/x-doc-pages", "x-doc-pages is not a mapping", "map page id → {url, title}");
    for (const [id, p] of Object.entries(pages)) {
      const ptr = `/x-doc-pages/${escapeSegment(id)}`;
      if (!isObj(p) || typeof p.url !== "string" || !/^https?:\/\//.test(p.url)) this.fail(ptr, `doc page "${id}" has no http(s) url`, "give it `url: https://...` and `title:`");
      const page: DocPage = { id, url: p.url, title: typeof p.title === "string" ? p.title : id, specPointer: this.specPointer(ptr), specLine: this.src.lineOf(ptr) };
      this.pages.set(id, page);
      this.docPages.push(page);
    }
  }

  page(id: unknown, pointer: string, what: string): DocPage {
    const page = typeof id === "string" ? this.pages.get(id) : undefined;
    if (!page) this.fail(pointer, `${what} names doc page ${JSON.stringify(id)}, which is not in x-doc-pages`, `add it to x-doc-pages or use one of: ${[...this.pages.keys()].join(", ") || "(none defined)"}`);
    return page;
  }

  private readDeviations(raw: Obj): void {
    const list = raw["x-doc-deviations"];
    if (list === undefined) return;
    if (!Array.isArray(list)) this.fail("/x-doc-deviations", "x-doc-deviations is not a list", "make it a YAML list of deviation entries");
    list.forEach((d, i) => {
      const ptr = `/x-doc-deviations/${i}`;
      if (!isObj(d)) this.fail(ptr, "deviation entry is not a mapping", "see docs/spec-conventions.md");
      for (const k of ["id", "summary", "chosen", "otherReading"] as const) {
        if (typeof d[k] !== "string" || d[k] === "") this.fail(ptr, `deviation #${i} has no string \`${k}\``, `add \`${k}:\` (see docs/spec-conventions.md)`);
      }
      const id = d.id as string;
      if (this.deviationIds.has(id)) this.fail(`${ptr}/id`, `deviation id "${id}" is used twice`, "make deviation ids unique");
      this.deviationIds.add(id);
      if (!["failure", "warning", "info"].includes(d.reportedAs as string)) this.fail(`${ptr}/reportedAs`, `deviation "${id}" has reportedAs ${JSON.stringify(d.reportedAs)}`, "use failure, warning or info");
      const sources = this.stringList(d.sources, `${ptr}/sources`, `deviation "${id}" sources`);
      sources.forEach((s, j) => this.page(s, `${ptr}/sources/${j}`, `deviation "${id}"`));
      const operations = this.stringList(d.operations ?? [], `${ptr}/operations`, `deviation "${id}" operations`);
      let explains: DocDeviation["explains"];
      if (d.explains !== undefined) {
        if (!isObj(d.explains) || typeof d.explains.check !== "string") this.fail(`${ptr}/explains`, `deviation "${id}" explains has no check`, "give explains a `check:` name");
        explains = { check: d.explains.check };
        if (typeof d.explains.pointer === "string") explains.pointer = d.explains.pointer;
        if ("value" in d.explains) explains.value = d.explains.value;
        if (d.explains.keyword !== undefined) explains.keyword = this.stringList(typeof d.explains.keyword === "string" ? [d.explains.keyword] : d.explains.keyword, `${ptr}/explains/keyword`, `deviation "${id}" explains.keyword`);
        if (typeof d.explains.violation === "string") explains.violation = d.explains.violation;
      }
      this.deviations.push({
        id,
        vendor: this.vendor,
        summary: oneLine(d.summary as string),
        sources,
        operations,
        chosen: oneLine(d.chosen as string),
        otherReading: oneLine(d.otherReading as string),
        reportedAs: d.reportedAs as DocDeviation["reportedAs"],
        ...(explains ? { explains } : {}),
        specPointer: this.specPointer(ptr),
        specLine: this.src.lineOf(ptr),
      });
    });
  }

  private checkDeviationOperations(): void {
    const ids = new Set(this.operations.map((o) => o.info.operationId));
    this.deviations.forEach((d, i) => {
      d.operations.forEach((o, j) => {
        if (!ids.has(o)) this.fail(`/x-doc-deviations/${i}/operations/${j}`, `deviation "${d.id}" names operation "${o}", which is not an operationId here`, `use one of: ${[...ids].join(", ")}`);
      });
    });
  }

  hasDeviation(id: string): boolean {
    return this.deviationIds.has(id);
  }

  stringList(v: unknown, ptr: string, what: string): string[] {
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) this.fail(ptr, `${what} must be a list of strings`, "write it as [a, b]");
    return v as string[];
  }

  // ---------------------------------------------------------------- $ref handling

  /** Every $ref must be local and resolve; examples are data and may contain a literal "$ref" key. */
  private checkAllRefs(node: unknown, segs: string[]): void {
    if (Array.isArray(node)) {
      node.forEach((v, i) => this.checkAllRefs(v, [...segs, String(i)]));
      return;
    }
    if (!isObj(node)) return;
    const ref = node.$ref;
    if (typeof ref === "string") this.resolveRef(ref, toPointer(segs));
    for (const [k, v] of Object.entries(node)) {
      if (k === "example" || k === "default" || k === "enum") continue;
      if (k === "value" && segs[segs.length - 2] === "examples") continue;
      if (k.startsWith("x-") && k !== "x-doc-pages") continue;
      this.checkAllRefs(v, [...segs, k]);
    }
  }

  /** Returns the in-file pointer a local $ref names, or fails naming the line of the $ref. */
  resolveRef(ref: string, at: string): string {
    const where = `${at}/$ref`;
    if (!ref.startsWith("#/") && ref !== "#") this.fail(where, `$ref "${ref}" is not a local reference`, "inline the external document or use #/components/... references");
    const target = ref.slice(1);
    let decoded: string[];
    try {
      decoded = parsePointer(decodeURIComponent(target));
    } catch {
      this.fail(where, `$ref "${ref}" is not a valid JSON pointer`, "escape / as ~1 and ~ as ~0");
    }
    if (getAt(this.src.raw, decoded) === undefined) this.fail(where, `$ref "${ref}" does not resolve`, "point it at an existing entry (check the component name and its spelling)");
    return toPointer(decoded);
  }

  /** Follows $refs of non-schema objects (responses, parameters, headers, examples, request bodies). */
  deref(node: unknown, ptr: string): { node: unknown; ptr: string } {
    for (let hops = 0; isObj(node) && typeof node.$ref === "string"; hops++) {
      if (hops > 32) this.fail(ptr, "$ref chain loops", "break the reference cycle");
      ptr = this.resolveRef(node.$ref, ptr);
      node = getAt(this.src.raw, parsePointer(ptr));
    }
    return { node, ptr };
  }

  // ---------------------------------------------------------------- schema conversion

  /** OpenAPI schema at `ptr` → draft-04 schema whose refs point into this vendor's definitions document. */
  convert(schema: unknown, ptr: string): Obj {
    if (!isObj(schema)) this.fail(ptr, "schema is not a mapping", "write the schema as a YAML mapping");
    let out: Obj;
    try {
      out = openapiSchemaToJsonSchema(nullableWithoutType(structuredClone(schema)), { cloneSchema: false }) as Obj;
    } catch (e) {
      this.fail(this.findProblem(schema, ptr, (e as Error).message), `schema cannot be converted: ${(e as Error).message}`, "use OpenAPI 3.0 schema keywords and types only");
    }
    delete out.$schema;
    this.mapNodes(out, schema, ptr);
    return out;
  }

  /** Records converted-node → spec pointer, rewrites component refs, collects x- keywords for ajv. */
  private mapNodes(conv: unknown, orig: unknown, ptr: string): void {
    if (conv === null || typeof conv !== "object") return;
    this.ptrOf.set(conv, ptr);
    if (isObj(conv) && typeof conv.$ref === "string") conv.$ref = this.schemaRef(conv.$ref, ptr);
    if ((conv as Obj)[SYNTHETIC] === true) {
      delete (conv as Obj)[SYNTHETIC];
      this.synthetic.add(conv);
    }
    for (const [k, v] of Object.entries(conv)) {
      if (k === "enum" || k === "default" || k === "const") continue;
      if (k.startsWith("x-")) {
        this.noteKeyword(k);
        continue;
      }
      if (v === null || typeof v !== "object") continue;
      const o = isObj(orig) || Array.isArray(orig) ? (orig as Obj)[k] : undefined;
      if (o !== null && typeof o === "object") this.mapNodes(v, o, `${ptr}/${escapeSegment(k)}`);
      else this.mapNodes(v, orig, ptr); // a node the conversion added: it belongs to the schema we are in
    }
  }

  /** x- extensions are annotations to ajv; registered as they are met (operation schemas come after ajv exists). */
  private noteKeyword(k: string): void {
    if (this.xKeywords.has(k)) return;
    this.xKeywords.add(k);
    for (const ajv of [this.ajv, this.ajvCoerce]) if (ajv) ajv.addKeyword({ keyword: k, schemaType: [...ANY_TYPE] });
  }

  private schemaRef(ref: string, at: string): string {
    const target = this.resolveRef(ref, at);
    const m = /^\/components\/schemas\/(.+)$/.exec(target);
    if (!m) this.fail(`${at}/$ref`, `schema $ref "${ref}" does not point under #/components/schemas`, "move the schema to components.schemas and reference it there");
    return `${this.schemaId}#/definitions/${m[1]}`;
  }

  /** Best guess at where a converter message points (a bad `type` value). */
  private findProblem(schema: Obj, ptr: string, message: string): string {
    const m = /Type "([^"]*)"/.exec(message);
    if (m) {
      const hit = findPath(schema, (n) => n.type === m[1]);
      if (hit) return `${ptr}${toPointer(hit)}/type`;
    }
    return ptr;
  }

  // ---------------------------------------------------------------- ajv

  private newAjv(coerce: boolean): Ajv {
    const ajv = new A.default({
      strict: true,
      // allOf narrowing (envelope + per-operation code enum) puts `properties` without `type` and `required`
      // without `properties` in sub-schemas, which strictTypes/strictRequired would reject; unknown keywords
      // and formats (typos) are still errors.
      strictTypes: false,
      strictRequired: false,
      allowUnionTypes: true,
      allErrors: true,
      // parentSchema lets a finding name the spec keyword it violated (see ptrOf).
      verbose: true,
      coerceTypes: coerce,
    });
    addFormats.default(ajv);
    for (const k of this.xKeywords) ajv.addKeyword({ keyword: k, schemaType: [...ANY_TYPE] });
    if (!ajv.validateSchema(this.defsDoc)) {
      const e = ajv.errors?.[0];
      const segs = parsePointer(e?.instancePath ?? "");
      const ptr = segs[0] === "definitions" && segs[1] !== undefined ? this.convertedPath(this.defsDoc, segs) : "/components/schemas";
      this.fail(ptr, `invalid schema: ${segs.slice(2).join(".") || "schema"} ${e?.message ?? "is invalid"}`, "fix the keyword so it follows OpenAPI 3.0 / JSON Schema draft-04");
    }
    try {
      ajv.addSchema(this.defsDoc);
    } catch (e) {
      this.fail("/components/schemas", `components cannot be registered: ${(e as Error).message}`, "fix the component schemas");
    }
    return ajv;
  }

  /** Spec pointer for a path inside a converted document: deepest mapped node + remaining existing segments. */
  convertedPath(root: unknown, segs: string[]): string {
    let node: unknown = root;
    let ptr = this.ptrOf.get(root as object) ?? "";
    let i = 0;
    for (; i < segs.length; i++) {
      const next = (node as Obj)?.[segs[i]!];
      if (next === null || typeof next !== "object") break;
      node = next;
      ptr = this.ptrOf.get(next) ?? ptr;
    }
    const rest = segs[i];
    if (rest !== undefined && this.src.lineOf(`${ptr}/${escapeSegment(rest)}`) !== undefined) ptr += `/${escapeSegment(rest)}`;
    return ptr;
  }

  /** Compiles, turning ajv's errors into one-line SpecErrors that name the keyword's spec line. */
  guardCompile<T>(ptr: string, roots: unknown[], compile: () => T): T {
    try {
      return compile();
    } catch (e) {
      const msg = (e as Error).message;
      let where = ptr;
      let fix = "fix the schema so that ajv (JSON Schema draft-04, strict) accepts it";
      const kw = /unknown keyword: "([^"]+)"/.exec(msg);
      const fmt = /unknown format "([^"]+)"/.exec(msg);
      const pred = kw ? (n: Obj) => kw[1]! in n : fmt ? (n: Obj) => n.format === fmt[1] : undefined;
      if (kw) fix = `remove or correct "${kw[1]}" (a typo of an OpenAPI keyword?), or prefix it with x-`;
      if (fmt) fix = `use a format ajv-formats knows (date-time, uri, email, byte, binary, int32, ...) or drop "format: ${fmt[1]}"`;
      if (pred) {
        for (const r of [...roots, this.defsDoc]) {
          const hit = findNode(r, pred);
          if (hit) {
            where = (this.ptrOf.get(hit) ?? where) + (kw ? `/${escapeSegment(kw[1]!)}` : "/format");
            break;
          }
        }
      }
      this.fail(where, `schema rejected by ajv: ${msg}`, fix);
    }
  }

  compileSchema(schema: Obj, ptr: string, coerce = false): ValidateFunction {
    const ajv = coerce ? this.ajvCoerce : this.ajv;
    return this.guardCompile(ptr, [schema], () => ajv.compile(schema));
  }

  // ---------------------------------------------------------------- findings

  findings(errors: readonly ErrorObject[] | null | undefined, prefix: string, fallbackPtr: string): SchemaFinding[] {
    if (!errors) return [];
    const kept = this.pruneBranches(errors.filter((e) => !(e.parentSchema && this.synthetic.has(e.parentSchema as object))));
    return kept.map((e) => this.finding(e, prefix, fallbackPtr));
  }

  /**
   * A oneOf/anyOf whose branches are told apart by an enum (ADVANCE success vs error by `code`) reports the errors
   * of every branch; when the data selects exactly one branch, the other branches' errors (and the summary error)
   * are noise that hides the precise finding, so they are dropped.
   */
  private pruneBranches(errors: ErrorObject[]): ErrorObject[] {
    let dropSchemas: { under: string; schemas: Set<object> }[] | undefined;
    const dropErrors = new Set<ErrorObject>();
    for (const e of errors) {
      if ((e.keyword !== "oneOf" && e.keyword !== "anyOf") || !Array.isArray(e.schema) || !isObj(e.data)) continue;
      const branches = e.schema as unknown[];
      const matches = branches.map((b) => discriminatorMatches(this.derefConverted(b), e.data as Obj));
      if (matches.filter(Boolean).length !== 1) continue;
      const selected = matches.indexOf(true);
      const keep = this.reachable(branches[selected]);
      const schemas = new Set<object>();
      branches.forEach((b, i) => {
        if (i !== selected) for (const o of this.reachable(b)) if (!keep.has(o)) schemas.add(o);
      });
      (dropSchemas ??= []).push({ under: e.instancePath, schemas });
      dropErrors.add(e);
    }
    if (!dropSchemas) return errors;
    return errors.filter((e) => {
      if (dropErrors.has(e)) return false;
      const parent = e.parentSchema as object | undefined;
      return !parent || !dropSchemas!.some((d) => (e.instancePath === d.under || e.instancePath.startsWith(`${d.under}/`)) && d.schemas.has(parent));
    });
  }

  private derefConverted(node: unknown): Obj | undefined {
    for (let i = 0; i < 32 && isObj(node) && typeof node.$ref === "string"; i++) {
      const ref = node.$ref;
      if (!ref.startsWith(`${this.schemaId}#`)) return undefined;
      node = getAt(this.defsDoc, parsePointer(ref.slice(this.schemaId.length)));
    }
    return isObj(node) ? node : undefined;
  }

  private readonly reachableCache = new WeakMap<object, Set<object>>();

  /** Every schema object a branch can evaluate, following refs into the definitions. */
  private reachable(root: unknown): Set<object> {
    if (root === null || typeof root !== "object") return new Set();
    let set = this.reachableCache.get(root);
    if (set) return set;
    set = new Set<object>();
    const visit = (n: unknown) => {
      if (n === null || typeof n !== "object" || set!.has(n)) return;
      set!.add(n);
      if (isObj(n) && typeof n.$ref === "string") visit(this.derefConverted(n));
      for (const [k, v] of Object.entries(n)) if (k !== "enum" && k !== "default") visit(v);
    };
    visit(root);
    this.reachableCache.set(root, set);
    return set;
  }

  private finding(e: ErrorObject, prefix: string, fallbackPtr: string): SchemaFinding {
    const parent = e.parentSchema as object | undefined;
    let pointer = prefix + e.instancePath;
    let actual: unknown = e.data;
    let expected: unknown;
    let specPtr = (parent && this.ptrOf.get(parent)) ?? fallbackPtr;
    const p = e.params as Record<string, unknown>;
    const where = pointer === "" ? "(root)" : pointer;
    let message: string;
    switch (e.keyword) {
      case "required": {
        const name = String(p.missingProperty);
        pointer += `/${escapeSegment(name)}`;
        expected = name;
        actual = undefined;
        const decl = parent ? this.groupPtrs.get(parent)?.[name] : undefined;
        if (decl) specPtr = `${decl}/required`;
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
    if (e.keyword !== "required" || !this.groupPtrs.has(parent ?? {})) {
      const kwPtr = `${specPtr}/${escapeSegment(e.keyword)}`;
      if (this.src.lineOf(kwPtr) !== undefined) specPtr = kwPtr;
    }
    const f: SchemaFinding = { pointer, keyword: e.keyword, message, specPointer: this.specPointer(specPtr) };
    if (expected !== undefined) f.expected = expected;
    if (actual !== undefined) f.actual = actual;
    const line = this.src.nearestLineOf(specPtr);
    if (line !== undefined) f.specLine = line;
    const rule = ruleText(parent, e.keyword === "required" ? String(p.missingProperty) : undefined);
    if (rule) f.specRule = rule;
    return f;
  }

  simpleFinding(pointer: string, keyword: string, message: string, specPtr: string, expected?: unknown, actual?: unknown): SchemaFinding {
    const f: SchemaFinding = { pointer, keyword, message, specPointer: this.specPointer(specPtr) };
    if (expected !== undefined) f.expected = expected;
    if (actual !== undefined) f.actual = actual;
    const line = this.src.nearestLineOf(specPtr);
    if (line !== undefined) f.specLine = line;
    return f;
  }
}

/** The spec's own words for a violated schema: its description, or for a missing property that property's. */
function ruleText(schema: object | undefined, property?: string): string | undefined {
  if (!isObj(schema)) return undefined;
  const props = schema.properties;
  const target = property !== undefined && isObj(props) && isObj(props[property]) ? props[property] : schema;
  return typeof target.description === "string" ? oneLine(target.description) : undefined;
}

const SYNTHETIC = "x-kit-synthetic";
const GROUP_NOUN: Record<string, string> = { "/query": "query parameter", "/headers": "header", "/path": "path parameter" };
const ANY_TYPE = ["object", "array", "string", "number", "boolean", "null"] as const;

/**
 * The converter drops `nullable` on schemas without `type` (e.g. `{allOf: [$ref], nullable: true}`), so such a
 * schema becomes `{anyOf: [schema, {type: null}]}` before conversion; both parts are marked synthetic so their
 * own errors ("must be null", "must match a schema in anyOf") are not reported twice.
 */
function nullableWithoutType(node: unknown): any {
  if (Array.isArray(node)) return node.map(nullableWithoutType);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === "enum" || k === "default" || k === "example" || k.startsWith("x-") ? v : nullableWithoutType(v);
  }
  const composite = "allOf" in out || "oneOf" in out || "anyOf" in out || "$ref" in out;
  if (out.nullable === true && out.type === undefined && composite) {
    delete out.nullable;
    return { anyOf: [out, { type: "null", [SYNTHETIC]: true }], [SYNTHETIC]: true };
  }
  return out;
}

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

function findNode(root: unknown, pred: (n: Obj) => boolean): Obj | undefined {
  if (root === null || typeof root !== "object") return undefined;
  if (isObj(root) && pred(root)) return root;
  for (const v of Object.values(root)) {
    const hit = findNode(v, pred);
    if (hit) return hit;
  }
  return undefined;
}

function findPath(root: unknown, pred: (n: Obj) => boolean, segs: string[] = []): string[] | undefined {
  if (root === null || typeof root !== "object") return undefined;
  if (isObj(root) && pred(root)) return segs;
  for (const [k, v] of Object.entries(root)) {
    const hit = findPath(v, pred, [...segs, k]);
    if (hit) return hit;
  }
  return undefined;
}

function short(v: unknown): string {
  if (v === undefined) return "undefined";
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isInteger(v)) return "integer";
  return typeof v;
}

// ------------------------------------------------------------------------------------------------ operation

class CompiledOperation {
  readonly info: OperationInfo;
  private readonly responses = new Map<string, ResponseEntry>();
  private readonly bodyMedia = new Map<string, CompiledSchema | null>();
  private readonly bodyRequired: boolean = false;
  private readonly bodyPtr?: string;
  private readonly params: ParamGroup[] = [];

  constructor(
    private readonly spec: VendorSpec,
    pathKey: string,
    method: string,
    pathItem: Obj,
    op: Obj,
    private readonly ptr: string,
  ) {
    const s: VendorSpec = spec;
    const raw = s.src.raw;
    const operationId = op.operationId as string;
    const docPage = s.page(op["x-doc-page"], `${ptr}/x-doc-page`, `operation "${operationId}" x-doc-page`);

    // servers: operation, then path item, then document
    const serverList = (op.servers ?? pathItem.servers ?? raw.servers ?? []) as unknown;
    const servers = Array.isArray(serverList) ? serverList.filter(isObj).map((x) => String(x.url)) : [];

    const security = (op.security ?? raw.security) as unknown;
    const secured = Array.isArray(security) && security.length > 0 && security.every((req) => isObj(req) && Object.keys(req).length > 0);

    // ---- request body
    let requestMediaType: string | undefined;
    if (op.requestBody !== undefined) {
      const { node: rb, ptr: rbPtr } = s.deref(op.requestBody, `${ptr}/requestBody`);
      if (!isObj(rb) || !isObj(rb.content)) s.fail(rbPtr, `requestBody of "${operationId}" has no content`, "add content: {<media type>: {schema: ...}}");
      this.bodyRequired = rb.required === true;
      this.bodyPtr = rbPtr;
      for (const [mt, media] of Object.entries(rb.content)) {
        const mPtr = `${rbPtr}/content/${escapeSegment(mt)}`;
        this.bodyMedia.set(mediaKey(mt), isObj(media) && media.schema !== undefined ? this.compile(media.schema, `${mPtr}/schema`) : null);
        if (isObj(media)) this.collectExamples(media, mPtr, `${s.vendor}.${operationId}`, "request", mt, docPage);
      }
      // the declared spelling (with charset) is what a client should send
      const keys = Object.keys(rb.content);
      requestMediaType = keys.find((k) => k.toLowerCase().includes("json")) ?? keys[0];
    }

    // ---- parameters (path-level, overridden by operation-level of the same name+in)
    const declared = new Map<string, { p: Obj; ptr: string }>();
    for (const [list, base] of [
      [pathItem.parameters, `/paths/${escapeSegment(pathKey)}/parameters`],
      [op.parameters, `${ptr}/parameters`],
    ] as const) {
      if (list === undefined) continue;
      if (!Array.isArray(list)) s.fail(base, "parameters is not a list", "write parameters as a YAML list");
      list.forEach((item, i) => {
        const { node, ptr: pPtr } = s.deref(item, `${base}/${i}`);
        if (!isObj(node) || typeof node.name !== "string" || !["query", "header", "path", "cookie"].includes(node.in as string)) {
          s.fail(pPtr, "parameter needs a string `name` and `in` (query, header, path or cookie)", "fix the parameter object");
        }
        declared.set(`${node.in}:${(node.in === "header" ? node.name.toLowerCase() : node.name) as string}`, { p: node, ptr: pPtr });
      });
    }
    // x-known-values: the values of a parameter the docs name, when they point to a fuller list elsewhere.
    const knownValues: Record<string, KnownValues> = {};
    for (const { p, ptr: pPtr } of declared.values()) {
      const kv = p["x-known-values"];
      if (kv === undefined) continue;
      if (!isObj(kv)) s.fail(`${pPtr}/x-known-values`, `x-known-values of "${p.name as string}" is not a mapping`, "write {values: [...], source: <page id>, complete: false}");
      const values = s.stringList(kv.values, `${pPtr}/x-known-values/values`, "x-known-values values");
      if (values.length === 0) s.fail(`${pPtr}/x-known-values/values`, "x-known-values lists no value", "list at least one documented value");
      const page = s.page(kv.source, `${pPtr}/x-known-values/source`, "x-known-values");
      knownValues[p.name as string] = { values, source: page.id, complete: kv.complete === true };
    }
    for (const [where, prefix] of [
      ["query", "/query"],
      ["header", "/headers"],
      ["path", "/path"],
    ] as const) {
      const group = [...declared.values()].filter((d) => d.p.in === where);
      if (group.length === 0) continue;
      this.params.push(this.group(group.map((d) => ({ name: d.p.name as string, required: d.p.required === true || where === "path", schema: d.p.schema, ptr: d.ptr })), prefix, where === "header", `${ptr}/parameters`));
    }

    // ---- responses
    const responses = op.responses;
    if (!isObj(responses) || Object.keys(responses).length === 0) s.fail(`${ptr}/responses`, `operation "${operationId}" documents no responses`, "list every documented HTTP status under responses");
    const statuses: number[] = [];
    const responseMediaTypes: Record<number, string[]> = {};
    const responseHeaders: Record<number, ResponseHeaderSpec[]> = {};
    for (const [code, r] of Object.entries(responses)) {
      const rPtrDecl = `${ptr}/responses/${escapeSegment(code)}`;
      if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) s.fail(rPtrDecl, `response key "${code}" is not an HTTP status`, "use a status like 200, a range like 4XX, or default");
      const { node: resp, ptr: rPtr } = s.deref(r, rPtrDecl);
      if (!isObj(resp) || typeof resp.description !== "string") s.fail(rPtr, `response ${code} of "${operationId}" has no description`, "add `description:` (OpenAPI requires it)");
      const entry: ResponseEntry = { pointer: rPtr, media: new Map() };
      const mediaTypes: string[] = [];
      if (resp.content !== undefined) {
        if (!isObj(resp.content)) s.fail(`${rPtr}/content`, "content is not a mapping", "map media type → {schema, examples}");
        for (const [mt, media] of Object.entries(resp.content)) {
          const mPtr = `${rPtr}/content/${escapeSegment(mt)}`;
          mediaTypes.push(mt);
          entry.media.set(mediaKey(mt), isObj(media) && media.schema !== undefined ? this.compile(media.schema, `${mPtr}/schema`) : null);
          if (isObj(media)) this.collectExamples(media, mPtr, `${s.vendor}.${operationId}`, code, mt, docPage);
        }
      }
      const hdrs: ResponseHeaderSpec[] = [];
      if (resp.headers !== undefined) {
        if (!isObj(resp.headers)) s.fail(`${rPtr}/headers`, "headers is not a mapping", "map header name → {schema, required}");
        const decl: { name: string; required: boolean; schema: unknown; ptr: string }[] = [];
        for (const [name, h] of Object.entries(resp.headers)) {
          const { node: hd, ptr: hPtr } = s.deref(h, `${rPtr}/headers/${escapeSegment(name)}`);
          if (!isObj(hd)) s.fail(hPtr, `header ${name} is not a mapping`, "write {schema: ..., required: ...}");
          if (name.toLowerCase() === "content-type") continue; // OpenAPI ignores a Content-Type header definition
          const spec: ResponseHeaderSpec = { name, required: hd.required === true };
          if (typeof hd.description === "string") spec.description = oneLine(hd.description);
          hdrs.push(spec);
          decl.push({ name, required: hd.required === true, schema: hd.schema, ptr: hPtr });
        }
        if (decl.length) entry.headers = this.group(decl, "/headers", true, `${rPtr}/headers`);
      }
      this.responses.set(code, entry);
      if (/^\d+$/.test(code)) {
        const n = Number(code);
        statuses.push(n);
        responseMediaTypes[n] = mediaTypes.length ? mediaTypes : [""];
        responseHeaders[n] = hdrs;
      }
    }

    // ---- x- extensions of the operation
    const businessCodes = this.businessCodes(op, ptr);
    const imageFields = this.imageFields(op, operationId);
    const rejections = this.rejections(op.operationId as string, op["x-rejections"], `${ptr}/x-rejections`);

    this.info = {
      id: `${s.vendor}.${operationId}`,
      vendor: s.vendor,
      operationId,
      method: method.toUpperCase() as OperationInfo["method"],
      path: pathKey,
      servers,
      docPage,
      statuses: statuses.sort((a, b) => a - b),
      responseMediaTypes,
      responseHeaders,
      ...(requestMediaType !== undefined ? { requestMediaType } : {}),
      businessCodes,
      imageFields,
      rejections,
      knownValues,
      specPointer: s.specPointer(ptr),
      secured,
      specLine: s.src.lineOf(ptr),
    };
  }

  private compile(schema: unknown, ptr: string): CompiledSchema {
    const { node, ptr: at } = { node: schema, ptr };
    const conv = this.spec.convert(node, at);
    return { validate: this.spec.compileSchema(conv, at), pointer: at };
  }

  /** One object schema per parameter location, so all values are checked in one ajv call. */
  private group(decl: { name: string; required: boolean; schema: unknown; ptr: string }[], prefix: string, lower: boolean, groupPtr: string): ParamGroup {
    const properties: Obj = {};
    const required: string[] = [];
    const ptrs: Record<string, string> = {};
    for (const d of decl) {
      const key = lower ? d.name.toLowerCase() : d.name;
      properties[key] = d.schema === undefined ? {} : this.spec.convert(d.schema, `${d.ptr}/schema`);
      if (d.required) required.push(key);
      ptrs[key] = d.ptr;
    }
    const wrapper: Obj = { type: "object", properties, ...(required.length ? { required } : {}) };
    this.spec.ptrOf.set(wrapper, groupPtr);
    this.spec.groupPtrs.set(wrapper, ptrs);
    return { validate: this.spec.compileSchema(wrapper, groupPtr, true), prefix };
  }

  private collectExamples(media: Obj, mPtr: string, id: string, code: string, mediaType: string, opPage: DocPage): void {
    const s: VendorSpec = this.spec;
    // request examples carry status 0 and go to a separate list, so examples() stays "responses only"
    const status = /^\d+$/.test(code) ? Number(code) : 0;
    const into = code === "request" ? s.requestExamples : s.examples;
    const add = (name: string, ex: Obj, value: unknown, ptr: string) => {
      const page = ex["x-doc-page"];
      if (page !== undefined) s.page(page, `${ptr}/x-doc-page`, `example "${name}"`);
      const dev = ex["x-deviation"];
      if (dev !== undefined && (typeof dev !== "string" || !s.hasDeviation(dev))) {
        s.fail(`${ptr}/x-deviation`, `example "${name}" names deviation ${JSON.stringify(dev)}, which is not in x-doc-deviations`, "add the deviation or fix its id");
      }
      const doc: DocumentedExample = { operationId: id, status, mediaType, name, value, specPointer: s.specPointer(ptr), specLine: s.src.lineOf(ptr) };
      doc.docPage = typeof page === "string" ? page : opPage.id;
      if (typeof dev === "string") doc.deviation = dev;
      into.push(doc);
    };
    if (media.example !== undefined) add("example", media, media.example, `${mPtr}/example`);
    if (media.examples !== undefined) {
      if (!isObj(media.examples)) s.fail(`${mPtr}/examples`, "examples is not a mapping", "map example name → {value, x-doc-page}");
      for (const [name, e] of Object.entries(media.examples)) {
        const { node, ptr } = s.deref(e, `${mPtr}/examples/${escapeSegment(name)}`);
        if (!isObj(node) || !("value" in node)) s.fail(ptr, `example "${name}" has no value`, "put the documented body under `value:`");
        // x-doc-page / x-deviation may sit on the referencing object or on the component example
        const merged = isObj(e) && "$ref" in e ? { ...node, ...e } : node;
        add(name, merged, node.value, ptr);
      }
    }
  }

  private businessCodes(op: Obj, ptr: string): BusinessCode[] {
    const s: VendorSpec = this.spec;
    const raw = s.src.raw;
    const own: BusinessCode[] = [];
    const common: BusinessCode[] = [];
    const read = (list: unknown, at: string, isCommon: boolean, into: BusinessCode[]) => {
      if (list === undefined) return;
      if (!Array.isArray(list)) s.fail(at, "code list is not a YAML list", "write it as a list of {code, messages, source}");
      list.forEach((c, i) => {
        const cPtr = `${at}/${i}`;
        if (!isObj(c) || typeof c.code !== "string") s.fail(cPtr, "code entry has no string `code`", "write {code: X, messages: [...], source: <page id>}");
        const page = s.page(c.source, `${cPtr}/source`, `code ${c.code}`);
        const messages = c.messages === undefined ? [] : s.stringList(c.messages, `${cPtr}/messages`, `code ${c.code} messages`);
        const bc: BusinessCode = { code: c.code, messages, source: page.id, common: isCommon, specPointer: s.specPointer(cPtr), specLine: s.src.lineOf(cPtr) };
        if (c.status !== undefined) {
          if (c.status !== "S" && c.status !== "F" && c.status !== "U") s.fail(`${cPtr}/status`, `code ${c.code} has status ${JSON.stringify(c.status)}`, "use S, F or U");
          bc.status = c.status;
        }
        if (typeof c.description === "string") bc.description = oneLine(c.description);
        into.push(bc);
      });
    };
    read(op["x-business-codes"], `${ptr}/x-business-codes`, false, own);
    read(op["x-result-codes"], `${ptr}/x-result-codes`, false, own);
    read(raw["x-common-business-codes"], "/x-common-business-codes", true, common);
    read(raw["x-common-result-codes"], "/x-common-result-codes", true, common);
    const ownCodes = new Set(own.map((c) => c.code));
    return [...own, ...common.filter((c) => !ownCodes.has(c.code))];
  }

  private imageFields(op: Obj, operationId: string): ImageField[] {
    const s: VendorSpec = this.spec;
    if (this.bodyPtr === undefined) return [];
    const out: ImageField[] = [];
    const seen = new Set<string>();
    const rb = getAt(s.src.raw, parsePointer(this.bodyPtr)) as Obj;
    for (const [mt, media] of Object.entries((rb.content as Obj) ?? {})) {
      if (!isObj(media) || media.schema === undefined) continue;
      for (const { name, schema, ptr } of this.topProperties(media.schema, `${this.bodyPtr}/content/${escapeSegment(mt)}/schema`)) {
        const xi = schema["x-image"];
        if (xi === undefined || seen.has(name)) continue;
        seen.add(name);
        out.push({ field: name, limits: this.imageLimits(xi, `${ptr}/x-image`, operationId), specPointer: s.specPointer(`${ptr}/x-image`), specLine: s.src.lineOf(`${ptr}/x-image`) });
      }
    }
    return out;
  }

  /** Top-level properties of a (possibly $ref'd / allOf-composed) object schema. */
  private topProperties(schema: unknown, ptr: string, depth = 0): { name: string; schema: Obj; ptr: string }[] {
    if (depth > 10) return [];
    const { node, ptr: at } = this.spec.deref(schema, ptr);
    if (!isObj(node)) return [];
    const out: { name: string; schema: Obj; ptr: string }[] = [];
    if (isObj(node.properties)) {
      for (const [name, p] of Object.entries(node.properties)) {
        const r = this.spec.deref(p, `${at}/properties/${escapeSegment(name)}`);
        if (isObj(r.node)) out.push({ name, schema: r.node, ptr: r.ptr });
      }
    }
    for (const k of ["allOf", "oneOf", "anyOf"] as const) {
      const list = node[k];
      if (Array.isArray(list)) list.forEach((sub, i) => out.push(...this.topProperties(sub, `${at}/${k}/${i}`, depth + 1)));
    }
    return out;
  }

  private imageLimits(xi: unknown, ptr: string, operationId: string): ImageLimits {
    const s: VendorSpec = this.spec;
    if (!isObj(xi)) s.fail(ptr, `x-image of "${operationId}" is not a mapping`, "see docs/spec-conventions.md (Images)");
    const formats = s.stringList(xi.formats, `${ptr}/formats`, "x-image formats");
    if (formats.some((f) => f !== "jpeg" && f !== "png")) s.fail(`${ptr}/formats`, `x-image formats ${JSON.stringify(formats)} include an unknown format`, "use jpeg and/or png");
    const transports = s.stringList(xi.transports, `${ptr}/transports`, "x-image transports");
    if (transports.some((t) => !["base64", "url", "multipart"].includes(t))) s.fail(`${ptr}/transports`, `x-image transports ${JSON.stringify(transports)} include an unknown transport`, "use base64, url and/or multipart");
    if (typeof xi.maxBytes !== "number" || !(xi.maxBytes > 0)) s.fail(`${ptr}/maxBytes`, "x-image maxBytes is not a positive number", "give the limit in decoded bytes, e.g. 2097152");
    const page = s.page(xi.source, `${ptr}/source`, "x-image");
    const limits: ImageLimits = { formats: formats as ImageLimits["formats"], maxBytes: xi.maxBytes, transports: transports as ImageLimits["transports"], source: page.id };
    if (xi.exclusiveMaxBytes !== undefined) limits.exclusiveMaxBytes = xi.exclusiveMaxBytes === true;
    if (xi.otherReadingMaxBytes !== undefined) {
      if (typeof xi.otherReadingMaxBytes !== "number" || !(xi.otherReadingMaxBytes > 0)) s.fail(`${ptr}/otherReadingMaxBytes`, "x-image otherReadingMaxBytes is not a positive number", "give the other reading's limit in decoded bytes, e.g. 2000000");
      const listed = s.src.raw["x-doc-deviations"];
      if (typeof xi.sizeDeviation !== "string" || !Array.isArray(listed) || !listed.some((d) => isObj(d) && d.id === xi.sizeDeviation)) s.fail(`${ptr}/sizeDeviation`, "x-image otherReadingMaxBytes needs a sizeDeviation naming an x-doc-deviations id", "add sizeDeviation: <deviation id>");
      limits.otherReadingMaxBytes = xi.otherReadingMaxBytes;
      limits.sizeDeviation = xi.sizeDeviation as string;
    }
    for (const k of ["minWidth", "minHeight", "maxWidth", "maxHeight"] as const) {
      const v = xi[k];
      if (v === undefined) continue;
      if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) s.fail(`${ptr}/${k}`, `x-image ${k} is not a positive integer`, "give pixels as an integer");
      limits[k] = v;
    }
    return limits;
  }

  private rejections(operationId: string, list: unknown, ptr: string): Rejection[] {
    const s: VendorSpec = this.spec;
    if (list === undefined) return [];
    if (!Array.isArray(list)) s.fail(ptr, `x-rejections of "${operationId}" is not a list`, "see docs/spec-conventions.md (Rejections)");
    return list.map((r, i) => {
      const rPtr = `${ptr}/${i}`;
      if (!isObj(r) || typeof r.violation !== "string" || typeof r.status !== "number") s.fail(rPtr, "rejection needs a string `violation` and a numeric `status`", "write {violation: missing:userId, status: 200, code: ..., inferred: false}");
      if (!VIOLATION.test(r.violation)) s.fail(`${rPtr}/violation`, `unknown violation "${r.violation}"`, "use the vocabulary in docs/spec-conventions.md (missing:<field>, image-too-large, auth-missing, ...)");
      const out: Rejection = { violation: r.violation, status: r.status, inferred: r.inferred === true, specPointer: s.specPointer(rPtr), specLine: s.src.lineOf(rPtr) };
      if (typeof r.code === "string") out.code = r.code;
      if (typeof r.message === "string") out.message = r.message;
      return out;
    });
  }

  // ---------------------------------------------------------------- validation (hot path)

  private responseFor(status: number): ResponseEntry | undefined {
    return this.responses.get(String(status)) ?? this.responses.get(`${String(status)[0]}XX`) ?? this.responses.get("default");
  }

  validateResponse(status: number, headers: Record<string, string>, body: unknown, checkHeaders = true): SchemaFinding[] {
    const s: VendorSpec = this.spec;
    const entry = this.responseFor(status);
    if (!entry) {
      return [s.simpleFinding("", "status", `HTTP ${status} is not a documented status of ${this.info.id} (documented: ${this.info.statuses.join(", ")})`, `${this.ptr}/responses`, this.info.statuses, status)];
    }
    const out: SchemaFinding[] = [];
    let lower: Record<string, string> | undefined;
    if (entry.headers && checkHeaders) {
      lower = lowerKeys(headers);
      if (!entry.headers.validate(lower)) out.push(...s.findings(entry.headers.validate.errors, "/headers", entry.pointer));
    }
    if (entry.media.size === 0) {
      if (body !== undefined && body !== null && body !== "") {
        out.push(s.simpleFinding("", "body", `HTTP ${status} of ${this.info.id} is documented without a body, but one was returned`, entry.pointer, undefined, body));
      }
      return out;
    }
    const ct = contentType(headers, lower);
    let compiled: CompiledSchema | null | undefined;
    if (ct !== undefined) {
      compiled = entry.media.get(ct) ?? matchWildcard(entry.media, ct);
      if (compiled === undefined) {
        out.push(s.simpleFinding("/headers/content-type", "mediaType", `content-type ${ct} is not documented for HTTP ${status} of ${this.info.id} (documented: ${[...entry.media.keys()].join(", ")})`, `${entry.pointer}/content`, [...entry.media.keys()], ct));
      }
    }
    if (compiled === undefined) compiled = firstJson(entry.media);
    if (!compiled) return out;
    if (body === undefined) {
      out.push(s.simpleFinding("", "body", `HTTP ${status} of ${this.info.id} has no (JSON) body; the docs give one`, compiled.pointer));
      return out;
    }
    if (!compiled.validate(body)) out.push(...s.findings(compiled.validate.errors, "", compiled.pointer));
    return out;
  }

  validateRequest(request: RequestParts): SchemaFinding[] {
    const s: VendorSpec = this.spec;
    const out: SchemaFinding[] = [];
    const lower = request.headers ? lowerKeys(request.headers) : {};
    for (const g of this.params) {
      const value = g.prefix === "/query" ? { ...request.query } : g.prefix === "/headers" ? { ...lower } : { ...request.pathParams };
      if (!g.validate(value)) out.push(...s.findings(g.validate.errors, g.prefix, `${this.ptr}/parameters`));
    }
    if (this.bodyPtr === undefined) return out;
    const body = plainBody(request.body);
    if (body === undefined) {
      if (this.bodyRequired) out.push(s.simpleFinding("", "required", `${this.info.id} requires a request body`, `${this.bodyPtr}/required`));
      return out;
    }
    const ct = contentType(request.headers ?? {}, lower) ?? bodyKindMedia(request.body) ?? mediaKey(this.info.requestMediaType ?? "");
    let compiled = ct !== undefined ? (this.bodyMedia.get(ct) ?? matchWildcard(this.bodyMedia, ct)) : undefined;
    if (compiled === undefined && ct !== undefined && this.bodyMedia.size > 0) {
      out.push(s.simpleFinding("/headers/content-type", "mediaType", `content-type ${ct} is not documented for the ${this.info.id} request (documented: ${[...this.bodyMedia.keys()].join(", ")})`, `${this.bodyPtr}/content`, [...this.bodyMedia.keys()], ct));
      compiled = this.bodyMedia.get(mediaKey(this.info.requestMediaType ?? ""));
    }
    if (compiled && !compiled.validate(body)) out.push(...s.findings(compiled.validate.errors, "", compiled.pointer));
    return out;
  }
}

const VIOLATION = /^((missing|empty|too-long|wrong-type|out-of-range):[A-Za-z0-9_.\-[\]]+|image-too-large|image-dimensions|image-format|image-undecodable|image-empty|image-no-face|image-unreachable|region-invalid|unknown-id|malformed-body|wrong-content-type|auth-missing|auth-invalid|auth-expired)$/;

/** Media types are matched without parameters (charset) and case-insensitively. */
function mediaKey(mt: string): string {
  return mt.split(";")[0]!.trim().toLowerCase();
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) out[k.toLowerCase()] = h[k]!;
  return out;
}

function contentType(h: Record<string, string>, lower?: Record<string, string>): string | undefined {
  let v = lower?.["content-type"];
  if (v === undefined) {
    for (const k in h) if (k.toLowerCase() === "content-type") v = h[k];
  }
  return v === undefined || v === "" ? undefined : v.split(";")[0]!.trim().toLowerCase();
}

function matchWildcard(media: Map<string, CompiledSchema | null>, ct: string): CompiledSchema | null | undefined {
  const [type] = ct.split("/");
  return media.get(`${type}/*`) ?? media.get("*/*");
}

function firstJson(media: Map<string, CompiledSchema | null>): CompiledSchema | null {
  for (const [k, v] of media) if (k.includes("json")) return v;
  return media.values().next().value ?? null;
}

/** Accepts a plain value or the kit's RequestBody union, so callers can pass what they are about to send. */
function plainBody(body: unknown): unknown {
  if (!isRequestBody(body)) return body;
  switch (body.kind) {
    case "json":
      return "value" in body ? body.value : body;
    case "form":
      return isObj(body.fields) ? body.fields : body;
    case "multipart":
      if (!Array.isArray(body.parts)) return body;
      return Object.fromEntries(
        (body.parts as { name: string; data: Uint8Array | string }[]).map((p) => [p.name, typeof p.data === "string" ? p.data : Buffer.from(p.data).toString("latin1")]),
      );
    case "raw":
      if (body.bytes instanceof Uint8Array) {
        const text = Buffer.from(body.bytes).toString("utf8");
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
      return body;
    default:
      return body;
  }
}

function bodyKindMedia(body: unknown): string | undefined {
  if (!isRequestBody(body)) return undefined;
  switch (body.kind) {
    case "json":
      return "application/json";
    case "form":
      return "application/x-www-form-urlencoded";
    case "multipart":
      return "multipart/form-data";
    case "raw":
      return typeof body.contentType === "string" ? body.contentType.split(";")[0]!.trim().toLowerCase() : undefined;
    default:
      return undefined;
  }
}

/** Only the exact RequestBody shapes count, so a JSON body that happens to have a `kind` key is left alone. */
function isRequestBody(b: unknown): b is Obj {
  if (!isObj(b)) return false;
  const keys = Object.keys(b).length;
  switch (b.kind) {
    case "json":
      return "value" in b && keys === 2;
    case "form":
      return isObj(b.fields) && keys === 2;
    case "multipart":
      return Array.isArray(b.parts) && keys === 2;
    case "raw":
      return b.bytes instanceof Uint8Array && typeof b.contentType === "string" && keys === 3;
    default:
      return false;
  }
}
