// Operation semantics: `x-resource`, `x-retry` and `x-envelope` (docs/spec-conventions.md), and the limits of the
// top-level body properties read from their schemas. What the kit knows about what an operation does lives here as
// data read from the specs, so journaling, cleanup, retries, checks and fuzzers need no table of operation ids.
import type { Vendor } from "../types.ts";
import type {
  Envelope,
  FieldLimits,
  KeySource,
  OperationInfo,
  ResourceCondition,
  ResourceSemantics,
  RetrySafety,
} from "./types.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** What the loader lends this module: failing with file:line, and resolving local $refs. */
export interface SpecReader {
  readonly vendor: Vendor;
  fail(pointer: string, problem: string, fix: string): never;
  deref(node: unknown, ptr: string): { node: unknown; ptr: string };
}

const SEE = "see docs/spec-conventions.md (Operation semantics)";
const KEY_SOURCES: readonly KeySource[] = ["body", "path", "query", "response"];
const EFFECTS = ["create", "delete", "read"] as const;

function pointer(reader: SpecReader, value: unknown, at: string, what: string): string {
  if (typeof value !== "string")
    reader.fail(at, `${what} is not a JSON pointer string`, 'write it like "/result/resultCode"');
  if (!value.startsWith("/"))
    reader.fail(at, `${what} ${JSON.stringify(value)} is not a JSON pointer`, 'start it with "/", e.g. "/code"');
  return value;
}

function only(reader: SpecReader, node: Obj, at: string, what: string, allowed: readonly string[]): void {
  const extra = Object.keys(node).find((k) => !allowed.includes(k));
  if (extra !== undefined)
    reader.fail(`${at}/${extra}`, `${what} has an unknown field "${extra}"`, `use only ${allowed.join(", ")}`);
}

/** The `{name}` values of a concrete path (query ignored) under a path template; undefined when it does not match. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), "([^/]+)"));
  const match = new RegExp(`^${pattern}$`).exec(path.split("?")[0]!);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}

// ---------------------------------------------------------------- x-envelope

const ENVELOPE_FIELDS = [
  "code",
  "message",
  "status",
  "success",
  "decidedBy",
  "optional",
  "successOnly",
  "nullOnFailure",
];

/** The vendor's `x-envelope` (root), with an operation's own `x-envelope` over it. No envelope: success is any 2xx. */
export function readEnvelope(reader: SpecReader, node: unknown, at: string, base?: Envelope): Envelope {
  const out: Envelope = base
    ? { ...base, success: { ...base.success } }
    : { success: {}, optional: false, successOnly: [], nullOnFailure: [] };
  if (node === undefined) return out;
  if (!isObj(node)) reader.fail(at, "x-envelope is not a mapping", SEE);
  only(reader, node, at, "x-envelope", ENVELOPE_FIELDS);
  for (const k of ["code", "message", "status"] as const)
    if (node[k] !== undefined) out[k] = pointer(reader, node[k], `${at}/${k}`, `x-envelope ${k}`);
  if (node.success !== undefined) {
    if (!isObj(node.success))
      reader.fail(`${at}/success`, "x-envelope success is not a mapping", "write {code: SUCCESS} or {status: S}");
    only(reader, node.success, `${at}/success`, "x-envelope success", ["code", "status"]);
    for (const k of ["code", "status"] as const) {
      const v = node.success[k];
      if (v === undefined) continue;
      if (typeof v !== "string")
        reader.fail(`${at}/success/${k}`, `x-envelope success.${k} is not a string`, "quote the value");
      if (out[k] === undefined)
        reader.fail(
          `${at}/success/${k}`,
          `x-envelope success.${k} is given but x-envelope has no ${k} pointer`,
          `add ${k}: <pointer>`,
        );
      out.success[k] = v;
    }
  }
  if (node.decidedBy !== undefined) {
    if (node.decidedBy !== "code" && node.decidedBy !== "status")
      reader.fail(`${at}/decidedBy`, `x-envelope decidedBy is ${JSON.stringify(node.decidedBy)}`, "use code or status");
    if (out.success[node.decidedBy] === undefined)
      reader.fail(
        `${at}/decidedBy`,
        `x-envelope decidedBy ${node.decidedBy} but success gives no ${node.decidedBy}`,
        `add success.${node.decidedBy}`,
      );
    out.decidedBy = node.decidedBy;
  }
  if (node.optional !== undefined) {
    if (typeof node.optional !== "boolean")
      reader.fail(`${at}/optional`, "x-envelope optional is not a boolean", "write true or false");
    out.optional = node.optional;
  }
  for (const k of ["successOnly", "nullOnFailure"] as const) {
    const list = node[k];
    if (list === undefined) continue;
    if (!Array.isArray(list)) reader.fail(`${at}/${k}`, `x-envelope ${k} is not a list`, 'write it as ["/pointer"]');
    out[k] = list.map((p, i) => pointer(reader, p, `${at}/${k}/${i}`, `x-envelope ${k} entry`));
  }
  return out;
}

