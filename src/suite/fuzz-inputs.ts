// Which arbitraries each operation is fuzzed with, composed into case inputs that carry their violations (the oracle).
import fc from "fast-check";
import {
  base64Transport,
  booleanish,
  imageDescription,
  jsonTypeConfusion,
  minimumMatchLevel,
  regionCode,
  stringAtLimit,
  type Labeled,
} from "../arbitraries/index.ts";
import type { FieldLimits, OperationInfo } from "../openapi/types.ts";
import type { CaseInput } from "./types.ts";

export interface FuzzInput {
  input: CaseInput;
  violations: string[];
  /** The violations are the kit's reading where the docs are silent: held to the contract only. */
  inferred: boolean;
  label: string;
  /** The input without any payload: what a report shows and what names its fixture. */
  describe: Record<string, unknown>;
}

type Edges = (field: string, limits: FieldLimits) => fc.Arbitrary<Labeled<unknown>>;

/** A limit the arbitrary needs, read from the field's schema; a spec without it is named, not guessed. */
function limit(field: string, limits: FieldLimits, name: "maxLength" | "minimum" | "maximum"): number {
  const value = limits[name];
  if (value === undefined)
    throw new Error(
      `fuzzing ${field} needs its ${name} in the request schema: add ${name} to the property in the spec`,
    );
  return value;
}

/** Non-image parameters fuzzed per operation, one field per case so the oracle stays exact; limits from the spec. */
const PARAMETERS: Record<string, Record<string, Edges>> = {
  "advance.enroll": {
    region: (field) => regionCode(field),
    userId: (field) => jsonTypeConfusion({ field, expected: "string" }),
  },
  "zoloz.connectEnroll": {
    bizId: (field, limits) => stringAtLimit({ field, maxLength: limit(field, limits, "maxLength") }),
    userId: (field, limits) => stringAtLimit({ field, maxLength: limit(field, limits, "maxLength") }),
  },
  "uqudo.faceMatch": {
    minimumMatchLevel: (field, limits) =>
      minimumMatchLevel({ field, min: limit(field, limits, "minimum"), max: limit(field, limits, "maximum") }),
  },
  "uqudo.faceSearch": { insert: (field) => booleanish(field) },
};

function imageInputs(operation: OperationInfo): fc.Arbitrary<FuzzInput> | undefined {
  const field = operation.imageFields[0];
  if (!field) return undefined;
  const multipart = field.limits.transports.includes("multipart");
  const transport = multipart ? fc.constant(undefined) : base64Transport();
  return fc.tuple(imageDescription(field.limits), transport).map(([image, encoding]) => {
    const violations = [...new Set([...image.violations, ...(encoding?.violations ?? [])])].sort();
    const via = encoding?.value.transport ?? "multipart";
    return {
      input: { set: { [field.field]: { $image: image.value, transport: via } } },
      violations,
      inferred: image.inferred || (encoding?.inferred ?? false),
      label: `${field.field}: ${image.label}, ${via}`,
      describe: { field: field.field, image: image.value, transport: via },
    };
  });
}

function parameterInputs(operation: OperationInfo): fc.Arbitrary<FuzzInput> | undefined {
  const fields = PARAMETERS[operation.id];
  if (!fields) return undefined;
  return fc.oneof(
    ...Object.entries(fields).map(([field, edges]) =>
      edges(field, operation.limits.request[field] ?? {}).map((edge): FuzzInput => ({
        input: { set: { [field]: edge.value } },
        violations: edge.violations,
        inferred: edge.inferred,
        label: `${field}: ${edge.label}`,
        describe: { field, value: edge.value },
      })),
    ),
  );
}

export function fuzzInputs(operation: OperationInfo, family: "image" | "params"): fc.Arbitrary<FuzzInput> | undefined {
  return family === "image" ? imageInputs(operation) : parameterInputs(operation);
}
