// A careful client of paid sandboxes: the request budget (run-wide across processes), the rate and the
// concurrency limits, and what a run does when the budget is spent.
import { availableParallelism } from "node:os";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitEnvironment, limitWorkers } from "../../src/cli/reliability.ts";
import { limiterOptionsFromEnv, RequestLimiter } from "../../src/reliability/limiter.ts";
import { inCleanup } from "../../src/reliability/scope.ts";
import type { Sandbox } from "../../src/sandbox/index.ts";
import { accept, reject } from "../../src/suite/dsl.ts";
import { runCase } from "../../src/suite/run.ts";
import { contextFor, infoOf, testPolicy, withSandbox } from "./support.ts";

const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ekc-budget-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const noop = async () => "sent";

describe("request budget", () => {
  it("refuses requests past --max-requests with budget-exhausted; cleanup is counted but never refused", async () => {
    const limiter = new RequestLimiter({ maxRequests: 3 });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.run(noop)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused.map((o) => o.reason.kind)).toEqual(["budget-exhausted", "budget-exhausted"]);
    expect(limiter.exhausted).toBe(true);
    await expect(inCleanup(() => limiter.run(noop))).resolves.toBe("sent");
    expect(limiter.stats).toMatchObject({ sent: 4, refused: 2 });
  });

  it("is spent exactly once across limiters sharing a budget folder (one file per request, O_EXCL)", async () => {
    const dir = tempDir();
    const workers = Array.from({ length: 4 }, () => new RequestLimiter({ maxRequests: 10, budgetDir: dir }));
    const outcomes = await Promise.allSettled(workers.flatMap((w) => Array.from({ length: 8 }, () => w.run(noop))));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `slot-${i}`).sort());
    expect(workers.every((w) => w.exhausted)).toBe(true);
  });

  it("is run-wide across real processes (three workers, 10 tries each, budget 12 → 12 sent in all)", async () => {
    const dir = tempDir();
    const worker = new URL("./budget-worker.ts", import.meta.url).pathname;
    const sent = await Promise.all(
      [0, 1, 2].map(() =>
        run(process.execPath, ["--import", "tsx", worker, dir, "12", "10"], { timeout: 20_000 }).then((r) =>
          Number(r.stdout),
        ),
      ),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(12);
    expect(readdirSync(dir)).toHaveLength(12);
  });

  describe("a run that spends its budget", () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await withSandbox();
    });
    afterAll(() => sandbox.close());

    it("stops cleanly: later cases are skipped (request budget exhausted), no request goes out, cleanup still does", async () => {
      const limiter = new RequestLimiter({ maxRequests: 3 });
      const ctx = contextFor(infoOf(sandbox), { limiter, retry: testPolicy() });
      // token + get-enroll = 2 requests
      expect(
        (
          await runCase(ctx, "advance.getEnroll", {
            name: "unknown-user",
            kind: "negative",
            expect: reject("unknown-id"),
          })
        ).status,
      ).toBe("passed");
      // the enroll is the 3rd and last; its cleanup (delete-enroll) is exempt
      const enrolled = await runCase(ctx, "advance.enroll", { name: "jpeg-face", kind: "positive", expect: accept() });
      expect(enrolled.status).toBe("passed");
      expect(enrolled.exchanges.map((e) => e.request.url?.replace(/^.*\//, ""))).toEqual(["enroll", "delete-enroll"]);
      sandbox.clearRequests();
      for (const name of ["a", "b", "c"]) {
        const result = await runCase(ctx, "advance.getEnroll", {
          name,
          kind: "negative",
          expect: reject("unknown-id"),
        });
        expect(result).toMatchObject({ status: "skipped", reason: "request budget exhausted" });
      }
      expect(sandbox.requests).toEqual([]);
      expect(limiter.stats).toMatchObject({ sent: 4, refused: 3 });
      await ctx.transport.close();
    });
  });
});

