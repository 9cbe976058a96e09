import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inspectImage, renderImage, violationsFor, violationsFromFacts } from "../images/index.ts";
import { naturalBytesUpperBound } from "../images/oracle.ts";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { ADVANCE_FACE, UQUDO_FACE, ZOLOZ_FACE } from "./testing/limits.ts";
import { imageDescription, imageDescriptionSize } from "./imageDescription.ts";

const MB = 1024 * 1024;

describe("imageDescription", () => {
  for (const [name, limits] of [
    ["advance", ADVANCE_FACE],
    ["zoloz", ZOLOZ_FACE],
    ["uqudo", UQUDO_FACE],
  ] as const) {
    it(`${name}: same seed, same values`, () => assertSameValueGivenSameSeed(imageDescription(limits)));
    it(`${name}: shrinks strictly smaller`, () =>
      assertShrinksStrictlySmaller(imageDescription(limits), imageDescriptionSize(limits), { numRuns: 25 }));
    it(`${name}: labels agree with the oracle`, () =>
      assertProducesValidDescriptions(imageDescription(limits), (v) =>
        expect(v.violations).toEqual([...violationsFor(v.value, limits)].sort()),
      ));
  }

  it("concentrates on the field's documented edges", () => {
    const values = fc.sample(imageDescription(ADVANCE_FACE), { seed: 9, numRuns: 600 }).map((v) => v.value);
    const sides = new Set(values.flatMap((d) => [d.width, d.height]));
    for (const edge of [1, 255, 256, 257, 4095, 4096, 4097]) expect(sides, `side ${edge}`).toContain(edge);
    const bytes = new Set(values.map((d) => d.targetBytes));
    for (const edge of [2 * MB - 1, 2 * MB, 2 * MB + 1]) expect(bytes, `bytes ${edge}`).toContain(edge);
    const seen = (p: (d: (typeof values)[number]) => boolean): boolean => values.some(p);
    expect(seen((d) => d.format === "gif")).toBe(true);
    expect(seen((d) => d.declaredDimensions !== undefined)).toBe(true);
    expect(seen((d) => d.corruption === "truncated")).toBe(true);
    expect(seen((d) => d.exifOrientation === 6)).toBe(true);
    expect(seen((d) => d.colour === "cmyk")).toBe(true);
    expect(seen((d) => d.content === "uniform")).toBe(true);
    const labels = fc.sample(imageDescription(ADVANCE_FACE), { seed: 9, numRuns: 600 });
    expect(labels.some((v) => v.violations.length === 0)).toBe(true);
    expect(labels.some((v) => v.violations.includes("image-dimensions"))).toBe(true);
    expect(labels.some((v) => v.violations.includes("image-too-large"))).toBe(true);
  });

  it("a size only one reading of the unit allows is labeled inferred (no verdict); sizes both readings agree on are not", () => {
    const labels = fc
      .sample(imageDescription(ADVANCE_FACE), { seed: 9, numRuns: 600 })
      .filter((v) => v.value.targetBytes !== undefined && v.value.format === "jpeg");
    const at = (bytes: number) => labels.filter((v) => v.value.targetBytes === bytes);
    for (const bytes of [2_000_000, 2_000_001, 2 * MB - 1]) {
      expect(at(bytes).length, `bytes ${bytes}`).toBeGreaterThan(0);
      expect(
        at(bytes).every((v) => v.inferred),
        `bytes ${bytes}`,
      ).toBe(true);
    }
    for (const bytes of [1_999_999, 2 * MB, 2 * MB + 1])
      expect(
        at(bytes).every((v) => !v.inferred),
        `bytes ${bytes}`,
      ).toBe(true);
    expect(fc.sample(imageDescription(ZOLOZ_FACE), { seed: 9, numRuns: 200 }).every((v) => !v.inferred)).toBe(true);
  });

  it("predicted violations match real renders (sampled, sides ≤ 700 to stay fast)", async () => {
    for (const [limits, seed] of [
      [ADVANCE_FACE, 1],
      [ZOLOZ_FACE, 2],
      [UQUDO_FACE, 3],
    ] as const) {
      for (const v of fc.sample(imageDescription(limits, { maxSide: 700 }), { seed, numRuns: 14 })) {
        const bytes = await renderImage(v.value);
        if (v.value.targetBytes === undefined) expect(bytes.length).toBeLessThan(naturalBytesUpperBound(v.value));
        expect([...violationsFromFacts(await inspectImage(bytes), limits)].sort(), v.label).toEqual(v.violations);
      }
    }
  });
});
