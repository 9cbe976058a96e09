// ADVANCE `solutionCode` query parameter (string, e.g. "101"); an unknown code answers PARAMETER_ERROR
// "solutionCode is wrong." (out-of-range:solutionCode in the spec).
import fc from "fast-check";
import { labeled, type Labeled } from "./_internals/labeled.ts";

export interface SolutionCodeConstraints {
  field?: string;
  /** Codes the docs name: the spec's `x-known-values` (OperationInfo.knownValues.solutionCode.values). */
  known: string[];
}

const MALFORMED: readonly string[] = [" 101", "101 ", "1O1", "١٠١", "101,102", "-1", "1e2", "abc"];

/**
 * A known code ([]), an unknown numeric code or a malformed spelling (out-of-range:<field>, inferred: the docs
 * only say "solutionCode is wrong."), or "" (empty:<field>, inferred: a server may treat it as absent).
 */
export function solutionCode(c: SolutionCodeConstraints): fc.Arbitrary<Labeled<string>> {
  const field = c.field ?? "solutionCode";
  const known = c.known;
  if (known.length === 0) throw new Error("solutionCode: no known codes (x-known-values lists none)");
  const range = `out-of-range:${field}`;
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .integer({ min: 0, max: known.length - 1 })
        .map((i) => labeled(known[i] as string, [], `known#${i}`)),
    },
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 0, max: 99_999 })
        .filter((n) => !known.includes(String(n)))
        .map((n) => labeled(String(n), [range], `unknown#${n}`, true)),
    },
    {
      weight: 2,
      arbitrary: fc
        .integer({ min: 0, max: MALFORMED.length - 1 })
        .map((i) => labeled(MALFORMED[i] as string, [range], `malformed#${i}`, true)),
    },
    { weight: 1, arbitrary: fc.constant(labeled("", [`empty:${field}`], "empty#0", true)) },
  );
}

/** Index inside the value's category. */
export function solutionCodeSize(v: Labeled<string>): number {
  return Number(v.label.slice(v.label.indexOf("#") + 1));
}
