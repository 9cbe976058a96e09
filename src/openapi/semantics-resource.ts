// `x-resource` and `x-retry`: what an operation creates, reads or deletes, how to undo it, and whether a retry is safe.
import { isObj } from "./json.ts";
import { only, pointer, SEE, type SpecReader } from "./semantics-reader.ts";
import type { KeySource, ResourceCondition, ResourceSemantics, RetrySafety } from "./types.ts";

const KEY_SOURCES: readonly KeySource[] = ["body", "path", "query", "response"];
const EFFECTS = ["create", "delete", "read"] as const;

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
