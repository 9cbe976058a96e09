// One operation of a vendor spec: its OperationInfo, its compiled request/response validators, and the hot path.
import type { ValidateFunction } from "ajv";
import type { SchemaFinding } from "../types.ts";
import { oneLine } from "./errors.ts";
import { compileBodySchema, compileSchema, type CompiledSchema } from "./compile.ts";
import { convert } from "./convert.ts";
import { findings, simpleFinding } from "./findings.ts";
import { isObj, type Obj } from "./json.ts";
import { readBusinessCodes, readImageFields, readRejections } from "./operation-extensions.ts";
import { escapeSegment } from "./pointer.ts";
import {
  bodyKindMedia,
  contentType,
  firstJson,
  lowerKeys,
  matchWildcard,
  mediaKey,
  plainBody,
} from "./request-body.ts";
import { deref } from "./resolve.ts";
import { readSemantics, type SpecReader } from "./semantics.ts";
import type { SpecContext } from "./spec-context.ts";
import type {
  DocPage,
  DocumentedExample,
  KnownValues,
  OperationInfo,
  RequestParts,
  ResponseHeaderSpec,
} from "./types.ts";

export interface ParamGroup {
  validate: ValidateFunction;
  /** "/query", "/headers", "/path". */
  prefix: string;
}

export interface ResponseEntry {
  pointer: string;
  media: Map<string, CompiledSchema | null>;
  headers?: ParamGroup;
}

export class CompiledOperation {
  readonly info: OperationInfo;
  private readonly responses = new Map<string, ResponseEntry>();
  private readonly bodyMedia = new Map<string, CompiledSchema | null>();
  private readonly bodyRequired: boolean = false;
  private readonly bodyPtr?: string;
  private readonly params: ParamGroup[] = [];

  constructor(
    private readonly spec: SpecContext,
    pathKey: string,
    method: string,
    pathItem: Obj,
    op: Obj,
    private readonly ptr: string,
  ) {
    const s: SpecContext = spec;
    const raw = s.src.raw;
    const operationId = op.operationId as string;
    const docPage = s.page(op["x-doc-page"], `${ptr}/x-doc-page`, `operation "${operationId}" x-doc-page`);

    // servers: operation, then path item, then document
    const serverList = (op.servers ?? pathItem.servers ?? raw.servers ?? []) as unknown;
    const servers = Array.isArray(serverList) ? serverList.filter(isObj).map((x) => String(x.url)) : [];

    const security = (op.security ?? raw.security) as unknown;
    const secured =
      Array.isArray(security) &&
      security.length > 0 &&
      security.every((req) => isObj(req) && Object.keys(req).length > 0);

    // ---- request body
    let requestMediaType: string | undefined;
    if (op.requestBody !== undefined) {
      const { node: rb, ptr: rbPtr } = deref(s, op.requestBody, `${ptr}/requestBody`);
      if (!isObj(rb) || !isObj(rb.content))
        s.fail(rbPtr, `requestBody of "${operationId}" has no content`, "add content: {<media type>: {schema: ...}}");
      this.bodyRequired = rb.required === true;
      this.bodyPtr = rbPtr;
      for (const [mt, media] of Object.entries(rb.content)) {
        const mPtr = `${rbPtr}/content/${escapeSegment(mt)}`;
        this.bodyMedia.set(
          mediaKey(mt),
          isObj(media) && media.schema !== undefined ? this.compile(media.schema, `${mPtr}/schema`) : null,
        );
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
        const { node, ptr: pPtr } = deref(s, item, `${base}/${i}`);
        if (
          !isObj(node) ||
          typeof node.name !== "string" ||
          !["query", "header", "path", "cookie"].includes(node.in as string)
        ) {
          s.fail(
            pPtr,
            "parameter needs a string `name` and `in` (query, header, path or cookie)",
            "fix the parameter object",
          );
        }
        declared.set(`${node.in}:${(node.in === "header" ? node.name.toLowerCase() : node.name) as string}`, {
          p: node,
          ptr: pPtr,
        });
      });
    }
    // x-known-values: the values of a parameter the docs name, when they point to a fuller list elsewhere.
    const knownValues: Record<string, KnownValues> = {};
    for (const { p, ptr: pPtr } of declared.values()) {
      const kv = p["x-known-values"];
      if (kv === undefined) continue;
      if (!isObj(kv))
        s.fail(
          `${pPtr}/x-known-values`,
          `x-known-values of "${p.name as string}" is not a mapping`,
          "write {values: [...], source: <page id>, complete: false}",
        );
      const values = s.stringList(kv.values, `${pPtr}/x-known-values/values`, "x-known-values values");
      if (values.length === 0)
        s.fail(`${pPtr}/x-known-values/values`, "x-known-values lists no value", "list at least one documented value");
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
      this.params.push(
        this.group(
          group.map((d) => ({
            name: d.p.name as string,
            required: d.p.required === true || where === "path",
            schema: d.p.schema,
            ptr: d.ptr,
          })),
          prefix,
          where === "header",
          `${ptr}/parameters`,
        ),
      );
    }

