import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { booleanish, booleanishSize } from "./booleanish.ts";

describe("booleanish", () => {
  it("same seed, same values", () => assertSameValueGivenSameSeed(booleanish()));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(booleanish(), booleanishSize()));
  it("only real booleans are valid", () =>
    assertProducesValidDescriptions(booleanish("insert"), (v) =>
      expect(v.violations).toEqual(typeof v.value === "boolean" ? [] : ["wrong-type:insert"]),
    ));
  it("includes the loose spellings", () => {
    const values = fc.sample(booleanish(), { seed: 1, numRuns: 300 }).map((v) => v.value);
    for (const x of ["true", 1, "0", null, true, false]) expect(values).toContainEqual(x);
  });
});
