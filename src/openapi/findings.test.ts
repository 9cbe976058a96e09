import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { short } from "./findings.ts";

// What `short` answered before it stopped serialising at 80 characters: the whole JSON, then cut.
function reference(v: unknown): string {
  if (v === undefined) return "undefined";
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

describe("short", () => {
  it("gives what serialising the whole value and cutting it gave, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(short(v)).toBe(reference(v));
      }),
      { numRuns: 2000, seed: 14 },
    );
  });

  it("cuts long strings, escapes, keys and holes exactly as JSON.stringify", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    for (const v of [
      'é\u2028"quoted"'.repeat(30),
      "\ud83d\ude00".repeat(60),
      { a: undefined, b: () => 1, 'k"ey': [undefined, 1, null] },
      Array.from({ length: 200 }, (_, i) => ({ i })),
      { big: "x".repeat(10_000_000) },
      new Date(0),
      cyclic,
      10n,
      Number.NaN,
    ])
      expect(short(v)).toBe(reference(v));
  });
});
