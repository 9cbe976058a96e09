// Wire messages carry the documented text only: a spec note ("inferred: ...", a quoted aside) that reached a
// resultMessage once broke zoloz.sh's verification (it passes bodies through printf). Every message the sandbox
// can take from the specs, for all three vendors, is checked here.
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../openapi/index.ts";
import { Rules } from "./rules.ts";

const NOTE = /\binferred\b|\bsee [a-z]+-[a-z-]+|\\|%|\bx-[a-z]/i;
const rules = new Rules(loadSpecs());

/** Every message the sandbox can answer with: the rejection for each violation, and each code's message. */
function wireMessages(): { where: string; message: string }[] {
  const out: { where: string; message: string }[] = [];
  for (const { id } of rules.spec.operations) {
    const info = rules.info(id);
    for (const violation of new Set(info?.rejections.map((r) => r.violation))) {
      const message = rules.reject(id, violation).message;
      if (message !== undefined) out.push({ where: `${id} ${violation}`, message });
    }
    for (const code of new Set(info?.businessCodes.map((c) => c.code)))
      out.push({ where: `${id} ${code}`, message: rules.codeMessage(id, code) });
  }
  return out;
}

describe("sandbox wire messages", () => {
  it("carry no spec notes, backslashes or percent signs", () => {
    const messages = wireMessages();
    expect(messages.length).toBeGreaterThan(50);
    expect(messages.filter((m) => NOTE.test(m.message))).toEqual([]);
  });

  it("the note detector sees the note that once leaked", () => {
    expect(
      NOTE.test('Input parameters are invalid (inferred: the unenroll page names "an invalid argument" as an error).'),
    ).toBe(true);
    expect(
      NOTE.test(
        "Input parameters are invalid. For more information about which parameter is invalid, check the result message or the related log.",
      ),
    ).toBe(false);
  });
});
