// $ref handling: every reference must be local and resolve; non-schema objects are followed through their refs.
import { getAt, parsePointer, toPointer } from "./pointer.ts";
import { isObj } from "./json.ts";
import type { SpecContext } from "./spec-context.ts";

/** Every $ref must be local and resolve; examples are data and may contain a literal "$ref" key. */
export function checkAllRefs(s: SpecContext, node: unknown, segs: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => checkAllRefs(s, v, [...segs, String(i)]));
    return;
  }
  if (!isObj(node)) return;
  const ref = node.$ref;
  if (typeof ref === "string") resolveRef(s, ref, toPointer(segs));
  for (const [k, v] of Object.entries(node)) {
    if (k === "example" || k === "default" || k === "enum") continue;
    if (k === "value" && segs[segs.length - 2] === "examples") continue;
    if (k.startsWith("x-") && k !== "x-doc-pages") continue;
    checkAllRefs(s, v, [...segs, k]);
  }
}

/** Returns the in-file pointer a local $ref names, or fails naming the line of the $ref. */
export function resolveRef(s: SpecContext, ref: string, at: string): string {
  const where = `${at}/$ref`;
  if (!ref.startsWith("#/") && ref !== "#")
    s.fail(
      where,
      `$ref "${ref}" is not a local reference`,
      "inline the external document or use #/components/... references",
    );
  const target = ref.slice(1);
  let decoded: string[];
  try {
    decoded = parsePointer(decodeURIComponent(target));
  } catch {
    s.fail(where, `$ref "${ref}" is not a valid JSON pointer`, "escape / as ~1 and ~ as ~0");
  }
  if (getAt(s.src.raw, decoded) === undefined)
    s.fail(
      where,
      `$ref "${ref}" does not resolve`,
      "point it at an existing entry (check the component name and its spelling)",
    );
  return toPointer(decoded);
}

/** Follows $refs of non-schema objects (responses, parameters, headers, examples, request bodies). */
export function deref(s: SpecContext, node: unknown, ptr: string): { node: unknown; ptr: string } {
  for (let hops = 0; isObj(node) && typeof node.$ref === "string"; hops++) {
    if (hops > 32) s.fail(ptr, "$ref chain loops", "break the reference cycle");
    ptr = resolveRef(s, node.$ref, ptr);
    node = getAt(s.src.raw, parsePointer(ptr));
  }
  return { node, ptr };
}
