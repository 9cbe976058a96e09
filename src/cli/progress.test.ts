import { describe, expect, it } from "vitest";
import type { TestCase, TestModule, TestSpecification } from "vitest/node";
import { ProgressReporter } from "./progress.ts";

const module = (tests: number) =>
  ({
    children: {
      *allTests() {
        for (let i = 0; i < tests; i++) yield {};
      },
    },
  }) as unknown as TestModule;
const test = { parent: { type: "suite", name: "uqudo.faceMatch" } } as unknown as TestCase;

describe("progress", () => {
  it("prints no total until every suite file is collected, then one that does not change", () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (l: string) => lines.push(l) } as unknown as NodeJS.WriteStream;
    const progress = new ProgressReporter(stream);
    progress.onTestRunStart([{}, {}] as unknown as TestSpecification[]);
    progress.onTestModuleCollected(module(30));
    for (let i = 0; i < 25; i++) progress.onTestCaseResult(test);
    expect(progress.stableTotal).toBeUndefined();
    progress.onTestModuleCollected(module(30));
    for (let i = 0; i < 25; i++) progress.onTestCaseResult(test);
    expect(progress.stableTotal).toBe(60);
    expect(lines).toEqual(["  25 cases (uqudo.faceMatch)\n", "  50/60 cases (uqudo.faceMatch)\n"]);
  });
});
