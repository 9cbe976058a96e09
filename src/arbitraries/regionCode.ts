// Region codes for fields documented as ISO 3166-1 alpha-3 (ADVANCE `region`, pattern ^[A-Z]{3}$).
import fc from "fast-check";
import { ISO3166_ALPHA3, ISO3166_ALPHA3_SET } from "../iso3166.ts";
import { labeled, type Labeled } from "./_internals/labeled.ts";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Upper-case three-letter strings that are not assigned codes (includes user-assigned XAA–XZZ etc.). */
const UNASSIGNED: readonly string[] = (() => {
  const out: string[] = [];
  for (const a of LETTERS)
    for (const b of LETTERS) for (const c of LETTERS) if (!ISO3166_ALPHA3_SET.has(a + b + c)) out.push(a + b + c);
  return out;
})();

/** Distinct two-letter prefixes of assigned codes: alpha-2-shaped values (many are real alpha-2 codes). */
const TWO_LETTER: readonly string[] = [...new Set(ISO3166_ALPHA3.map((c) => c.slice(0, 2)))];

const CATEGORIES = ["valid", "lower-case", "alpha-2", "unassigned", "numeric", "empty"] as const;
type Category = (typeof CATEGORIES)[number];

/**
 * One of: a valid alpha-3 code ([]), its lower-case spelling, a two-letter (alpha-2 style) code, an unassigned
 * three-letter code, an ISO numeric-style code — all region-invalid — or "" (empty:<field> and region-invalid).
 * Lower case is inferred: the docs say alpha-3, the spec's pattern says upper case.
 */
export function regionCode(field = "region"): fc.Arbitrary<Labeled<string>> {
  const code = fc.integer({ min: 0, max: ISO3166_ALPHA3.length - 1 }).map((i) => ISO3166_ALPHA3[i] as string);
  const cat = (
    category: Category,
    arb: fc.Arbitrary<string>,
    violations: string[],
    inferred = false,
  ): fc.Arbitrary<Labeled<string>> => arb.map((v) => labeled(v, violations, `${category}:${v}`, inferred));
  return fc.oneof(
    { weight: 4, arbitrary: cat("valid", code, []) },
    {
      weight: 1,
      arbitrary: cat(
        "lower-case",
        code.map((c) => c.toLowerCase()),
        ["region-invalid"],
        true,
      ),
    },
    {
      weight: 1,
      arbitrary: cat(
        "alpha-2",
        fc.integer({ min: 0, max: TWO_LETTER.length - 1 }).map((i) => TWO_LETTER[i] as string),
        ["region-invalid"],
      ),
    },
    {
      weight: 1,
      arbitrary: cat(
        "unassigned",
        fc.integer({ min: 0, max: UNASSIGNED.length - 1 }).map((i) => UNASSIGNED[i] as string),
        ["region-invalid"],
      ),
    },
    {
      weight: 1,
      arbitrary: cat(
        "numeric",
        fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, "0")),
        ["region-invalid"],
      ),
    },
    { weight: 1, arbitrary: cat("empty", fc.constant(""), [`empty:${field}`, "region-invalid"], true) },
  );
}

/** Rank inside the value's category (categories never change while shrinking). */
export function regionCodeSize(v: Labeled<string>): number {
  const category = v.label.slice(0, v.label.indexOf(":")) as Category;
  const s = v.value;
  switch (category) {
    case "valid":
      return ISO3166_ALPHA3.indexOf(s);
    case "lower-case":
      return ISO3166_ALPHA3.indexOf(s.toUpperCase());
    case "alpha-2":
      return TWO_LETTER.indexOf(s);
    case "unassigned":
      return UNASSIGNED.indexOf(s);
    case "numeric":
      return Number(s);
    case "empty":
      return 0;
  }
}
