// Well-formed identifiers that were never issued: the documented answer is unknown-id (e.g. uqudo 404, ADVANCE
// "UserId is invalid"). Built from an integer so shrinking heads to the smallest id of the shape.
import fc from "fast-check";
import { labeled, type Labeled } from "./_internals/labeled.ts";

export type IdShape = "uuid" | "digits" | "hex" | "token";

export interface UnknownIdConstraints {
  shape?: IdShape;
  /** Length for digits/hex/token ids (default 16). */
  length?: number;
}

/** Prefix that marks generated ids, so the sandbox can never have issued one by accident. */
const TOKEN_PREFIX = "unk";

export function makeUnknownId(n: number, shape: IdShape, length: number): string {
  switch (shape) {
    case "uuid":
      // Version-4 layout, all-zero random part except the counter: valid syntax, never a real random UUID.
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
    case "digits":
      return `9${String(n).padStart(Math.max(1, length - 1), "0")}`;
    case "hex":
      return `f${n.toString(16).padStart(Math.max(1, length - 1), "0")}`;
    case "token":
      return `${TOKEN_PREFIX}${String(n).padStart(Math.max(1, length - TOKEN_PREFIX.length), "0")}`;
  }
}

export function unknownId(c: UnknownIdConstraints = {}): fc.Arbitrary<Labeled<string>> {
  const shape = c.shape ?? "uuid";
  const length = c.length ?? 16;
  const max = shape === "uuid" ? 0xffff_ffff : Math.min(2 ** 31 - 1, 10 ** Math.max(1, Math.min(9, length - 1)) - 1);
  return fc
    .integer({ min: 0, max })
    .map((n) => labeled(makeUnknownId(n, shape, length), ["unknown-id"], `${shape}#${n}`));
}

/** The counter the id was built from. */
export function unknownIdSize(v: Labeled<string>): number {
  return Number(v.label.slice(v.label.indexOf("#") + 1));
}
