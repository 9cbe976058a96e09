// Non-image parameters around their documented rules, per operation, with the violations each value carries.
// `judged: false` marks a value the docs say nothing about: the response is held to the contract only.
import fc from "fast-check";
import type { OperationInfo } from "../spec/types.ts";
import type { CaseInput } from "../suite/types.ts";
import { ISO3166_ALPHA3 } from "../sandbox/iso3166.ts";

const ISO_ALPHA3 = [...ISO3166_ALPHA3].sort();

export interface ParameterEdgeCase {
  input: CaseInput;
  violations: string[];
  label: string;
}

type Edge = { value: unknown; violations: string[]; label: string } | { omit: true; violations: string[]; label: string };

const lengthEdges = (field: string, max: number, filler: string): fc.Arbitrary<Edge> =>
  fc.integer({ min: 0, max: max + 8 }).map((n) => ({
    value: filler.repeat(n),
    violations: n === 0 ? [`empty:${field}`] : n > max ? [`too-long:${field}`] : [],
    label: `${field} of ${n} characters (max ${max})`,
  }));

const typeConfusion = (field: string): fc.Arbitrary<Edge> =>
  fc.constantFrom<unknown>(12345, true, null, ["x"], { v: 1 }).map((value) => ({ value, violations: [value === null ? `missing:${field}` : `wrong-type:${field}`], label: `${field} as ${JSON.stringify(value)}` }));

const omitted = (field: string): fc.Arbitrary<Edge> => fc.constant({ omit: true as const, violations: [`missing:${field}`], label: `${field} omitted` });

const region: fc.Arbitrary<Edge> = fc.oneof(
  fc.constantFrom(...ISO_ALPHA3.slice(0, 40)).map((value) => ({ value, violations: [], label: `region ${value}` })),
  fc.constantFrom("PH", "SG", "phl", "Sgp", "ZZZ", "XXA", "PHLX", " PHL").map((value) => ({ value, violations: ["region-invalid"], label: `region ${JSON.stringify(value)}` })),
);

const matchLevel: fc.Arbitrary<Edge> = fc.oneof(
  fc.integer({ min: 0, max: 6 }).map((value) => ({ value, violations: value >= 1 && value <= 5 ? [] : ["out-of-range:minimumMatchLevel"], label: `minimumMatchLevel ${value}` })),
  fc.constantFrom<unknown>(2.5, "3", true).map((value) => ({ value, violations: ["wrong-type:minimumMatchLevel"], label: `minimumMatchLevel ${JSON.stringify(value)}` })),
);

const insertFlag: fc.Arbitrary<Edge> = fc.constantFrom<unknown>(false, true, "true", 1, "yes").map((value) => ({ value, violations: typeof value === "boolean" ? [] : ["wrong-type:insert"], label: `insert ${JSON.stringify(value)}` }));

const FIELDS: Record<string, Record<string, fc.Arbitrary<Edge>>> = {
  "advance.enroll": { region, userId: fc.oneof(typeConfusion("userId"), omitted("userId")) },
  "zoloz.connectEnroll": { bizId: fc.oneof(lengthEdges("bizId", 32, "b"), omitted("bizId")), userId: fc.oneof(lengthEdges("userId", 64, "u"), typeConfusion("userId")) },
  "uqudo.faceMatch": { minimumMatchLevel: matchLevel },
  "uqudo.faceSearch": { insert: insertFlag },
};

/** One field edge at a time: a single violation per case keeps the oracle exact. */
export function parameterEdgeCases(operation: OperationInfo): fc.Arbitrary<ParameterEdgeCase> | undefined {
  const fields = FIELDS[operation.id];
  if (!fields) return undefined;
  return fc.oneof(
    ...Object.entries(fields).map(([field, arbitrary]) =>
      arbitrary.map((edge): ParameterEdgeCase => ({
        input: "omit" in edge ? { omit: [field] } : { set: { [field]: edge.value } },
        violations: edge.violations,
        label: edge.label,
      })),
    ),
  );
}
