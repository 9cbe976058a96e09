// OpenAPI 3.0 schema → draft-04 JSON Schema, remembering which spec pointer every converted node came from.
import { openapiSchemaToJsonSchema } from "@openapi-contrib/openapi-schema-to-json-schema";
import { addAnnotation } from "./compile.ts";
import { isObj, type Obj } from "./json.ts";
import { escapeSegment, toPointer } from "./pointer.ts";
import { resolveRef } from "./resolve.ts";
import type { SpecContext } from "./spec-context.ts";

/** OpenAPI schema at `ptr` → draft-04 schema whose refs point into this vendor's definitions document. */
export function convert(s: SpecContext, schema: unknown, ptr: string): Obj {
  if (!isObj(schema)) s.fail(ptr, "schema is not a mapping", "write the schema as a YAML mapping");
  let out: Obj;
  try {
    out = openapiSchemaToJsonSchema(nullableWithoutType(structuredClone(schema)), { cloneSchema: false }) as Obj;
  } catch (e) {
    s.fail(
      findProblem(schema, ptr, (e as Error).message),
      `schema cannot be converted: ${(e as Error).message}`,
      "use OpenAPI 3.0 schema keywords and types only",
    );
  }
  delete out.$schema;
  mapNodes(s, out, schema, ptr);
  return out;
}

/** Records converted-node → spec pointer, rewrites component refs, collects x- keywords for ajv. */
function mapNodes(s: SpecContext, conv: unknown, orig: unknown, ptr: string): void {
  if (conv === null || typeof conv !== "object") return;
  s.ptrOf.set(conv, ptr);
  if (isObj(conv) && typeof conv.$ref === "string") conv.$ref = schemaRef(s, conv.$ref, ptr);
  if ((conv as Obj)[SYNTHETIC] === true) {
    delete (conv as Obj)[SYNTHETIC];
    s.synthetic.add(conv);
  }
  for (const [k, v] of Object.entries(conv)) {
    if (k === "enum" || k === "default" || k === "const") continue;
    if (k.startsWith("x-")) {
      noteKeyword(s, k);
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    const o = isObj(orig) || Array.isArray(orig) ? (orig as Obj)[k] : undefined;
    if (o !== null && typeof o === "object") mapNodes(s, v, o, `${ptr}/${escapeSegment(k)}`);
    else mapNodes(s, v, orig, ptr); // a node the conversion added: it belongs to the schema we are in
  }
}

/** x- extensions are annotations to ajv; registered as they are met (operation schemas come after the ajvs exist). */
function noteKeyword(s: SpecContext, k: string): void {
  if (s.xKeywords.has(k)) return;
  s.xKeywords.add(k);
  for (const ajv of s.ajvs.values()) addAnnotation(ajv, k);
}

function schemaRef(s: SpecContext, ref: string, at: string): string {
  const target = resolveRef(s, ref, at);
  const m = /^\/components\/schemas\/(.+)$/.exec(target);
  if (!m)
    s.fail(
      `${at}/$ref`,
      `schema $ref "${ref}" does not point under #/components/schemas`,
      "move the schema to components.schemas and reference it there",
    );
  return `${s.schemaId}#/definitions/${m[1]}`;
}

/** Best guess at where a converter message points (a bad `type` value). */
function findProblem(schema: Obj, ptr: string, message: string): string {
  const m = /Type "([^"]*)"/.exec(message);
  if (m) {
    const hit = findPath(schema, (n) => n.type === m[1]);
    if (hit) return `${ptr}${toPointer(hit)}/type`;
  }
  return ptr;
}

const SYNTHETIC = "x-kit-synthetic";

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

function findPath(root: unknown, pred: (n: Obj) => boolean, segs: string[] = []): string[] | undefined {
  if (root === null || typeof root !== "object") return undefined;
  if (isObj(root) && pred(root)) return segs;
  for (const [k, v] of Object.entries(root)) {
    const hit = findPath(v, pred, [...segs, k]);
    if (hit) return hit;
  }
  return undefined;
}
