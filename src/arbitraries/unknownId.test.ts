import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { unknownId, unknownIdSize, type IdShape } from "./unknownId.ts";

const SHAPES: Record<IdShape, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  digits: /^\d{16}$/,
  hex: /^[0-9a-f]{16}$/,
  token: /^unk\d{13}$/,
};

describe("unknownId", () => {
  for (const shape of Object.keys(SHAPES) as IdShape[]) {
    it(`${shape}: same seed, same values`, () => assertSameValueGivenSameSeed(unknownId({ shape })));
    it(`${shape}: shrinks strictly smaller`, () => assertShrinksStrictlySmaller(unknownId({ shape }), unknownIdSize));
    it(`${shape}: well-formed and unknown-id`, () =>
      assertProducesValidDescriptions(unknownId({ shape }), (v) => {
        expect(v.value).toMatch(SHAPES[shape]);
        expect(v.violations).toEqual(["unknown-id"]);
      }));
  }
  it("distinct counters give distinct ids", () => {
    const values = fc.sample(unknownId(), { seed: 5, numRuns: 300 });
    const byLabel = new Map(values.map((v) => [v.label, v.value]));
    expect(new Set(byLabel.values()).size).toBe(byLabel.size);
  });
});
