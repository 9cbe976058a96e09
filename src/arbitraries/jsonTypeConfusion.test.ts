import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { jsonTypeConfusion, jsonTypeConfusionSize, matchesType, type JsonType } from "./jsonTypeConfusion.ts";

describe("jsonTypeConfusion", () => {
  const types: JsonType[] = ["string", "integer", "number", "boolean", "object", "array"];
  for (const expected of types) {
    const c = { field: "userId", expected };
    it(`${expected}: same seed, same values`, () => assertSameValueGivenSameSeed(jsonTypeConfusion(c)));
    it(`${expected}: shrinks strictly smaller`, () =>
      assertShrinksStrictlySmaller(jsonTypeConfusion(c), jsonTypeConfusionSize(c)));
    it(`${expected}: never yields a value of the expected type`, () =>
      assertProducesValidDescriptions(jsonTypeConfusion(c), (v) => {
        expect(matchesType(v.value, expected)).toBe(false);
        expect(v.violations).toEqual(["wrong-type:userId"]);
      }));
  }
  it("nullable fields do not get null", () => {
    const values = fc.sample(jsonTypeConfusion({ field: "x", expected: "string", nullable: true }), {
      seed: 1,
      numRuns: 300,
    });
    expect(values.some((v) => v.value === null)).toBe(false);
  });
  it("an integer field gets fractions, a number field does not", () => {
    const asInt = fc
      .sample(jsonTypeConfusion({ field: "x", expected: "integer" }), { seed: 1, numRuns: 300 })
      .map((v) => v.value);
    const asNum = fc
      .sample(jsonTypeConfusion({ field: "x", expected: "number" }), { seed: 1, numRuns: 300 })
      .map((v) => v.value);
    expect(asInt).toContain(1.5);
    expect(asNum).not.toContain(1.5);
  });
});