    // ---- responses
    const responses = op.responses;
    if (!isObj(responses) || Object.keys(responses).length === 0)
      s.fail(
        `${ptr}/responses`,
        `operation "${operationId}" documents no responses`,
        "list every documented HTTP status under responses",
      );
    const statuses: number[] = [];
    const responseMediaTypes: Record<number, string[]> = {};
    const responseHeaders: Record<number, ResponseHeaderSpec[]> = {};
    for (const [code, r] of Object.entries(responses)) {
      const rPtrDecl = `${ptr}/responses/${escapeSegment(code)}`;
      if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code))
        s.fail(
          rPtrDecl,
          `response key "${code}" is not an HTTP status`,
          "use a status like 200, a range like 4XX, or default",
        );
      const { node: resp, ptr: rPtr } = deref(s, r, rPtrDecl);
      if (!isObj(resp) || typeof resp.description !== "string")
        s.fail(
          rPtr,
          `response ${code} of "${operationId}" has no description`,
          "add `description:` (OpenAPI requires it)",
        );
      const entry: ResponseEntry = { pointer: rPtr, media: new Map() };
      const mediaTypes: string[] = [];
      if (resp.content !== undefined) {
        if (!isObj(resp.content))
          s.fail(`${rPtr}/content`, "content is not a mapping", "map media type → {schema, examples}");
        for (const [mt, media] of Object.entries(resp.content)) {
          const mPtr = `${rPtr}/content/${escapeSegment(mt)}`;
          mediaTypes.push(mt);
          entry.media.set(
            mediaKey(mt),
            isObj(media) && media.schema !== undefined ? this.compile(media.schema, `${mPtr}/schema`) : null,
          );
          if (isObj(media)) this.collectExamples(media, mPtr, `${s.vendor}.${operationId}`, code, mt, docPage);
        }
      }
      const hdrs: ResponseHeaderSpec[] = [];
      if (resp.headers !== undefined) {
        if (!isObj(resp.headers))
          s.fail(`${rPtr}/headers`, "headers is not a mapping", "map header name → {schema, required}");
        const decl: { name: string; required: boolean; schema: unknown; ptr: string }[] = [];
        for (const [name, h] of Object.entries(resp.headers)) {
          const { node: hd, ptr: hPtr } = deref(s, h, `${rPtr}/headers/${escapeSegment(name)}`);
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
    const businessCodes = readBusinessCodes(s, op, ptr);
    const imageFields = readImageFields(s, this.bodyPtr, operationId);
    const rejections = readRejections(s, op.operationId as string, op["x-rejections"], `${ptr}/x-rejections`);

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
      ...readSemantics(specReader(s), raw, op, ptr, operationId),
    };
  }

  private compile(schema: unknown, ptr: string): CompiledSchema {
    const { node, ptr: at } = { node: schema, ptr };
    const conv = convert(this.spec, node, at);
    return compileBodySchema(this.spec, conv, at);
  }

  /** One object schema per parameter location, so all values are checked in one ajv call. */
  private group(
    decl: { name: string; required: boolean; schema: unknown; ptr: string }[],
    prefix: string,
    lower: boolean,
    groupPtr: string,
  ): ParamGroup {
    const properties: Obj = {};
    const required: string[] = [];
    const ptrs: Record<string, string> = {};
    for (const d of decl) {
      const key = lower ? d.name.toLowerCase() : d.name;
      properties[key] = d.schema === undefined ? {} : convert(this.spec, d.schema, `${d.ptr}/schema`);
      if (d.required) required.push(key);
      ptrs[key] = d.ptr;
    }
    const wrapper: Obj = { type: "object", properties, ...(required.length ? { required } : {}) };
    this.spec.ptrOf.set(wrapper, groupPtr);
    this.spec.groupPtrs.set(wrapper, ptrs);
    return { validate: compileSchema(this.spec, wrapper, groupPtr, "coerce"), prefix };
  }

  private collectExamples(
    media: Obj,
    mPtr: string,
    id: string,
    code: string,
    mediaType: string,
    opPage: DocPage,
  ): void {
    const s: SpecContext = this.spec;
    // request examples carry status 0 and go to a separate list, so examples() stays "responses only"
    const status = /^\d+$/.test(code) ? Number(code) : 0;
    const into = code === "request" ? s.requestExamples : s.examples;
    const add = (name: string, ex: Obj, value: unknown, ptr: string) => {
      const page = ex["x-doc-page"];
      if (page !== undefined) s.page(page, `${ptr}/x-doc-page`, `example "${name}"`);
      const dev = ex["x-deviation"];
      if (dev !== undefined && (typeof dev !== "string" || !s.hasDeviation(dev))) {
        s.fail(
          `${ptr}/x-deviation`,
          `example "${name}" names deviation ${JSON.stringify(dev)}, which is not in x-doc-deviations`,
          "add the deviation or fix its id",
        );
      }
      const doc: DocumentedExample = {
        operationId: id,
        status,
        mediaType,
        name,
        value,
        specPointer: s.specPointer(ptr),
        specLine: s.src.lineOf(ptr),
      };
      doc.docPage = typeof page === "string" ? page : opPage.id;
      if (typeof dev === "string") doc.deviation = dev;
      into.push(doc);
    };
    if (media.example !== undefined) add("example", media, media.example, `${mPtr}/example`);
    if (media.examples !== undefined) {
      if (!isObj(media.examples))
        s.fail(`${mPtr}/examples`, "examples is not a mapping", "map example name → {value, x-doc-page}");
      for (const [name, e] of Object.entries(media.examples)) {
        const { node, ptr } = deref(s, e, `${mPtr}/examples/${escapeSegment(name)}`);
        if (!isObj(node) || !("value" in node))
          s.fail(ptr, `example "${name}" has no value`, "put the documented body under `value:`");
        // x-doc-page / x-deviation may sit on the referencing object or on the component example
        const merged = isObj(e) && "$ref" in e ? { ...node, ...e } : node;
        add(name, merged, node.value, ptr);
      }
    }
  }

  // ---------------------------------------------------------------- validation (hot path)

  private responseFor(status: number): ResponseEntry | undefined {
    return (
      this.responses.get(String(status)) ??
      this.responses.get(`${String(status)[0]}XX`) ??
      this.responses.get("default")
    );
  }

  validateResponse(
    status: number,
    headers: Record<string, string>,
    body: unknown,
    checkHeaders = true,
  ): SchemaFinding[] {
    const s: SpecContext = this.spec;
    const entry = this.responseFor(status);
    if (!entry) {
      return [
        simpleFinding(
          s,
          "",
          "status",
          `HTTP ${status} is not a documented status of ${this.info.id} (documented: ${this.info.statuses.join(", ")})`,
          `${this.ptr}/responses`,
          this.info.statuses,
          status,
        ),
      ];
    }
    const out: SchemaFinding[] = [];
    let lower: Record<string, string> | undefined;
    if (entry.headers && checkHeaders) {
      lower = lowerKeys(headers);
      if (!entry.headers.validate(lower))
        out.push(...findings(s, entry.headers.validate.errors, "/headers", entry.pointer));
    }
    if (entry.media.size === 0) {
      if (body !== undefined && body !== null && body !== "") {
        out.push(
          simpleFinding(
            s,
            "",
            "body",
            `HTTP ${status} of ${this.info.id} is documented without a body, but one was returned`,
            entry.pointer,
            undefined,
            body,
          ),
        );
      }
      return out;
    }
    const ct = contentType(headers, lower);
    let compiled: CompiledSchema | null | undefined;
    if (ct !== undefined) {
      compiled = entry.media.get(ct) ?? matchWildcard(entry.media, ct);
      if (compiled === undefined) {
        out.push(
          simpleFinding(
            s,
            "/headers/content-type",
            "mediaType",
            `content-type ${ct} is not documented for HTTP ${status} of ${this.info.id} (documented: ${[...entry.media.keys()].join(", ")})`,
            `${entry.pointer}/content`,
            [...entry.media.keys()],
            ct,
          ),
        );
      }
    }
    if (compiled === undefined) compiled = firstJson(entry.media);
    if (!compiled) return out;
    if (body === undefined) {
      out.push(
        simpleFinding(
          s,
          "",
          "body",
          `HTTP ${status} of ${this.info.id} has no (JSON) body; the docs give one`,
          compiled.pointer,
        ),
      );
      return out;
    }
    if (!compiled.check(body)) out.push(...explain(s, compiled, body));
    return out;
  }

  validateRequest(request: RequestParts): SchemaFinding[] {
    const s: SpecContext = this.spec;
    const out: SchemaFinding[] = [];
    const lower = request.headers ? lowerKeys(request.headers) : {};
    for (const g of this.params) {
      const value =
        g.prefix === "/query"
          ? { ...request.query }
          : g.prefix === "/headers"
            ? { ...lower }
            : { ...request.pathParams };
      if (!g.validate(value)) out.push(...findings(s, g.validate.errors, g.prefix, `${this.ptr}/parameters`));
    }
    if (this.bodyPtr === undefined) return out;
    const body = plainBody(request.body);
    if (body === undefined) {
      if (this.bodyRequired)
        out.push(
          simpleFinding(s, "", "required", `${this.info.id} requires a request body`, `${this.bodyPtr}/required`),
        );
      return out;
    }
    const ct =
      contentType(request.headers ?? {}, lower) ??
      bodyKindMedia(request.body) ??
      mediaKey(this.info.requestMediaType ?? "");
    let compiled = ct !== undefined ? (this.bodyMedia.get(ct) ?? matchWildcard(this.bodyMedia, ct)) : undefined;
    if (compiled === undefined && ct !== undefined && this.bodyMedia.size > 0) {
      out.push(
        simpleFinding(
          s,
          "/headers/content-type",
          "mediaType",
          `content-type ${ct} is not documented for the ${this.info.id} request (documented: ${[...this.bodyMedia.keys()].join(", ")})`,
          `${this.bodyPtr}/content`,
          [...this.bodyMedia.keys()],
          ct,
        ),
      );
      compiled = this.bodyMedia.get(mediaKey(this.info.requestMediaType ?? ""));
    }
    if (compiled && !compiled.check(body)) out.push(...explain(s, compiled, body));
    return out;
  }
}

/** The findings of a body `check` rejected, from the allErrors + verbose validator. */
function explain(s: SpecContext, compiled: CompiledSchema, body: unknown): SchemaFinding[] {
  const full = compiled.explain();
  full(body);
  return findings(s, full.errors, "", compiled.pointer);
}

/** The loader's side of src/openapi/semantics.ts: failing with file:line and resolving local $refs. */
export function specReader(s: SpecContext): SpecReader {
  return {
    vendor: s.vendor,
    fail: (pointer, problem, fix) => s.fail(pointer, problem, fix),
    deref: (node, ptr) => deref(s, node, ptr),
  };
}
