// Shared assertions every arbitrary is held to, in the spirit of fast-check's own ArbitraryAssertions, but on the
// public API only (fc.sample / fc.check), so they survive fast-check upgrades.
import fc from "fast-check";
import type { Labeled } from "../_internals/labeled.ts";

/** Same seed → same values, so a failing run can be replayed from its seed. */
export function assertSameValueGivenSameSeed<T>(
  arb: fc.Arbitrary<T>,
  options: { seeds?: number[]; numRuns?: number } = {},
): void {
  for (const seed of options.seeds ?? [1, 42, 0x5eed]) {
    const a = fc.sample(arb, { seed, numRuns: options.numRuns ?? 50 });
    const b = fc.sample(arb, { seed, numRuns: options.numRuns ?? 50 });
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`seed ${seed}: two samples differ`);
  }
}

/**
 * Every shrink candidate is strictly smaller than the value it shrinks, by `size`.
 * How: a property that fails only on its first call makes fast-check try every direct shrink of that first value
 * (all pass, so it exhausts them); a property that always fails records the whole shrink path.
 */
export function assertShrinksStrictlySmaller<T>(
  arb: fc.Arbitrary<T>,
  size: (v: T) => number,
  options: { numRuns?: number; seed?: number; maxCandidates?: number } = {},
): void {
  const runs = options.numRuns ?? 40;
  const seed = options.seed ?? 7;
  const show = (v: T): string => fc.stringify(v).slice(0, 200);
  for (let i = 0; i < runs; i++) {
    const seen: T[] = [];
    fc.check(
      fc.property(arb, (v) => {
        seen.push(v);
        return seen.length > 1;
      }),
      { seed: seed + i, numRuns: 1 },
    );
    const [original, ...candidates] = seen;
    if (original === undefined) throw new Error("no value generated");
    for (const c of candidates.slice(0, options.maxCandidates ?? 500)) {
      if (!(size(c) < size(original)))
        throw new Error(
          `shrink not smaller: ${show(c)} (size ${size(c)}) from ${show(original)} (size ${size(original)})`,
        );
    }
    const path: T[] = [];
    fc.check(
      fc.property(arb, (v) => {
        path.push(v);
        return false;
      }),
      { seed: seed + i, numRuns: 1 },
    );
    for (let k = 1; k < path.length; k++) {
      const prev = path[k - 1] as T;
      const next = path[k] as T;
      if (!(size(next) < size(prev)))
        throw new Error(`shrink path not decreasing at step ${k}: ${show(next)} after ${show(prev)}`);
    }
  }
}

/** The violation vocabulary of docs/spec-conventions.md. */
export const VIOLATION_PATTERN =
  /^(?:(?:missing|empty|too-long|wrong-type|out-of-range):[A-Za-z0-9_.\-]+|image-(?:too-large|dimensions|format|undecodable|empty|no-face|unreachable)|region-invalid|unknown-id|malformed-body|wrong-content-type|auth-(?:missing|invalid|expired))$/;

/**
 * Every value carries a well-formed description: a label, sorted unique violations from the vocabulary, and
 * whatever arbitrary-specific agreement `check` asserts (e.g. recomputing the oracle from the value).
 */
export function assertProducesValidDescriptions<T>(
  arb: fc.Arbitrary<Labeled<T>>,
  check: (v: Labeled<T>) => void = () => {},
  options: { numRuns?: number; seed?: number } = {},
): void {
  for (const v of fc.sample(arb, { seed: options.seed ?? 3, numRuns: options.numRuns ?? 200 })) {
    if (typeof v.label !== "string" || v.label.length === 0)
      throw new Error(`missing label on ${fc.stringify(v.value)}`);
    if (typeof v.inferred !== "boolean") throw new Error(`inferred must be boolean on ${v.label}`);
    const sorted = [...new Set(v.violations)].sort();
    if (JSON.stringify(sorted) !== JSON.stringify(v.violations))
      throw new Error(`violations not sorted/unique on ${v.label}`);
    for (const violation of v.violations)
      if (!VIOLATION_PATTERN.test(violation)) throw new Error(`"${violation}" is not in the vocabulary (${v.label})`);
    check(v);
  }
}
