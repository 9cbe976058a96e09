import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { minimumMatchLevel, minimumMatchLevelSize } from "./minimumMatchLevel.ts";

describe("minimumMatchLevel", () => {
  it("same seed, same values", () => assertSameValueGivenSameSeed(minimumMatchLevel()));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(minimumMatchLevel(), minimumMatchLevelSize()));
  it("integers in 1..5 are valid, other integers out of range, everything else the wrong type", () =>
    assertProducesValidDescriptions(minimumMatchLevel(), (v) => {
      const x = v.value;
      const expected =
        typeof x !== "number" || !Number.isInteger(x)
          ? ["wrong-type:minimumMatchLevel"]
          : x < 1 || x > 5
            ? ["out-of-range:minimumMatchLevel"]
            : [];
      expect(v.violations).toEqual(expected);
    }));
  it("hits 0, 1, 5, 6, a fraction, a string and null", () => {
    const values = fc.sample(minimumMatchLevel(), { seed: 1, numRuns: 400 }).map((v) => v.value);
    for (const x of [0, 1, 5, 6, 1.5, "2", null]) expect(values).toContainEqual(x);
  });
});
