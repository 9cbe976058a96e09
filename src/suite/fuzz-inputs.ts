// Which generated inputs each operation is fuzzed with, and the violations each input carries (the oracle).
import fc from "fast-check";
import { imageEdgeCase } from "../arbitraries/imageEdgeCase.ts";
import { parameterEdgeCases } from "../arbitraries/parameterEdgeCase.ts";
import type { OperationInfo } from "../spec/types.ts";
import type { CaseInput } from "./types.ts";

export interface FuzzInput {
  input: CaseInput;
  violations: string[];
  label: string;
  /** A description of the input without any payload: what a report shows and what names its fixture. */
  describe: Record<string, unknown>;
}

export function fuzzInputs(operation: OperationInfo, family: "image" | "params"): fc.Arbitrary<FuzzInput> | undefined {
  if (family === "image") {
    const field = operation.imageFields[0];
    if (!field) return undefined;
    return imageEdgeCase(field.limits).map((edge) => ({
      input: { set: { [field.field]: { $image: edge.description, transport: edge.transport } } },
      violations: edge.violations,
      label: `${field.field}: ${edge.label}`,
      describe: { field: field.field, description: edge.description, transport: edge.transport },
    }));
  }
  const params = parameterEdgeCases(operation);
  if (!params) return undefined;
  return params.map((edge) => ({
    input: edge.input,
    violations: edge.violations,
    label: edge.label,
    describe: { input: edge.input },
  }));
}