// ---------------------------------------------------------------- x-resource

function keyList(reader: SpecReader, value: unknown, at: string, keys: Record<string, KeySource>): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((k) => typeof k !== "string"))
    reader.fail(
      at,
      "an undo value is not a key name or a list of key names",
      "write userId, or [bizId, userId] for the first one present",
    );
  for (const k of list as string[])
    if (!(k in keys))
      reader.fail(at, `undo names key "${k}", which is not in keys`, `use one of: ${Object.keys(keys).join(", ")}`);
  return list as string[];
}

function condition(reader: SpecReader, node: unknown, at: string): ResourceCondition {
  if (!isObj(node))
    reader.fail(at, "a when entry is not a mapping", "write {in: request, pointer: /insert, equals: true}");
  only(reader, node, at, "a when entry", ["in", "pointer", "equals", "notEquals"]);
  if (node.in !== "request" && node.in !== "response")
    reader.fail(`${at}/in`, `when.in is ${JSON.stringify(node.in)}`, "use request or response");
  if ("equals" in node === "notEquals" in node)
    reader.fail(at, "a when entry needs exactly one of equals, notEquals", "add equals: <value> or notEquals: <value>");
  return {
    in: node.in,
    pointer: pointer(reader, node.pointer, `${at}/pointer`, "when.pointer"),
    ...("equals" in node ? { equals: node.equals } : { notEquals: node.notEquals }),
  };
}

