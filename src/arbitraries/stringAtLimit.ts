// Strings at and beyond a documented maxLength, in every alphabet that makes "length" ambiguous: code points
// (JSON Schema), UTF-16 code units (JavaScript, Java) and UTF-8 bytes (databases, byte-limited buffers).
import fc from "fast-check";
import { labeled, type Labeled } from "./_internals/labeled.ts";

export type LengthUnit = "codepoints" | "utf16" | "utf8";

export interface StringAtLimitConstraints {
  field: string;
  maxLength: number;
  /** How the documented limit counts (default codepoints, JSON Schema's reading). */
  unit?: LengthUnit;
  /** Whether "" is acceptable (default false: "" → empty:<field>). */
  allowEmpty?: boolean;
}

interface CharClass {
  name: string;
  /** Code points to cycle through. */
  units: string[];
}

/** Simplest first; each string is made of exactly n code points of one class. */
const CLASSES: readonly CharClass[] = [
  { name: "ascii", units: ["a", "b", "c"] },
  { name: "whitespace", units: [" ", "\t", "\u00a0"] },
  { name: "latin", units: ["é", "ß", "ñ"] }, // 2 UTF-8 bytes
  { name: "cjk", units: ["中", "文", "字"] }, // 3 UTF-8 bytes
  { name: "astral", units: ["😀", "𝔸", "🇵"] }, // 4 UTF-8 bytes, 2 UTF-16 units
  { name: "combining", units: ["e", "\u0301"] }, // base + combining acute: 2 code points per visible character
  { name: "control", units: ["\u0000", "\u0007", "\u001b"] },
];

export function measure(s: string, unit: LengthUnit): number {
  if (unit === "utf16") return s.length;
  if (unit === "utf8") return Buffer.byteLength(s, "utf8");
  return [...s].length;
}

function lengths(max: number): number[] {
  const set = new Set([
    0,
    1,
    Math.floor(max / 4),
    Math.floor(max / 3),
    Math.floor(max / 2),
    Math.floor(max / 2) + 1,
    max - 1,
    max,
    max + 1,
    2 * max,
  ]);
  return [...set].filter((n) => n >= 0).sort((a, b) => a - b);
}

/**
 * "", or strings of n code points of one character class, n from [1, max/4, max/3, max/2, max/2+1, max-1, max, max+1,
 * 2·max]. Violations: too-long:<field> when longer than maxLength in `unit`, empty:<field> for "". `inferred` is
 * true when the verdict depends on the unit (e.g. max astral code points: fine as characters, too long as bytes).
 */
export function stringAtLimit(c: StringAtLimitConstraints): fc.Arbitrary<Labeled<string>> {
  const unit = c.unit ?? "codepoints";
  // "" is its own branch: at length 0 every class would give the same value, which is not a strict shrink.
  const ls = lengths(c.maxLength).filter((n) => n > 0);
  const verdict = (s: string, label: string) => {
    const over = (u: LengthUnit): boolean => measure(s, u) > c.maxLength;
    const violations: string[] = [];
    if (over(unit)) violations.push(`too-long:${c.field}`);
    if (s === "" && !c.allowEmpty) violations.push(`empty:${c.field}`);
    const ambiguous = new Set((["codepoints", "utf16", "utf8"] as const).map(over)).size > 1;
    return labeled(s, violations, label, ambiguous);
  };
  const nonEmpty = fc
    // tuple, not record: fast-check 4's record shrinker also offers the unchanged value.
    .tuple(fc.integer({ min: 0, max: ls.length - 1 }), fc.integer({ min: 0, max: CLASSES.length - 1 }))
    .map(([li, ci]) => {
      const n = ls[li] ?? 1;
      const cls = CLASSES[ci] as CharClass;
      let s = "";
      for (let k = 0; k < n; k++) s += cls.units[k % cls.units.length];
      return verdict(s, `${cls.name}×${n}`);
    });
  return fc.oneof({ weight: 1, arbitrary: fc.constant(verdict("", "empty×0")) }, { weight: 9, arbitrary: nonEmpty });
}

/** Code points first, then class rank (both shrink toward 0). */
export function stringAtLimitSize(v: Labeled<string>): number {
  const n = [...v.value].length;
  const cls = n === 0 ? 0 : CLASSES.findIndex((c) => c.units.includes([...v.value][0] ?? ""));
  return n * CLASSES.length + Math.max(0, cls);
}
