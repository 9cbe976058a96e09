import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeStrictBase64 } from "../images/index.ts";
import {
  assertProducesValidDescriptions,
  assertSameValueGivenSameSeed,
  assertShrinksStrictlySmaller,
} from "./testing/assertions.ts";
import { base64Transport, base64TransportSize, TRANSPORT_PROBE_BYTES } from "./base64Transport.ts";

describe("base64Transport", () => {
  it("same seed, same values", () => assertSameValueGivenSameSeed(base64Transport()));
  it("shrinks strictly smaller", () => assertShrinksStrictlySmaller(base64Transport(), base64TransportSize));
  it("valid exactly when a strict Base64 decoder gets the bytes back", () =>
    assertProducesValidDescriptions(base64Transport(), (v) => {
      const decoded = decodeStrictBase64(v.value.encoded);
      expect(v.violations).toEqual(decoded ? [] : ["image-undecodable"]);
      if (decoded) expect(decoded).toEqual(TRANSPORT_PROBE_BYTES);
      expect(v.inferred).toBe(decoded === null);
    }));
  it("covers every transport, and the probe makes every non-standard one invalid", () => {
    const all = fc.sample(base64Transport(), { seed: 1, numRuns: 200 });
    const by = new Map(all.map((v) => [v.value.transport, v.violations]));
    expect(Object.fromEntries(by)).toEqual({
      base64: [],
      "base64-unpadded": [],
      "base64-mime": ["image-undecodable"],
      base64url: ["image-undecodable"],
      "data-uri": ["image-undecodable"],
    });
  });
});