export function readResource(
  reader: SpecReader,
  node: unknown,
  at: string,
  operationId: string,
): ResourceSemantics | undefined {
  if (node === undefined) return undefined;
  if (!isObj(node)) reader.fail(at, `x-resource of "${operationId}" is not a mapping`, SEE);
  only(reader, node, at, "x-resource", ["kind", "effect", "keys", "id", "when", "undo", "gone", "visible"]);
  if (typeof node.kind !== "string" || !/^[a-z][a-z0-9-]*$/.test(node.kind))
    reader.fail(
      `${at}/kind`,
      `x-resource kind is ${JSON.stringify(node.kind)}`,
      "name the resource in lowercase, e.g. user or face",
    );
  if (!EFFECTS.includes(node.effect as never))
    reader.fail(
      `${at}/effect`,
      `x-resource effect is ${JSON.stringify(node.effect)}`,
      `use one of ${EFFECTS.join(", ")}`,
    );
  const effect = node.effect as ResourceSemantics["effect"];
  if (!isObj(node.keys) || Object.keys(node.keys).length === 0)
    reader.fail(
      `${at}/keys`,
      "x-resource keys is not a non-empty mapping",
      "map each key field to where it is read, e.g. {userId: body}",
    );
  const keys: Record<string, KeySource> = {};
  for (const [k, where] of Object.entries(node.keys)) {
    if (!KEY_SOURCES.includes(where as KeySource))
      reader.fail(
        `${at}/keys/${k}`,
        `key "${k}" is read from ${JSON.stringify(where)}`,
        `use one of ${KEY_SOURCES.join(", ")}`,
      );
    keys[k] = where as KeySource;
  }
  const id = node.id ?? Object.keys(keys)[0];
  if (typeof id !== "string" || !(id in keys))
    reader.fail(
      `${at}/id`,
      `x-resource id ${JSON.stringify(node.id)} is not one of its keys`,
      `use one of: ${Object.keys(keys).join(", ")}`,
    );
  if (effect === "delete" && keys[id] === "response")
    reader.fail(`${at}/keys/${id}`, "a delete cannot read its id from its answer", "read it from body or path");
  const out: ResourceSemantics = { kind: node.kind, effect, keys, id, when: [], gone: [] };
  if (node.when !== undefined) {
    if (effect !== "create") reader.fail(`${at}/when`, "when is only for a create", "remove it");
    if (!Array.isArray(node.when))
      reader.fail(`${at}/when`, "when is not a list", "write a list of {in, pointer, equals|notEquals}");
    out.when = node.when.map((c, i) => condition(reader, c, `${at}/when/${i}`));
  }
  if (effect === "create") {
    const undo = node.undo;
    if (!isObj(undo))
      reader.fail(
        `${at}/undo`,
        `the create "${operationId}" names no undo`,
        "add undo: {operation: <the delete's operationId>, body|path: {field: key}}",
      );
    only(reader, undo, `${at}/undo`, "undo", ["operation", "body", "path"]);
    if (typeof undo.operation !== "string")
      reader.fail(`${at}/undo/operation`, "undo.operation is not an operationId", "name the operation that deletes it");
    const built: NonNullable<ResourceSemantics["undo"]> = { operation: `${reader.vendor}.${undo.operation}` };
    for (const part of ["body", "path"] as const) {
      const fields = undo[part];
      if (fields === undefined) continue;
      if (!isObj(fields))
        reader.fail(
          `${at}/undo/${part}`,
          `undo.${part} is not a mapping`,
          "map each field of the delete to a key, e.g. {userId: userId}",
        );
      built[part] = Object.fromEntries(
        Object.entries(fields).map(([f, v]) => [f, keyList(reader, v, `${at}/undo/${part}/${f}`, keys)]),
      );
    }
    if (!built.body && !built.path)
      reader.fail(`${at}/undo`, "undo builds neither a body nor path parameters", "add body: {...} or path: {...}");
    out.undo = built;
  } else if (node.undo !== undefined)
    reader.fail(`${at}/undo`, `undo is only for a create, and "${operationId}" is a ${effect}`, "remove it");
  if (node.gone !== undefined) {
    if (effect !== "delete") reader.fail(`${at}/gone`, "gone is only for a delete", "remove it");
    if (!Array.isArray(node.gone))
      reader.fail(`${at}/gone`, "gone is not a list", "write [{code: PARAMETER_ERROR}] or [{status: 404}]");
    out.gone = node.gone.map((g, i) => {
      const gAt = `${at}/gone/${i}`;
      if (!isObj(g)) reader.fail(gAt, "a gone entry is not a mapping", "write {code: X} or {status: 404}");
      only(reader, g, gAt, "a gone entry", ["code", "status"]);
      if (g.code === undefined && g.status === undefined)
        reader.fail(gAt, "a gone entry names neither code nor status", "add code: X or status: 404");
      if (g.code !== undefined && typeof g.code !== "string")
        reader.fail(`${gAt}/code`, "gone code is not a string", "quote it");
      if (g.status !== undefined && (typeof g.status !== "number" || !Number.isInteger(g.status)))
        reader.fail(`${gAt}/status`, "gone status is not an HTTP status", "write e.g. 404");
      return {
        ...(g.code !== undefined ? { code: g.code as string } : {}),
        ...(g.status !== undefined ? { status: g.status as number } : {}),
      };
    });
  }
  if (node.visible !== undefined) {
    const v = node.visible;
    if (!isObj(v))
      reader.fail(
        `${at}/visible`,
        "visible is not a mapping",
        "write {nonEmpty: /pointer} or {flag: /pointer, id: /pointer}",
      );
    only(reader, v, `${at}/visible`, "visible", ["nonEmpty", "flag", "id"]);
    out.visible = {};
    for (const k of ["nonEmpty", "flag", "id"] as const)
      if (v[k] !== undefined) out.visible[k] = pointer(reader, v[k], `${at}/visible/${k}`, `visible.${k}`);
  }
  return out;
}

