// Which arbitraries each operation is fuzzed with, composed into case inputs that carry their violations (the oracle).
import fc from "fast-check";
import { base64Transport, booleanish, imageDescription, jsonTypeConfusion, minimumMatchLevel, regionCode, stringAtLimit, type Labeled } from "../arbitraries/index.ts";
import type { OperationInfo } from "../spec/types.ts";
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

/** Non-image parameters fuzzed per operation: one field per case keeps the oracle exact. */
const PARAMETERS: Record<string, Record<string, fc.Arbitrary<Labeled<unknown>>>> = {
  "advance.enroll": { region: regionCode("region"), userId: jsonTypeConfusion({ field: "userId", expected: "string" }) },
  "zoloz.connectEnroll": { bizId: stringAtLimit({ field: "bizId", maxLength: 32 }), userId: stringAtLimit({ field: "userId", maxLength: 64 }) },
  "uqudo.faceMatch": { minimumMatchLevel: minimumMatchLevel({ field: "minimumMatchLevel", min: 1, max: 5 }) },
  "uqudo.faceSearch": { insert: booleanish("insert") },
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
    ...Object.entries(fields).map(([field, arbitrary]) =>
      arbitrary.map((edge): FuzzInput => ({
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
