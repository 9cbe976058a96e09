import { describe, expect, it } from "vitest";
import { sampleForType } from "./__fixtures__/samples.ts";
import { BODY_TABLE } from "./bodies.ts";
import { loadSpecs } from "./index.ts";
import { getAt, parsePointer } from "./pointer.ts";
import type { Vendor } from "../types.ts";

const specs = loadSpecs();
type Obj = Record<string, unknown>;

/** The raw OpenAPI schema a table row mirrors, with $refs and allOf parts merged for `required`. */
function requiredOf(vendor: Vendor, schema: unknown): string[] {
  const doc = specs.document(vendor);
  const deref = (s: unknown): Obj => {
    let n = s as Obj;
    while (n && typeof n.$ref === "string") n = getAt(doc, parsePointer(n.$ref.slice(1))) as Obj;
    return n;
  };
  const s = deref(schema);
  const out = new Set<string>((s.required as string[] | undefined) ?? []);
  // Only allOf parts add unconditional requirements; oneOf/anyOf branches are conditional.
  for (const part of (s.allOf as unknown[] | undefined) ?? []) for (const r of requiredOf(vendor, part)) out.add(r);
  return [...out].sort();
}

function schemaFor(row: (typeof BODY_TABLE)[number]): unknown {
  const op = specs.operation(row.operation);
  const doc = specs.document(op.vendor);
  const opRaw = getAt(doc, parsePointer(op.specPointer.split("#")[1]!)) as Obj;
  const deref = (n: Obj) => (typeof n.$ref === "string" ? (getAt(doc, parsePointer(n.$ref.slice(1))) as Obj) : n);
  if (row.part === "query") {
    const params = (opRaw.parameters as Obj[]).map(deref).filter((p) => p.in === "query");
    return { required: params.filter((p) => p.required === true).map((p) => p.name) };
  }
  if (row.part === "request") {
    const rb = deref(opRaw.requestBody as Obj);
    return (Object.values(rb.content as Obj)[0] as Obj).schema;
  }
  const resp = deref((opRaw.responses as Obj)[String(row.status)] as Obj);
  const schema = (Object.values(resp.content as Obj)[0] as Obj).schema as Obj;
  if (row.part === "response") return schema;
  // response.data: the `data` property the success branch gives (oneOf title success) or the envelope's
  const branches = ((schema.oneOf as Obj[] | undefined) ?? []).filter((b) => b.title === "success");
  return ((branches[0]?.properties as Obj | undefined)?.data as Obj | undefined) ?? {};
}

describe("hand-written body types mirror the specs", () => {
  it.each(BODY_TABLE.map((r) => [`${r.type} (${r.operation} ${r.part})`, r] as const))("%s: required keys equal the schema's", (_, row) => {
    const op = specs.operation(row.operation);
    expect([...row.required].sort()).toEqual(requiredOf(op.vendor, schemaFor(row)));
  });

  it.each(BODY_TABLE.map((r) => [`${r.type} (${r.operation} ${r.part})`, r] as const))("%s: its typed sample validates", (_, row) => {
    const sample = sampleForType[row.type];
    expect(sample, `no sample for ${row.type}`).toBeDefined();
    // header parameters (signatures, tokens) are not part of a body type
    if (row.part === "request") expect(specs.validateRequest(row.operation, { body: sample }).filter((f) => !f.pointer.startsWith("/headers/"))).toEqual([]);
    else if (row.part === "query") expect(specs.validateRequest(row.operation, { query: sample as Record<string, string>, headers: { "x-access-token": "t" } })).toEqual([]);
    else expect(specs.validateResponseBody(row.operation, row.status!, sample)).toEqual([]);
  });

  it("every operation's documented success response has a row", () => {
    const covered = new Set(BODY_TABLE.filter((r) => r.part === "response").map((r) => r.operation));
    const missing = specs.operations.filter((o) => o.statuses.some((s) => s < 300 && o.responseMediaTypes[s]?.[0] !== "") && !covered.has(o.id)).map((o) => o.id);
    expect(missing).toEqual([]);
  });
});
