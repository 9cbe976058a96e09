// The limits (type, length, range, default) of the top-level body properties, read from the request and 2xx schemas.
import { isObj, type Obj } from "./json.ts";
import type { SpecReader } from "./semantics-reader.ts";
import type { FieldLimits, OperationInfo } from "./types.ts";

/** The properties of an object schema, following $refs and allOf (the ADVANCE envelope narrows `code` that way). */
function properties(
  reader: SpecReader,
  schema: unknown,
  at: string,
  depth = 0,
): Map<string, { node: Obj; ptr: string }> {
  const out = new Map<string, { node: Obj; ptr: string }>();
  if (depth > 16) return out;
  const { node, ptr } = reader.deref(schema, at);
  if (!isObj(node)) return out;
  if (Array.isArray(node.allOf))
    node.allOf.forEach((part, i) =>
      properties(reader, part, `${ptr}/allOf/${i}`, depth + 1).forEach((v, k) =>
        out.set(k, { node: { ...out.get(k)?.node, ...v.node }, ptr: v.ptr }),
      ),
    );
  if (isObj(node.properties)) {
    for (const [name, prop] of Object.entries(node.properties)) {
      const resolved = reader.deref(prop, `${ptr}/properties/${name}`);
      if (isObj(resolved.node))
        out.set(name, { node: { ...out.get(name)?.node, ...resolved.node }, ptr: resolved.ptr });
    }
  }
  return out;
}

function limitsOf(props: Map<string, { node: Obj }>): Record<string, FieldLimits> {
  const out: Record<string, FieldLimits> = {};
  for (const [name, { node }] of props) {
    const l: FieldLimits = {};
    if (typeof node.type === "string") l.type = node.type;
    for (const k of ["minLength", "maxLength", "minimum", "maximum"] as const)
      if (typeof node[k] === "number") l[k] = node[k] as number;
    if ("default" in node) l.default = node.default;
    out[name] = l;
  }
  return out;
}

function jsonSchemaOf(content: unknown): [string, unknown] | undefined {
  if (!isObj(content)) return undefined;
  const entries = Object.entries(content).filter(([, m]) => isObj(m) && m.schema !== undefined);
  const hit = entries.find(([mt]) => mt.toLowerCase().includes("json")) ?? entries[0];
  return hit ? [hit[0], (hit[1] as Obj).schema] : undefined;
}

/** Limits of the top-level properties of the request body and of the first 2xx answer (JSON media first). */
export function readLimits(reader: SpecReader, op: Obj, at: string): OperationInfo["limits"] {
  const limits: OperationInfo["limits"] = { request: {}, response: {} };
  if (op.requestBody !== undefined) {
    const { node: rb, ptr } = reader.deref(op.requestBody, `${at}/requestBody`);
    const hit = isObj(rb) ? jsonSchemaOf(rb.content) : undefined;
    if (hit)
      limits.request = limitsOf(
        properties(reader, hit[1], `${ptr}/content/${hit[0].replace(/~/g, "~0").replace(/\//g, "~1")}/schema`),
      );
  }
  const responses = isObj(op.responses) ? op.responses : {};
  const ok = Object.keys(responses)
    .filter((c) => /^2\d\d$/.test(c))
    .sort()[0];
  if (ok !== undefined) {
    const { node: r, ptr } = reader.deref(responses[ok], `${at}/responses/${ok}`);
    const hit = isObj(r) ? jsonSchemaOf(r.content) : undefined;
    if (hit)
      limits.response = limitsOf(
        properties(reader, hit[1], `${ptr}/content/${hit[0].replace(/~/g, "~0").replace(/\//g, "~1")}/schema`),
      );
  }
  return limits;
}
