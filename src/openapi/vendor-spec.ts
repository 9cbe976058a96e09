// One vendor's spec file: parsed with line numbers, checked against the conventions, its components converted and
// compiled, its doc pages and deviations read, and one CompiledOperation per documented operation.
import { createHash } from "node:crypto";
import { VENDORS, type Vendor } from "../types.ts";
import { guardCompile, newAjv, type Ajv, type AjvKind } from "./compile.ts";
import { convert } from "./convert.ts";
import { SpecError, oneLine } from "./errors.ts";
import { isObj, type Obj } from "./json.ts";
import { CompiledOperation, specReader } from "./operation.ts";
import { checkSemantics } from "./semantics.ts";
import { escapeSegment, getAt } from "./pointer.ts";
import { checkAllRefs } from "./resolve.ts";
import type { SpecContext } from "./spec-context.ts";
import type { DocDeviation, DocPage, DocumentedExample } from "./types.ts";
import { tableSource } from "./line-table.ts";
import type { SpecCacheEntry } from "./spec-cache.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

const METHODS = ["get", "post", "delete", "put", "patch", "head", "options", "trace"] as const;
const KIT_METHODS = new Set(["get", "post", "delete"]);

export class VendorSpec implements SpecContext {
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
  readonly ajvs = new Map<AjvKind, Ajv>();
  private readonly pages = new Map<string, DocPage>();
  private readonly deviationIds = new Set<string>();
  /** x- keywords met so far, registered with ajv as annotations. */
  readonly xKeywords = new Set<string>();
  readonly defsDoc: Obj;

  /** Built from a spec-cache entry: this text passed every check of this code before, so compile lazily. */
  readonly prechecked: boolean;

  /** `cached`: the spec-cache entry of this text (see spec-cache.ts), which stands in for parsing it. */
  constructor(
    readonly file: string,
    text: string,
    readonly reference = false,
    cached?: SpecCacheEntry,
  ) {
    this.hash = createHash("sha256").update(text).digest("hex");
    this.prechecked = cached !== undefined;
    this.src = cached ? tableSource(file, cached.raw, cached.lines) : parseYamlSource(text, file);
    const raw = this.src.raw;
    this.vendor = this.checkRoot(raw);
    this.schemaId = `https://spec.local/${this.vendor}.json`;
    this.readDocPages(raw);
    checkAllRefs(this, raw, []);

    // Components first, so operation schemas only reference already-converted definitions.
    const defs: Obj = {};
    const comps = getAt(raw, ["components", "schemas"]);
    if (comps !== undefined && !isObj(comps))
      this.fail(
        "/components/schemas",
        "components.schemas is not a mapping",
        "make it a mapping of schema name → schema",
      );
    for (const [name, schema] of Object.entries((comps as Obj | undefined) ?? {})) {
      defs[name] = convert(this, schema, `/components/schemas/${escapeSegment(name)}`);
    }
    this.defsDoc = { id: this.schemaId, definitions: defs };
    // Compile every component once, so a broken unused component is still reported at load time (a prechecked
    // text was, by the process that cached it).
    for (const name of this.prechecked ? [] : Object.keys(defs)) {
      const ptr = `/components/schemas/${escapeSegment(name)}`;
      guardCompile(this, ptr, [defs[name]], () =>
        this.ajv("check").getSchema(`${this.schemaId}#/definitions/${escapeSegment(name)}`),
      );
    }

    this.readDeviations(raw);
    const paths = raw.paths;
    if (!isObj(paths))
      this.fail("/paths", "`paths` is missing or not a mapping", "add `paths:` with the documented operations");
    const seenIds = new Map<string, string>();
    for (const [p, item] of Object.entries(paths)) {
      if (!p.startsWith("/"))
        this.fail(`/paths/${escapeSegment(p)}`, `path "${p}" does not start with "/"`, "write paths as /segment/...");
      if (!isObj(item))
        this.fail(
          `/paths/${escapeSegment(p)}`,
          `path item "${p}" is not a mapping`,
          "list operations (get/post/delete) under the path",
        );
      for (const method of METHODS) {
        const opRaw = item[method];
        if (opRaw === undefined) continue;
        const ptr = `/paths/${escapeSegment(p)}/${method}`;
        if (!isObj(opRaw))
          this.fail(ptr, `${method.toUpperCase()} ${p} is not a mapping`, "write the operation as a mapping");
        if (!KIT_METHODS.has(method))
          this.fail(ptr, `method ${method.toUpperCase()} is not supported by the kit`, "use GET, POST or DELETE");
        const opId = opRaw.operationId;
        if (typeof opId !== "string" || opId === "")
          this.fail(ptr, `${method.toUpperCase()} ${p} has no operationId`, "add a camelCase operationId");
        const prev = seenIds.get(opId);
        if (prev)
          this.fail(
            `${ptr}/operationId`,
            `operationId "${opId}" is already used at ${prev}`,
            "make operationIds unique in the document",
          );
        seenIds.set(opId, ptr);
        this.operations.push(new CompiledOperation(this, p, method, item, opRaw, ptr));
      }
    }
    this.checkDeviationOperations();
    checkSemantics(
      specReader(this),
      this.operations.map((o) => o.info),
    );
  }

