import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { measure, stringAtLimit, stringAtLimitSize, type LengthUnit } from "./stringAtLimit.ts";

describe("stringAtLimit", () => {
  const arb = (unit?: LengthUnit) => stringAtLimit({ field: "requestId", maxLength: 64, ...(unit ? { unit } : {}) });
  it("same seed, same values", () => assertSameValueGivenSameSeed(arb()));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(arb(), stringAtLimitSize));
  for (const unit of ["codepoints", "utf16", "utf8"] as const) {
    it(`too-long / empty agree with a ${unit} count`, () =>
      assertProducesValidDescriptions(arb(unit), (v) => {
        expect(v.violations.includes("too-long:requestId")).toBe(measure(v.value, unit) > 64);
        expect(v.violations.includes("empty:requestId")).toBe(v.value === "");
      }));
  }
  it("reaches the limit exactly and just beyond it, in several alphabets", () => {
    const values = fc.sample(arb(), { seed: 4, numRuns: 800 });
    const labels = new Set(values.map((v) => v.label));
    for (const l of ["ascii×64", "ascii×65", "astral×64", "combining×65", "control×64", "whitespace×64", "empty×0"])
      expect(labels, l).toContain(l);
    const astral = values.find((v) => v.label === "astral×64")!;
    expect(astral.violations).toEqual([]);
    expect(astral.inferred).toBe(true); // 64 characters, but 128 UTF-16 units and 256 bytes
    expect(fc.sample(arb("utf8"), { seed: 4, numRuns: 800 }).find((v) => v.label === "astral×64")!.violations).toEqual([
      "too-long:requestId",
    ]);
    expect(values.find((v) => v.label === "latin×32")?.inferred).toBe(false); // 32 chars, 64 bytes: fine in every unit
  });
});
