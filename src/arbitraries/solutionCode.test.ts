import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProducesValidDescriptions, assertSameValueGivenSameSeed, assertShrinksStrictlySmaller } from "./_internals/assertions.ts";
import { solutionCode, solutionCodeSize } from "./solutionCode.ts";

describe("solutionCode", () => {
  it("same seed, same values", () => assertSameValueGivenSameSeed(solutionCode()));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(solutionCode(), solutionCodeSize));
  it("known codes are valid, everything else is out of range (or empty)", () =>
    assertProducesValidDescriptions(solutionCode({ known: ["101", "102"] }), (v) => {
      if (["101", "102"].includes(v.value)) expect(v.violations).toEqual([]);
      else if (v.value === "") expect(v.violations).toEqual(["empty:solutionCode"]);
      else expect(v.violations).toEqual(["out-of-range:solutionCode"]);
    }));
  it("yields known, unknown, malformed and empty codes", () => {
    const kinds = new Set(fc.sample(solutionCode(), { seed: 1, numRuns: 200 }).map((v) => v.label.split("#")[0]));
    expect([...kinds].sort()).toEqual(["empty", "known", "malformed", "unknown"]);
  });
});
