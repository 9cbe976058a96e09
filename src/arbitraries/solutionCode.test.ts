import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { loadSpecs } from "../openapi/index.ts";
import { solutionCode, solutionCodeSize } from "./solutionCode.ts";

// The documented codes come from the spec (x-known-values on the get-latest-session-result parameter).
const documented = {
  known: loadSpecs().operation("advance.getLatestSessionResult").knownValues["solutionCode"]!.values,
};

describe("solutionCode", () => {
  it("reads the spec's documented codes", () => expect(documented.known).toEqual(["101"]));
  it("same seed, same values", () => assertSameValueGivenSameSeed(solutionCode(documented)));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(solutionCode(documented), solutionCodeSize));
  it("known codes are valid, everything else is out of range (or empty)", () =>
    assertProducesValidDescriptions(solutionCode({ known: ["101", "102"] }), (v) => {
      if (["101", "102"].includes(v.value)) expect(v.violations).toEqual([]);
      else if (v.value === "") expect(v.violations).toEqual(["empty:solutionCode"]);
      else expect(v.violations).toEqual(["out-of-range:solutionCode"]);
    }));
  it("yields known, unknown, malformed and empty codes", () => {
    const kinds = new Set(
      fc.sample(solutionCode(documented), { seed: 1, numRuns: 200 }).map((v) => v.label.split("#")[0]),
    );
    expect([...kinds].sort()).toEqual(["empty", "known", "malformed", "unknown"]);
  });
});
