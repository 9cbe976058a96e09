// What the semantics readers share: the loader's SpecReader they fail and deref through, and the pointer and
// unknown-field checks every x- extension of docs/spec-conventions.md (Operation semantics) applies.
import type { Vendor } from "../types.ts";
import type { Obj } from "./json.ts";

/** What the loader lends this module: failing with file:line, and resolving local $refs. */
export interface SpecReader {
  readonly vendor: Vendor;
  fail(pointer: string, problem: string, fix: string): never;
  deref(node: unknown, ptr: string): { node: unknown; ptr: string };
}

export const SEE = "see docs/spec-conventions.md (Operation semantics)";

export function pointer(reader: SpecReader, value: unknown, at: string, what: string): string {
  if (typeof value !== "string")
    reader.fail(at, `${what} is not a JSON pointer string`, 'write it like "/result/resultCode"');
  if (!value.startsWith("/"))
    reader.fail(at, `${what} ${JSON.stringify(value)} is not a JSON pointer`, 'start it with "/", e.g. "/code"');
  return value;
}

export function only(reader: SpecReader, node: Obj, at: string, what: string, allowed: readonly string[]): void {
  const extra = Object.keys(node).find((k) => !allowed.includes(k));
  if (extra !== undefined)
    reader.fail(`${at}/${extra}`, `${what} has an unknown field "${extra}"`, `use only ${allowed.join(", ")}`);
}
