// Values of the wrong JSON type for a field: every one carries wrong-type:<field>.
import fc from "fast-check";
import { catalogue, labeled, type Labeled } from "./_internals/labeled.ts";

export type JsonType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

/** Simplest first. */
const CANDIDATES: readonly { label: string; value: unknown }[] = [
  { label: "null", value: null },
  { label: "false", value: false },
  { label: "true", value: true },
  { label: "zero", value: 0 },
  { label: "one", value: 1 },
  { label: "negative", value: -1 },
  { label: "fraction", value: 1.5 },
  { label: "big", value: 2 ** 53 },
  { label: "empty-string", value: "" },
  { label: "numeric-string", value: "1" },
  { label: "boolean-string", value: "true" },
  { label: "null-string", value: "null" },
  { label: "empty-array", value: [] },
  { label: "array", value: ["x"] },
  { label: "empty-object", value: {} },
  { label: "object", value: { value: "x" } },
  { label: "nested", value: [[{ a: [null] }]] },
];

export function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  return "object";
}

/** Accepted by a JSON Schema `type: expected` (integers are numbers too). */
export function matchesType(v: unknown, expected: JsonType): boolean {
  const t = jsonTypeOf(v);
  return t === expected || (expected === "number" && t === "integer");
}

function entries(field: string, expected: JsonType, nullable: boolean): Labeled<unknown>[] {
  return CANDIDATES.filter((c) => !matchesType(c.value, expected) && !(nullable && c.value === null)).map((c) =>
    labeled(c.value, [`wrong-type:${field}`], c.label),
  );
}

export interface JsonTypeConfusionConstraints {
  field: string;
  expected: JsonType;
  /** The schema allows null (OpenAPI 3.0 `nullable: true`), so null is not a confusion. */
  nullable?: boolean;
}

export function jsonTypeConfusion(c: JsonTypeConfusionConstraints): fc.Arbitrary<Labeled<unknown>> {
  return catalogue(entries(c.field, c.expected, c.nullable ?? false)).arbitrary;
}

export function jsonTypeConfusionSize(c: JsonTypeConfusionConstraints): (v: Labeled<unknown>) => number {
  return catalogue(entries(c.field, c.expected, c.nullable ?? false)).size;
}