describe("rate and concurrency", () => {
  it("--rps spaces requests 1/rps apart; a worker takes its share (rps / workers)", async () => {
    const times = async (limiter: RequestLimiter) => {
      const at: number[] = [];
      await Promise.all(Array.from({ length: 5 }, () => limiter.run(async () => void at.push(Date.now()))));
      return at.sort((a, b) => a - b);
    };
    const alone = await times(new RequestLimiter({ rps: 20 }));
    expect(alone[4]! - alone[0]!).toBeGreaterThanOrEqual(190);
    expect(alone[4]! - alone[0]!).toBeLessThan(400);
    const shared = await times(new RequestLimiter({ rps: 20, workers: 2 }));
    expect(shared[4]! - shared[0]!).toBeGreaterThanOrEqual(390);
  });

  it("--concurrency caps requests in flight; a worker takes its share (concurrency / workers, at least 1)", async () => {
    const peak = async (limiter: RequestLimiter) => {
      let now = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 8 }, () =>
          limiter.run(async () => {
            most = Math.max(most, ++now);
            await new Promise((r) => setTimeout(r, 15));
            now--;
          }),
        ),
      );
      return { most, recorded: limiter.stats.peakInFlight };
    };
    expect(await peak(new RequestLimiter({ concurrency: 2 }))).toEqual({ most: 2, recorded: 2 });
    expect(await peak(new RequestLimiter({ concurrency: 4, workers: 2 }))).toEqual({ most: 2, recorded: 2 });
    expect(await peak(new RequestLimiter({ concurrency: 1, workers: 3 }))).toEqual({ most: 1, recorded: 1 });
    expect((await peak(new RequestLimiter({}))).most).toBe(8);
  });

  it("CLI flags → CONFORMANCE_* variables → limiter options; workers capped at the concurrency; bad values refused", () => {
    const env = limitEnvironment({ maxRequests: "50", rps: "2.5", concurrency: "3" }, "sandbox");
    expect(env).toEqual({ CONFORMANCE_MAX_REQUESTS: "50", CONFORMANCE_RPS: "2.5", CONFORMANCE_CONCURRENCY: "3" });
    const work = tempDir();
    const workers = limitWorkers(env, work);
    expect(workers.maxWorkers).toBeLessThanOrEqual(3);
    expect(workers.env["CONFORMANCE_BUDGET_DIR"]).toBe(join(work, "budget"));
    expect(limiterOptionsFromEnv({ ...env, ...workers.env })).toEqual({
      maxRequests: 50,
      rps: 2.5,
      concurrency: 3,
      workers: workers.maxWorkers,
      budgetDir: join(work, "budget"),
    });
    // Unlimited: at least two workers against the sandbox or a vendor (they wait on answers), vitest's CPUs - 1 for a
    // replay; a recording keeps the sandbox's order with one.
    expect(limitWorkers({}, tempDir()).maxWorkers).toBeGreaterThanOrEqual(2);
    expect(limitWorkers({ CONFORMANCE_TARGET: "live" }, tempDir()).maxWorkers).toBeGreaterThanOrEqual(2);
    expect(limitWorkers({ CONFORMANCE_TARGET: "fixtures" }, tempDir()).maxWorkers).toBe(
      Math.max(1, availableParallelism() - 1),
    );
    expect(limitWorkers({ CONFORMANCE_RECORD: "1" }, tempDir()).maxWorkers).toBe(1);
    expect(limitEnvironment({}, "live")["CONFORMANCE_JOURNAL"]).toMatch(/\.conformance\/journal\.jsonl$/);
    expect(limitEnvironment({}, "sandbox")).toEqual({});
    expect(() => limitEnvironment({ maxRequests: "-1" }, "sandbox")).toThrow(/--max-requests -1/);
    expect(() => limitEnvironment({ concurrency: "0" }, "sandbox")).toThrow(/--concurrency 0/);
    expect(() => limiterOptionsFromEnv({ CONFORMANCE_RPS: "fast" })).toThrow(/CONFORMANCE_RPS/);
  });
});
