import { describe, expect, it } from "vitest";
import { checkBaselineNames } from "./names.ts";
import type { Baseline } from "./types.ts";

const OPERATIONS = ["uqudo.faceMatch", "uqudo.faceSearch", "advance.enroll"];
const CHECKS = ["response_schema_conformance", "status_code_conformance"];
const baseline = (operation: string, check: string): Baseline => ({
  source: "accepted.yaml",
  entries: [{ operation, check, match: {}, reason: "r" }],
});

describe("baseline names", () => {
  it("accepts entries naming a known operation and check", () => {
    expect(() =>
      checkBaselineNames(baseline("uqudo.faceMatch", "response_schema_conformance"), OPERATIONS, CHECKS),
    ).not.toThrow();
  });
  it("refuses a misspelt operation, suggesting the one it meant", () => {
    expect(() =>
      checkBaselineNames(baseline("uqudo.faceMach", "response_schema_conformance"), OPERATIONS, CHECKS),
    ).toThrow(
      'accepted.yaml: entries[0].operation "uqudo.faceMach" is not an operation of the specs (did you mean uqudo.faceMatch?)',
    );
  });
  it("refuses a misspelt check, suggesting the one it meant", () => {
    expect(() =>
      checkBaselineNames(baseline("advance.enroll", "response_schema_conformence"), OPERATIONS, CHECKS),
    ).toThrow(
      /entries\[0\]\.check "response_schema_conformence" is not a check of the kit \(did you mean response_schema_conformance\?\)/,
    );
  });
});
