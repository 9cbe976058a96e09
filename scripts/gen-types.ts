// Generates src/openapi/bodies/<vendor>.ts: one request and one response type per operation, named vendor +
// operationId (AdvanceEnrollRequest, UqudoFaceMatchResponse), from the specs read through loadSpecs only; and
// src/openapi/bodies.ts, which re-exports them all. Output is prettier-formatted here, so `npm run format` keeps it.
// Run by `npm run docs`; src/openapi/bodies.test.ts fails when a committed file is stale.
import path from "node:path";
import { openapiSchemaToJsonSchema } from "@openapi-contrib/openapi-schema-to-json-schema";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import * as prettier from "prettier";
import { REPO_ROOT, loadSpecs, type LoadedSpecSet, type OperationInfo } from "../src/openapi/index.ts";
import type { Vendor } from "../src/types.ts";

/** The index that re-exports every vendor's file (what src/openapi/index.ts and src/index.ts export). */
export const BODIES_PATH = "src/openapi/bodies.ts";
/** The folder of the per-vendor files, `<vendor>.ts` each. */
export const BODIES_DIR = "src/openapi/bodies";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const ROOT = "GeneratedBodies";

/** `#/components/<kind>/X` of the vendor's document, following $refs of non-schema objects. */
function deref(doc: Obj, node: unknown): Obj {
  let n = node as Obj;
  while (isObj(n) && typeof n.$ref === "string") {
    n = n.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((o, k) => (o as Obj)[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc) as Obj;
  }
  return n;
}

const SHAPE = ["type", "$ref", "allOf", "anyOf", "oneOf", "enum", "properties", "items", "not", "additionalProperties"];
const SCHEMA_MAPS = new Set(["properties", "definitions", "patternProperties"]);
const SCHEMA_KEYS = new Set(["items", "additionalProperties", "not"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);

/** OpenAPI schema → JSON Schema with component refs renamed into the shared definitions, nested titles dropped. */
function toJsonSchema(vendor: Vendor, schema: unknown, title?: string): Obj {
  const node = (n: unknown, top: boolean): unknown => {
    if (!isObj(n)) return n;
    const out: Obj = {};
    for (const [k, v] of Object.entries(n)) {
      if (k.startsWith("x-") || k === "example" || k === "examples" || k === "$schema") continue;
      if (k === "title" && !top) continue; // branch titles ("success") would become stray named types
      if (k === "$ref" && typeof v === "string")
        out.$ref = v.replace(/^#\/components\/schemas\//, `#/definitions/${pascal(vendor)}`);
      else if (SCHEMA_MAPS.has(k) && isObj(v))
        out[k] = Object.fromEntries(Object.entries(v).map(([p, c]) => [p, node(c, false)]));
      else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map((c) => node(c, false));
      else if (SCHEMA_KEYS.has(k)) out[k] = node(v, false);
      else out[k] = v;
    }
    // the converter turns a keyword-less schema ("any JSON value") into an object type, and null-only into {}
    if (Array.isArray(out.enum) && out.enum.length === 1 && out.enum[0] === null)
      return { tsType: "null", ...(out.description ? { description: out.description } : {}) };
    if (!SHAPE.some((k) => k in out)) return { ...out, tsType: "unknown" };
    return out;
  };
  const converted = node(
    openapiSchemaToJsonSchema(structuredClone(schema) as object, { cloneSchema: false }),
    true,
  ) as Obj;
  if (!title) return converted;
  // a bare $ref keeps its own name: the operation type becomes an alias of it
  return typeof converted.$ref === "string" ? { allOf: [converted], title } : { ...converted, title };
}

/** The JSON body schema of the request, or the query and path parameters as one object; undefined when neither. */
function requestSchema(doc: Obj, raw: Obj): unknown {
  if (raw.requestBody) {
    const content = deref(doc, raw.requestBody).content as Obj;
    return (Object.values(content)[0] as Obj | undefined)?.schema;
  }
  const params = ((raw.parameters as unknown[] | undefined) ?? [])
    .map((p) => deref(doc, p))
    .filter((p) => p.in === "query" || p.in === "path");
  if (params.length === 0) return undefined;
  return {
    type: "object",
    additionalProperties: false,
    required: params.filter((p) => p.required === true).map((p) => p.name),
    properties: Object.fromEntries(
      params.map((p) => [p.name, { ...(p.schema as Obj), ...(p.description ? { description: p.description } : {}) }]),
    ),
  };
}

/** The 2xx body schemas (several become a union); undefined when no 2xx status has a body. */
function responseSchema(doc: Obj, raw: Obj): unknown {
  const schemas = Object.entries(raw.responses as Obj)
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([, r]) => (Object.values((deref(doc, r).content as Obj | undefined) ?? {})[0] as Obj | undefined)?.schema)
    .filter((s) => s !== undefined);
  return schemas.length <= 1 ? schemas[0] : { oneOf: schemas };
}

function operationRaw(specs: LoadedSpecSet, op: OperationInfo): Obj {
  const doc = specs.document(op.vendor) as Obj;
  return deref(doc, { $ref: op.specPointer.split("#")[1]!.replace(/^/, "#") });
}

/** Every generated file, repo-relative path → content: one per vendor under BODIES_DIR, then the BODIES_PATH index. */
export async function generateBodyTypes(specs: LoadedSpecSet = loadSpecs()): Promise<Record<string, string>> {
  const declarations = splitDeclarations(await compileAll(specs));
  const owner = (name: string): Vendor | undefined => specs.vendors.find((v) => name.startsWith(pascal(v)));
  const orphan = declarations.find((d) => owner(d.name) === undefined);
  if (orphan) throw new Error(`${orphan.name} is named after no vendor`);
  const files: Record<string, string> = {};
  for (const vendor of specs.vendors) {
    const mine = declarations.filter((d) => owner(d.name) === vendor);
    // a vendor's types may only name its own types: the files import nothing from each other
    for (const d of mine)
      for (const other of declarations)
        if (owner(other.name) !== vendor && new RegExp(`\\b${other.name}\\b`).test(d.text))
          throw new Error(`${d.name} names ${other.name} of another vendor`);
    files[`${BODIES_DIR}/${vendor}.ts`] = [
      `// generated by npm run docs (scripts/gen-types.ts) from specs/${vendor}.yaml — do not edit.`,
      `// One request and one 2xx response type per ${vendor} operation, named vendor + operationId.`,
      "",
      ...mine.map((d) => d.text),
    ].join("\n");
  }
  files[BODIES_PATH] = [
    "// generated by npm run docs (scripts/gen-types.ts) from specs/*.yaml — do not edit.",
    "// One request and one 2xx response type per operation, named vendor + operationId; one file per vendor in bodies/.",
    ...specs.vendors.map((v) => `export type * from "./bodies/${v}.ts";`),
    "",
  ].join("\n");
  for (const [rel, text] of Object.entries(files)) {
    const filepath = path.join(REPO_ROOT, rel);
    files[rel] = await prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });
  }
  return files;
}

