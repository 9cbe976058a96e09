import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "./suggest.ts";

describe("did you mean", () => {
  it("suggests the nearest name for a typo", () => {
    expect(closest("advnce", ["advance", "zoloz", "uqudo"])).toBe("advance");
    expect(didYouMean("uqudo.faceMach", ["uqudo.faceMatch", "uqudo.faceSearch"])).toBe(
      " (did you mean uqudo.faceMatch?)",
    );
  });
  it("suggests nothing for a name unlike any known one", () => {
    expect(closest("acme", ["advance", "zoloz", "uqudo"])).toBeUndefined();
    expect(didYouMean("acme", ["advance"])).toBe("");
  });
});

describe("didYouMean", () => {
  const known = ["advance-http-500", "advance-text-html", "uqudo-201-as-200"];
  it("suggests the closest name for a typo", () => {
    expect(didYouMean("advance-htp-500", known)).toBe(" (did you mean advance-http-500?)");
    expect(didYouMean("uqudo-201-as-20", known)).toBe(" (did you mean uqudo-201-as-200?)");
  });
  it("says nothing when no name is close", () => {
    expect(didYouMean("zzz", known)).toBe("");
    expect(didYouMean("anything", [])).toBe("");
  });
});
