// A careful client of paid sandboxes: a request budget per run, a rate limit and a cap on requests in flight,
// shared by every request of the process (cases, retries, token calls, cleanup).
//
// vitest runs the suites in several worker processes, so the run-wide parts are coordinated without locks:
// - budget: one file per request in a shared folder, created with O_EXCL ("wx"). Slot i exists once some process
//   has spent request i; a process claims the lowest free slot at or above the last one it saw, so slots fill in
//   order and the budget is spent exactly, whatever the number of workers, and nothing stays locked after a crash.
//   Without a folder (a library user, a single process) the budget is counted in memory.
// - rate and concurrency: each of W workers takes an equal share (rps / W, floor(concurrency / W), at least 1);
//   the CLI caps the workers at the concurrency so the shares never add up to more than asked.
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { InfraError } from "../types.ts";
import { currentScope } from "./scope.ts";

export const LIMIT_VARIABLES = {
  maxRequests: "CONFORMANCE_MAX_REQUESTS",
  rps: "CONFORMANCE_RPS",
  concurrency: "CONFORMANCE_CONCURRENCY",
  budgetDir: "CONFORMANCE_BUDGET_DIR",
  workers: "CONFORMANCE_WORKERS",
} as const;

export const BUDGET_EXHAUSTED = "request budget exhausted";

export interface LimiterOptions {
  /** Requests the whole run may send; cleanup is counted but never refused. */
  maxRequests?: number;
  /** Requests per second (run-wide; this process takes rps / workers). */
  rps?: number;
  /** Requests in flight (run-wide; this process takes concurrency / workers). */
  concurrency?: number;
  /** Folder shared by the run's processes that holds the spent budget. */
  budgetDir?: string;
  /** Processes sharing rps and concurrency (default 1). */
  workers?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Budget {
  /** True when a request may go; false when the budget is spent. */
  claim(): boolean;
  readonly exhausted: boolean;
}

class MemoryBudget implements Budget {
  private used = 0;
  constructor(private readonly max: number) {}
  claim(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }
  get exhausted(): boolean {
    return this.used >= this.max;
  }
}

class FolderBudget implements Budget {
  private next = 0;
  constructor(
    private readonly dir: string,
    private readonly max: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }
  claim(): boolean {
    while (this.next < this.max) {
      const slot = this.next++;
      try {
        closeSync(openSync(join(this.dir, `slot-${slot}`), "wx"));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    return false;
  }
  get exhausted(): boolean {
    return this.max === 0 || existsSync(join(this.dir, `slot-${this.max - 1}`));
  }
}

export interface LimiterStats {
  /** Requests this process sent through the limiter. */
  sent: number;
  /** Requests refused for the budget. */
  refused: number;
  /** Most requests this process had in flight at once. */
  peakInFlight: number;
}

export class RequestLimiter {
  readonly stats: LimiterStats = { sent: 0, refused: 0, peakInFlight: 0 };
  private readonly budget: Budget | undefined;
  private readonly intervalMs: number;
  private readonly slots: number;
  private nextStart = 0;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly options: LimiterOptions = {}) {
    const workers = Math.max(1, options.workers ?? 1);
    if (options.maxRequests !== undefined)
      this.budget = options.budgetDir
        ? new FolderBudget(options.budgetDir, options.maxRequests)
        : new MemoryBudget(options.maxRequests);
    this.intervalMs = options.rps ? (1000 * workers) / options.rps : 0;
    this.slots = options.concurrency ? Math.max(1, Math.floor(options.concurrency / workers)) : Infinity;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** True once the run's budget is spent (no request but cleanup will go out). */
  get exhausted(): boolean {
    return this.budget?.exhausted ?? false;
  }

  /** Sends `send` within the budget, the rate and the concurrency. Throws InfraError("budget-exhausted") when spent. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    const exempt = currentScope().purpose === "cleanup";
    if (this.budget && !this.budget.claim() && !exempt) {
      this.stats.refused++;
      throw new InfraError("budget-exhausted", `${BUDGET_EXHAUSTED} (--max-requests ${this.options.maxRequests})`);
    }
    await this.acquire();
    try {
      await this.pace();
      this.stats.sent++;
      return await send();
    } finally {
      this.release();
    }
  }

  private async pace(): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = this.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.intervalMs;
    if (start > now) await this.sleep(start - now);
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.slots) {
      this.inFlight++;
      this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => {
      this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else this.inFlight--;
  }
}

function positive(env: Record<string, string | undefined>, name: string, allowZero: boolean): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new InfraError(
      "other",
      `${name}=${JSON.stringify(raw)} must be a ${allowZero ? "non-negative" : "positive"} number`,
    );
  }
  return value;
}

/** The limits in CONFORMANCE_MAX_REQUESTS, CONFORMANCE_RPS, CONFORMANCE_CONCURRENCY (+ CONFORMANCE_BUDGET_DIR, CONFORMANCE_WORKERS). */
export function limiterOptionsFromEnv(env: Record<string, string | undefined> = process.env): LimiterOptions {
  const maxRequests = positive(env, LIMIT_VARIABLES.maxRequests, true);
  const rps = positive(env, LIMIT_VARIABLES.rps, false);
  const concurrency = positive(env, LIMIT_VARIABLES.concurrency, false);
  const workers = positive(env, LIMIT_VARIABLES.workers, false);
  const budgetDir = env[LIMIT_VARIABLES.budgetDir]?.trim();
  return {
    ...(maxRequests !== undefined ? { maxRequests: Math.floor(maxRequests) } : {}),
    ...(rps !== undefined ? { rps } : {}),
    ...(concurrency !== undefined ? { concurrency: Math.floor(concurrency) } : {}),
    ...(workers !== undefined ? { workers: Math.floor(workers) } : {}),
    ...(budgetDir ? { budgetDir } : {}),
  };
}

let shared: RequestLimiter | undefined;

/** The process's limiter, configured from the environment on first use (a no-op when no limit is set). */
export function sharedLimiter(): RequestLimiter {
  shared ??= new RequestLimiter(limiterOptionsFromEnv());
  return shared;
}

/** Tests: forget the shared limiter so the next use reads the environment again. */
export function resetSharedLimiter(): void {
  shared = undefined;
}
