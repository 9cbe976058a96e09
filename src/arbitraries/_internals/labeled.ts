// What every arbitrary in src/arbitraries yields: a value plus the documented violations it carries, so a
// property can look up the rejection the docs promise (x-rejections) instead of re-deriving it.
import fc from "fast-check";

export interface Labeled<T> {
  value: T;
  /** Violation vocabulary of docs/spec-conventions.md, sorted, unique; empty for a valid value. */
  violations: string[];
  /** Short human description, e.g. "astral×64". Unique within a catalogue. */
  label: string;
  /** True when the violations are our reading rather than the docs' words. */
  inferred: boolean;
}

export function labeled<T>(value: T, violations: string[], label: string, inferred = false): Labeled<T> {
  return { value, violations: [...new Set(violations)].sort(), label, inferred };
}

/**
 * A finite catalogue ordered simplest first, drawn by index so fast-check shrinks toward entry 0.
 * Returns the arbitrary and its size function (the index) for assertShrinksStrictlySmaller.
 */
export function catalogue<T>(entries: readonly Labeled<T>[]): {
  arbitrary: fc.Arbitrary<Labeled<T>>;
  size: (v: Labeled<T>) => number;
} {
  if (entries.length === 0) throw new Error("empty catalogue");
  const rank = new Map(entries.map((e, i) => [e.label, i]));
  if (rank.size !== entries.length) throw new Error("catalogue labels must be unique");
  return {
    arbitrary: fc.integer({ min: 0, max: entries.length - 1 }).map((i) => entries[i] as Labeled<T>),
    size: (v) => rank.get(v.label) ?? Number.POSITIVE_INFINITY,
  };
}
