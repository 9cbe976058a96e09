// Operation semantics: `x-resource`, `x-retry` and `x-envelope` (docs/spec-conventions.md), and the limits of the
// top-level body properties read from their schemas, each read by its own module and gathered and cross-checked here.
// What the kit knows about what an operation does lives as data read from the specs, so journaling, cleanup, retries,
// checks and fuzzers need no table of operation ids.
import { readLimits } from "./field-limits.ts";
import type { Obj } from "./json.ts";
import { readEnvelope } from "./semantics-envelope.ts";
import type { SpecReader } from "./semantics-reader.ts";
import { readResource, readRetry } from "./semantics-resource.ts";
import type { OperationInfo } from "./types.ts";

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
