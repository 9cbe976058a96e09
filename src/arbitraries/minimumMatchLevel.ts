// uqudo `minimumMatchLevel`: integer 1..5 (default 3). Probes the range edges, non-integers and non-numbers.
import fc from "fast-check";
import { catalogue, labeled, type Labeled } from "./_internals/labeled.ts";

export interface MinimumMatchLevelConstraints {
  field?: string;
  min?: number;
  max?: number;
}

function entries(field: string, min: number, max: number): Labeled<unknown>[] {
  const out: Labeled<unknown>[] = [];
  for (let v = min; v <= max; v++) out.push(labeled(v, [], `valid:${v}`));
  const range = `out-of-range:${field}`;
  const type = `wrong-type:${field}`;
  for (const v of [min - 1, max + 1, -1, 100, 2 ** 31])
    if (!out.some((e) => e.value === v)) out.push(labeled(v, [range], `range:${v}`));
  // JSON Schema "integer": 2.5 is a number but not an integer → a type violation, not a range one.
  for (const v of [min + 0.5, max - 0.5, max + 0.5, min - 1e-9]) out.push(labeled(v, [type], `fraction:${v}`));
  for (const v of [String(min + 1), "", "high", `${max}.0`])
    out.push(labeled(v, [type], `string:${JSON.stringify(v)}`));
  out.push(
    labeled(null, [type], "null"),
    labeled(true, [type], "boolean"),
    labeled([min], [type], "array"),
    labeled({ level: min }, [type], "object"),
  );
  return out;
}

/** Catalogue ordered valid → range edges → fractions → strings → other JSON types; shrinks toward `min`. */
export function minimumMatchLevel(c: MinimumMatchLevelConstraints = {}): fc.Arbitrary<Labeled<unknown>> {
  return catalogue(entries(c.field ?? "minimumMatchLevel", c.min ?? 1, c.max ?? 5)).arbitrary;
}

export function minimumMatchLevelSize(c: MinimumMatchLevelConstraints = {}): (v: Labeled<unknown>) => number {
  return catalogue(entries(c.field ?? "minimumMatchLevel", c.min ?? 1, c.max ?? 5)).size;
}
