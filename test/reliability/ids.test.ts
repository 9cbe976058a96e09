// Idempotent ids: every user id and business id the kit creates starts with the run prefix (ekc + 6 hex), so a
// person (or cleanup) can tell the kit's users from real ones, even at the documented maximum lengths.
import { describe, expect, it } from "vitest";
import { buildRequest } from "../../src/suite/build.ts";
import { idFactory } from "../../src/suite/run.ts";
import { loadSuiteCatalog } from "../testing/suite-catalog.ts";

const CREATES = new Set(["advance.enroll", "zoloz.connectEnroll"]);
const PREFIX = "ekc0a1b2c";

describe("ids the kit creates", () => {
  it("carry the run prefix in every positive create case and flow of every suite (max-length cases included)", async () => {
    const catalog = await loadSuiteCatalog();
    const seen: string[] = [];
    for (const { suite } of catalog) {
      const steps = [
        ...(CREATES.has(suite.operationId)
          ? suite.cases
              .filter((c) => c.kind === "positive")
              .map((c) => ({ id: `${suite.operationId}/${c.name}`, operationId: suite.operationId, input: c.input }))
          : []),
        ...(suite.flows ?? []).flatMap((f) =>
          f.steps
            .filter((s) => CREATES.has(s.operationId))
            .map((s) => ({
              id: `${suite.operationId}/${f.name}`,
              operationId: s.operationId,
              input: s.input,
              shared: f.shared,
            })),
        ),
      ];
      for (const step of steps) {
        const newId = idFactory({ runPrefix: PREFIX }, step.id);
        const captured = new Map<string, unknown>(
          Object.entries((step as { shared?: Record<string, "userId" | "bizId"> }).shared ?? {}).map(([k, kind]) => [
            k,
            newId(kind),
          ]),
        );
        const request = await buildRequest(step.operationId, step.input, {
          newId,
          captured,
          imageUrl: async () => "http://127.0.0.1:9/x",
        });
        const body = (request.body as { value: Record<string, unknown> }).value;
        for (const field of ["userId", "bizId"] as const) {
          if (body[field] === undefined) continue;
          expect(String(body[field]), `${step.id} ${field}`).toMatch(new RegExp(`^${PREFIX}-`));
          seen.push(`${step.id} ${field}`);
        }
      }
    }
    expect(seen).toContain("zoloz.connectEnroll/max-lengths bizId");
    expect(seen.length).toBeGreaterThan(10);
  });

  it("pads to a documented maximum and keeps the prefix; refuses a length the prefix cannot fit", () => {
    const newId = idFactory({ runPrefix: PREFIX }, "case");
    expect(newId("bizId", 32)).toMatch(new RegExp(`^${PREFIX}-b[0-9a-f]{21}$`));
    expect(newId("userId", 64)).toHaveLength(64);
    expect(newId("userId")).toMatch(new RegExp(`^${PREFIX}-u[0-9a-f]{12}$`));
    expect(() => newId("bizId", 8)).toThrow(/cannot carry the run prefix/);
  });
});
