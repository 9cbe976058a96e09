import { describe, expect, it } from "vitest";
import { reproduceCommand, shellQuote } from "./reproduce.ts";

const run = { target: "sandbox" as const, seed: 7, fuzzRuns: 3 };

describe("reproduceCommand", () => {
  it("carries every switch of the run and the case", () => {
    expect(
      reproduceCommand(
        { ...run, sandboxMutation: "uqudo-match-level-6" },
        { id: "uqudo.faceMatch/level-5", vendor: "uqudo", kind: "positive", status: "failed" },
      ),
    ).toBe(
      "npx ekyc-conformance run --target sandbox --vendor uqudo --seed 7 --runs 3 --sandbox-mutation uqudo-match-level-6 --case uqudo.faceMatch/level-5",
    );
  });

  it("a failed fuzz case replays its counterexample by fast-check seed and path; a passed one does not", () => {
    const fuzz = {
      id: "uqudo.faceMatch/fuzz-params",
      vendor: "uqudo" as const,
      kind: "fuzz" as const,
      reproduction: { seed: 731597626, path: "0:0" },
    };
    expect(reproduceCommand(run, { ...fuzz, status: "failed" })).toMatch(
      / --case uqudo\.faceMatch\/fuzz-params --fc-seed 731597626 --fc-path 0:0$/,
    );
    expect(reproduceCommand(run, { ...fuzz, status: "passed" })).not.toContain("--fc-seed");
    expect(reproduceCommand(run, { ...fuzz, status: "passed" })).not.toContain("--sandbox-mutation");
  });

  it("quotes for a POSIX shell only what needs it", () => {
    expect(shellQuote("advance.enroll/255-wide")).toBe("advance.enroll/255-wide");
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