/** Top-level declarations of the compiled text, each with the doc comment right above it, in order. */
function splitDeclarations(ts: string): { name: string; text: string }[] {
  const lines = ts.split("\n");
  const starts: { at: number; name: string }[] = [];
  lines.forEach((line, i) => {
    const m = /^export (?:type|interface) (\w+)/.exec(line);
    if (!m) return;
    let at = i;
    if (lines[at - 1]?.endsWith("*/")) while (at > 0 && !lines[at]!.startsWith("/**")) at--;
    starts.push({ at, name: m[1]! });
  });
  return starts.map((st, k) => ({
    name: st.name,
    text: lines
      .slice(st.at, starts[k + 1]?.at ?? lines.length)
      .join("\n")
      .trim(),
  }));
}

async function compileAll(specs: LoadedSpecSet): Promise<string> {
  const definitions: Obj = {};
  for (const vendor of specs.vendors) {
    const doc = specs.document(vendor) as Obj;
    const components = ((doc.components as Obj | undefined)?.schemas as Obj | undefined) ?? {};
    for (const [name, s] of Object.entries(components))
      definitions[`${pascal(vendor)}${name}`] = toJsonSchema(vendor, s, `${pascal(vendor)}${name}`);
  }
  const operationTypes: string[] = [];
  for (const op of specs.operations) {
    const doc = specs.document(op.vendor) as Obj;
    const raw = operationRaw(specs, op);
    const base = `${pascal(op.vendor)}${pascal(op.operationId)}`;
    for (const [suffix, schema] of [
      ["Request", requestSchema(doc, raw)],
      ["Response", responseSchema(doc, raw)],
    ] as const) {
      if (schema === undefined) continue;
      const name = base + suffix;
      operationTypes.push(name);
      // a bare $ref to a component of the same name is that type already
      if (
        isObj(schema) &&
        schema.$ref === `#/components/schemas/${name.slice(op.vendor.length)}` &&
        Object.keys(schema).length === 1
      )
        continue;
      const s = toJsonSchema(op.vendor, schema, name);
      s.description = `${suffix === "Request" ? "Request" : "2xx response"} of ${op.id} (${op.method} ${op.path}).${s.description ? `\n\n${s.description as string}` : ""}`;
      definitions[name] = s;
    }
  }
  const root: JSONSchema = {
    title: ROOT,
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(operationTypes.map((n) => [n, { $ref: `#/definitions/${n}` }])),
    definitions: definitions as JSONSchema["definitions"],
  };
  const ts = await compile(root, ROOT, {
    bannerComment: "", // each file gets its own (generateBodyTypes)
    additionalProperties: false,
    unreachableDefinitions: true,
    maxItems: -1,
    format: true,
    style: { printWidth: 140 },
  });
  // The root only gathers the operation types so every one is emitted; it is no type of the kit.
  return ts
    .replace(new RegExp(`export interface ${ROOT} \\{[\\s\\S]*?\\n\\}\\n\\n?`), "")
    .replace(
      /( \*\n)? \* This interface was referenced by `GeneratedBodies`'s JSON-Schema\n \* via the `definition` "\w+"\.\n/g,
      "",
    )
    .replace(/\/\*\*\n \*\/\n/g, "")
    .replace(/\/\*\*\n(\s*) \* ([^\n]*)\n\s* \*\//g, "/** $2 */"); // one-line comments on one line (the package has a size budget)
}