  ajv(kind: AjvKind): Ajv {
    let ajv = this.ajvs.get(kind);
    if (!ajv) {
      ajv = newAjv(this, kind);
      this.ajvs.set(kind, ajv);
    }
    return ajv;
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
    if (typeof v !== "string" || !/^3\.0\.\d+$/.test(v))
      this.fail(
        "/openapi",
        `\`openapi\` is ${JSON.stringify(v)}, not an OpenAPI 3.0.x version`,
        'write `openapi: 3.0.3` (quoted or not, it must be a string "3.0.x")',
      );
    const info = raw.info;
    if (!isObj(info)) this.fail("/info", "`info` is missing", "add info with title, version and x-vendor");
    if (typeof info.title !== "string" || typeof info.version !== "string")
      this.fail(
        "/info",
        "info.title and info.version must be strings",
        'quote the version, e.g. version: "2026-11-23"',
      );
    const vendor = info["x-vendor"];
    if (typeof vendor !== "string" || !VENDORS.includes(vendor as Vendor))
      this.fail(
        "/info/x-vendor",
        `info.x-vendor is ${JSON.stringify(vendor)}`,
        `set it to one of ${VENDORS.join(", ")}`,
      );
    return vendor as Vendor;
  }

  private readDocPages(raw: Obj): void {
    const pages = raw["x-doc-pages"];
    if (pages === undefined) return;
    if (!isObj(pages)) this.fail("/x-doc-pages", "x-doc-pages is not a mapping", "map page id → {url, title}");
    for (const [id, p] of Object.entries(pages)) {
      const ptr = `/x-doc-pages/${escapeSegment(id)}`;
      if (!isObj(p) || typeof p.url !== "string" || !/^https?:\/\//.test(p.url))
        this.fail(ptr, `doc page "${id}" has no http(s) url`, "give it `url: https://...` and `title:`");
      const page: DocPage = {
        id,
        url: p.url,
        title: typeof p.title === "string" ? p.title : id,
        specPointer: this.specPointer(ptr),
        specLine: this.src.lineOf(ptr),
      };
      this.pages.set(id, page);
      this.docPages.push(page);
    }
  }

  page(id: unknown, pointer: string, what: string): DocPage {
    const page = typeof id === "string" ? this.pages.get(id) : undefined;
    if (!page)
      this.fail(
        pointer,
        `${what} names doc page ${JSON.stringify(id)}, which is not in x-doc-pages`,
        `add it to x-doc-pages or use one of: ${[...this.pages.keys()].join(", ") || "(none defined)"}`,
      );
    return page;
  }

  private readDeviations(raw: Obj): void {
    const list = raw["x-doc-deviations"];
    if (list === undefined) return;
    if (!Array.isArray(list))
      this.fail("/x-doc-deviations", "x-doc-deviations is not a list", "make it a YAML list of deviation entries");
    list.forEach((d, i) => {
      const ptr = `/x-doc-deviations/${i}`;
      if (!isObj(d)) this.fail(ptr, "deviation entry is not a mapping", "see docs/spec-conventions.md");
      for (const k of ["id", "summary", "chosen", "otherReading"] as const) {
        if (typeof d[k] !== "string" || d[k] === "")
          this.fail(ptr, `deviation #${i} has no string \`${k}\``, `add \`${k}:\` (see docs/spec-conventions.md)`);
      }
      const id = d.id as string;
      if (this.deviationIds.has(id))
        this.fail(`${ptr}/id`, `deviation id "${id}" is used twice`, "make deviation ids unique");
      this.deviationIds.add(id);
      if (!["failure", "warning", "info"].includes(d.reportedAs as string))
        this.fail(
          `${ptr}/reportedAs`,
          `deviation "${id}" has reportedAs ${JSON.stringify(d.reportedAs)}`,
          "use failure, warning or info",
        );
      const sources = this.stringList(d.sources, `${ptr}/sources`, `deviation "${id}" sources`);
      sources.forEach((s, j) => this.page(s, `${ptr}/sources/${j}`, `deviation "${id}"`));
      const operations = this.stringList(d.operations ?? [], `${ptr}/operations`, `deviation "${id}" operations`);
      let explains: DocDeviation["explains"];
      if (d.explains !== undefined) {
        if (!isObj(d.explains) || typeof d.explains.check !== "string")
          this.fail(`${ptr}/explains`, `deviation "${id}" explains has no check`, "give explains a `check:` name");
        explains = { check: d.explains.check };
        if (typeof d.explains.pointer === "string") explains.pointer = d.explains.pointer;
        if ("value" in d.explains) explains.value = d.explains.value;
        if (d.explains.keyword !== undefined)
          explains.keyword = this.stringList(
            typeof d.explains.keyword === "string" ? [d.explains.keyword] : d.explains.keyword,
            `${ptr}/explains/keyword`,
            `deviation "${id}" explains.keyword`,
          );
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
        if (!ids.has(o))
          this.fail(
            `/x-doc-deviations/${i}/operations/${j}`,
            `deviation "${d.id}" names operation "${o}", which is not an operationId here`,
            `use one of: ${[...ids].join(", ")}`,
          );
      });
    });
  }

  hasDeviation(id: string): boolean {
    return this.deviationIds.has(id);
  }

  stringList(v: unknown, ptr: string, what: string): string[] {
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string"))
      this.fail(ptr, `${what} must be a list of strings`, "write it as [a, b]");
    return v as string[];
  }
}
