import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "./handler-context.ts";

// The sandbox's strict reading of "Base64" as first written: white space dropped, standard alphabet, padding only
// where it belongs; the faster version must answer the same for every string.
function reference(text: string): Buffer | undefined {
  const t = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  const unpadded = t.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return undefined;
  if (t.length !== unpadded.length && t.length % 4 !== 0) return undefined;
  return Buffer.from(unpadded, "base64");
}

describe("decodeBase64", () => {
  it("accepts and rejects exactly what the reference reading does", () => {
    const spelling = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64").replace(/=+$/, "")),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64url")),
      fc.stringMatching(/^[A-Za-z0-9+/= \r\n_-]{0,30}$/),
    );
    fc.assert(
      fc.property(spelling, (text) => {
        expect(decodeBase64(text)).toEqual(reference(text));
      }),
      { numRuns: 3000, seed: 7 },
    );
    for (const text of ["", "=", "==", "A===", "AA==", "AAA=", "AA=A", "AAAA\r\nAAAA", "AAAAA", "AB=="])
      expect(decodeBase64(text), text).toEqual(reference(text));
  });
});
