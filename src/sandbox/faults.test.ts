import { describe, expect, it } from "vitest";
import { Faults, REQUEST_LOG_LIMIT, type RequestNote } from "./faults.ts";

const note = (i: number): RequestNote => ({
  at: new Date(0).toISOString(),
  method: "POST",
  route: "uqudo",
  path: `/r/${i}`,
});

describe("Faults", () => {
  it("keeps the newest REQUEST_LOG_LIMIT requests", () => {
    const f = new Faults();
    for (let i = 0; i < REQUEST_LOG_LIMIT + 5; i++) f.take(note(i));
    expect(f.log).toHaveLength(REQUEST_LOG_LIMIT);
    expect(f.log[0]!.path).toBe("/r/5");
    expect(f.log.at(-1)!.path).toBe(`/r/${REQUEST_LOG_LIMIT + 4}`);
  });

  it("draws rates from its seed: the same seed faults the same requests, set() restarts the draws", () => {
    const pattern = (f: Faults) => Array.from({ length: 40 }, (_, i) => (f.take(note(i)) ? 1 : 0)).join("");
    const a = new Faults([{ kind: "status", rate: 0.3 }], "s1");
    const first = pattern(a);
    expect(pattern(new Faults([{ kind: "status", rate: 0.3 }], "s1"))).toBe(first);
    a.set([{ kind: "status", rate: 0.3 }]);
    expect(pattern(a)).toBe(first);
    expect(pattern(new Faults([{ kind: "status", rate: 0.3 }], "s2"))).not.toBe(first);
    const hits = [...first].filter((c) => c === "1").length;
    expect(hits).toBeGreaterThan(3);
    expect(hits).toBeLessThan(25);
  });
});
