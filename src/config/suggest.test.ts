import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "./suggest.ts";

describe("did you mean", () => {
  it("suggests the nearest name for a typo", () => {
    expect(closest("advnce", ["advance", "zoloz", "uqudo"])).toBe("advance");
    expect(didYouMean("uqudo.faceMach", ["uqudo.faceMatch", "uqudo.faceSearch"])).toBe(" (did you mean uqudo.faceMatch?)");
  });
  it("suggests nothing for a name unlike any known one", () => {
    expect(closest("acme", ["advance", "zoloz", "uqudo"])).toBeUndefined();
    expect(didYouMean("acme", ["advance"])).toBe("");
  });
});
