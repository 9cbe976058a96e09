import { describe, expect, it } from "vitest";
import { testNamePatternFor } from "./select.ts";

const matches = (id: string, fullName: string) => new RegExp(testNamePatternFor(id)).test(fullName);

describe("testNamePatternFor", () => {
  it("selects the declared case, flow or fuzz property of that operation only", () => {
    expect(matches("uqudo.faceMatch/level-5", "uqudo.faceMatch level-5")).toBe(true);
    expect(matches("uqudo.faceMatch/level-5", "uqudo.faceMatch level-50")).toBe(false);
    expect(matches("uqudo.faceMatch/level-5", "uqudo.faceSearch level-5")).toBe(false);
    expect(matches("uqudo.faceMatch/fuzz-params", "uqudo.faceMatch fuzz: params")).toBe(true);
    expect(matches("uqudo.faceMatch/fuzz-params", "uqudo.faceMatch fuzz: image")).toBe(false);
    expect(matches("uqudo.faceSearchDelete/delete-twice", "uqudo.faceSearchDelete flow: delete-twice")).toBe(true);
    expect(matches("advance.enroll/a.b", "advance.enroll aXb")).toBe(false);
  });

  it("a bare name matches that test in any operation", () => {
    expect(matches("level-5", "uqudo.faceMatch level-5")).toBe(true);
    expect(matches("level-5", "uqudo.faceMatch level-50")).toBe(false);
  });
});