export function readRetry(
  reader: SpecReader,
  node: unknown,
  at: string,
  resource: ResourceSemantics | undefined,
): RetrySafety {
  if (node !== undefined && node !== "safe" && node !== "unsafe")
    reader.fail(
      at,
      `x-retry is ${JSON.stringify(node)}`,
      "use safe (repeating cannot change the target's state) or leave it out",
    );
  if (node === "safe" && resource && resource.effect !== "read")
    reader.fail(at, `a ${resource.effect} is never safe to retry blindly`, "remove x-retry: safe");
  if (resource?.effect === "delete") return "delete";
  return node === "safe" ? "safe" : "unsafe";
}

// ---------------------------------------------------------------- limits from schemas

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

/** Everything this module reads off one operation (and its document's root `x-envelope`). */
export function readSemantics(
  reader: SpecReader,
  root: Obj,
  op: Obj,
  at: string,
  operationId: string,
): Pick<OperationInfo, "resource" | "retry" | "envelope" | "limits"> {
  const resource = readResource(reader, op["x-resource"], `${at}/x-resource`, operationId);
  const envelope = readEnvelope(
    reader,
    op["x-envelope"],
    `${at}/x-envelope`,
    readEnvelope(reader, root["x-envelope"], "/x-envelope"),
  );
  return {
    ...(resource ? { resource } : {}),
    retry: readRetry(reader, op["x-retry"], `${at}/x-retry`, resource),
    envelope,
    limits: readLimits(reader, op, at),
  };
}

// ---------------------------------------------------------------- cross-references

/** Checks what one operation's semantics say about another, once all of a vendor's operations are read. */
export function checkSemantics(reader: SpecReader, infos: readonly OperationInfo[]): void {
  const operations = infos.map((info) => ({ info, ptr: info.specPointer.slice(info.specPointer.indexOf("#") + 1) }));
  const byId = new Map(operations.map((o) => [o.info.id, o]));
  for (const { info, ptr } of operations) {
    const r = info.resource;
    if (!r) continue;
    const at = `${ptr}/x-resource`;
    for (const [key, where] of Object.entries(r.keys)) {
      if (where === "path" && !info.path.includes(`{${key}}`))
        reader.fail(
          `${at}/keys/${key}`,
          `key "${key}" is read from the path, but ${info.path} has no {${key}}`,
          "read it from body or add the path parameter",
        );
      if (where === "body" && Object.keys(info.limits.request).length > 0 && !(key in info.limits.request))
        reader.fail(
          `${at}/keys/${key}`,
          `key "${key}" is read from the body, but the request schema has no property ${key}`,
          "fix the key name or the schema",
        );
    }
    if (r.undo) {
      const undo = byId.get(r.undo.operation);
      const name = r.undo.operation.split(".")[1];
      if (!undo)
        reader.fail(
          `${at}/undo/operation`,
          `undo names operation "${name}", which is not an operationId here`,
          `use one of: ${operations.map((o) => o.info.operationId).join(", ")}`,
        );
      if (undo.info.resource?.effect !== "delete" || undo.info.resource.kind !== r.kind)
        reader.fail(
          `${at}/undo/operation`,
          `undo operation "${name}" is not an x-resource delete of kind ${r.kind}`,
          `give ${name} x-resource {kind: ${r.kind}, effect: delete, ...}`,
        );
      for (const param of r.undo.path ? Object.keys(r.undo.path) : []) {
        if (!undo.info.path.includes(`{${param}}`))
          reader.fail(
            `${at}/undo/path/${param}`,
            `undo sets path parameter "${param}", which ${undo.info.path} does not have`,
            "name a parameter of the delete's path",
          );
      }
    }
    for (const [i, g] of r.gone.entries()) {
      if (g.code !== undefined && !info.businessCodes.some((c) => c.code === g.code))
        reader.fail(
          `${at}/gone/${i}/code`,
          `gone code ${g.code} is not a documented code of "${info.operationId}"`,
          "list it in x-business-codes / x-result-codes or fix it",
        );
      if (g.status !== undefined && !info.statuses.includes(g.status))
        reader.fail(
          `${at}/gone/${i}/status`,
          `gone status ${g.status} is not a documented status of "${info.operationId}"`,
          "document it under responses or fix it",
        );
    }
  }
}
