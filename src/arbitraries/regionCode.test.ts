import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { ISO3166_ALPHA3, ISO3166_ALPHA3_SET } from "../iso3166.ts";
import { regionCode, regionCodeSize } from "./regionCode.ts";

describe("regionCode", () => {
  it("same seed, same values", () => assertSameValueGivenSameSeed(regionCode()));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(regionCode(), regionCodeSize));
  it("valid exactly for assigned upper-case alpha-3 codes", () =>
    assertProducesValidDescriptions(regionCode(), (v) => {
      expect(v.violations.length === 0).toBe(ISO3166_ALPHA3_SET.has(v.value));
      if (v.value === "") expect(v.violations).toEqual(["empty:region", "region-invalid"]);
    }));
  it("embeds the 249 assigned codes, sorted and unique", () => {
    expect(ISO3166_ALPHA3).toHaveLength(249);
    expect([...ISO3166_ALPHA3].sort()).toEqual(ISO3166_ALPHA3);
    for (const c of ["PHL", "SGP", "IDN", "SSD", "XKX"]) expect(ISO3166_ALPHA3_SET.has(c), c).toBe(c !== "XKX");
  });
  it("yields every category", () => {
    const cats = new Set(fc.sample(regionCode(), { seed: 2, numRuns: 300 }).map((v) => v.label.split(":")[0]));
    expect([...cats].sort()).toEqual(["alpha-2", "empty", "lower-case", "numeric", "unassigned", "valid"]);
  });
});
