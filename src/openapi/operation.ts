// One operation of a vendor spec: its OperationInfo and its compiled validators (run by operation-validate.ts).
import type { SchemaFinding } from "../types.ts";
import { oneLine } from "./errors.ts";
import { compileBodySchema, compileValidator, type CompiledSchema } from "./compile.ts";
import { convert } from "./convert.ts";
import { isObj, type Obj } from "./json.ts";
import { collectExamples } from "./operation-examples.ts";
import { readBusinessCodes, readImageFields, readRejections } from "./operation-extensions.ts";
import {
  validateRequest,
  validateResponse,
  type OperationValidators,
  type ParamGroup,
  type ResponseEntry,
} from "./operation-validate.ts";
import { escapeSegment } from "./pointer.ts";
import { mediaKey } from "./request-body.ts";
import { deref } from "./resolve.ts";
import { readSemantics } from "./semantics.ts";
import type { SpecReader } from "./semantics-reader.ts";
import type { SpecContext } from "./spec-context.ts";
import type { KnownValues, OperationInfo, RequestParts, ResponseHeaderSpec } from "./types.ts";

export class CompiledOperation {
  readonly info: OperationInfo;
  /** The validators this builder compiles, which validateResponse and validateRequest run. */
  private readonly v: OperationValidators;

  constructor(
    private readonly spec: SpecContext,
    pathKey: string,
    method: string,
    pathItem: Obj,
    op: Obj,
    ptr: string,
  ) {
    const s: SpecContext = spec;
    this.v = { spec, ptr, responses: new Map(), bodyMedia: new Map(), bodyRequired: false, params: [] };
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
      this.v.bodyRequired = rb.required === true;
      this.v.bodyPtr = rbPtr;
      for (const [mt, media] of Object.entries(rb.content)) {
        const mPtr = `${rbPtr}/content/${escapeSegment(mt)}`;
        this.v.bodyMedia.set(
          mediaKey(mt),
          isObj(media) && media.schema !== undefined ? this.compile(media.schema, `${mPtr}/schema`) : null,
        );
        if (isObj(media)) collectExamples(s, media, mPtr, `${s.vendor}.${operationId}`, "request", mt, docPage);
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
      this.v.params.push(
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
          if (isObj(media)) collectExamples(s, media, mPtr, `${s.vendor}.${operationId}`, code, mt, docPage);
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
      this.v.responses.set(code, entry);
      if (/^\d+$/.test(code)) {
        const n = Number(code);
        statuses.push(n);
        responseMediaTypes[n] = mediaTypes.length ? mediaTypes : [""];
        responseHeaders[n] = hdrs;
      }
    }

    // ---- x- extensions of the operation
    const businessCodes = readBusinessCodes(s, op, ptr);
    const imageFields = readImageFields(s, this.v.bodyPtr, operationId);
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
    return { validate: compileValidator(this.spec, wrapper, groupPtr, "coerce"), prefix };
  }

  // ---------------------------------------------------------------- validation (hot path)

  validateResponse(
    status: number,
    headers: Record<string, string>,
    body: unknown,
    checkHeaders = true,
  ): SchemaFinding[] {
    return validateResponse(this.v, this.info, status, headers, body, checkHeaders);
  }

  validateRequest(request: RequestParts): SchemaFinding[] {
    return validateRequest(this.v, this.info, request);
  }
}

/** The loader's side of src/openapi/semantics-reader.ts: failing with file:line and resolving local $refs. */
export function specReader(s: SpecContext): SpecReader {
  return {
    vendor: s.vendor,
    fail: (pointer, problem, fix) => s.fail(pointer, problem, fix),
    deref: (node, ptr) => deref(s, node, ptr),
  };
}
