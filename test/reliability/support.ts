// A run context against a local sandbox with the reliability knobs turned down to test size: 200 ms timeouts,
// retries that wait milliseconds, Retry-After clamped to 300 ms. Loopback only.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { configFromEnv } from "../../src/config/index.ts";
import type { RetryPolicy } from "../../src/reliability/retry.ts";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { loadSpecs } from "../../src/openapi/index.ts";
import { DEFAULT_FIXTURES_DIR, redactorFor } from "../../src/suite/run-context.ts";
import type { RunContext } from "../../src/suite/run.ts";
import { createTransport, type SandboxInfo } from "../../src/transport/index.ts";
import type { WireOptions } from "../../src/transport/wire.ts";
import { sharedJournal } from "../../src/reliability/journal.ts";

export const SLEEPS: number[] = [];

/** Retries that wait at most a few hundred ms, and record how long they were asked to wait. */
export function testPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    maxAttempts: 3,
    baseDelayMs: 10,
    maxDelayMs: 40,
    maxRetryAfterMs: 300,
    jitter: 0,
    sleep: (ms) => {
      SLEEPS.push(ms);
      return new Promise((r) => setTimeout(r, ms));
    },
    ...overrides,
  };
}

export function infoOf(sandbox: Pick<Sandbox, "baseUrls" | "origin">): SandboxInfo {
  return { baseUrls: sandbox.baseUrls, origin: sandbox.origin };
}

/** A loopback port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function sandboxAt(origin: string): SandboxInfo {
  return {
    origin,
    baseUrls: {
      advance: `${origin}/advance`,
      zoloz: `${origin}/zoloz`,
      uqudo: `${origin}/uqudo`,
      uqudoAuth: `${origin}/uqudo-auth`,
    },
  };
}

export function contextFor(info: SandboxInfo, wire: WireOptions, runPrefix = "ekcrel001"): RunContext {
  const config = configFromEnv({ CONFORMANCE_TARGET: "sandbox" });
  const spec = loadSpecs();
  const redactor = redactorFor(config);
  const journal = sharedJournal();
  const transport = createTransport(config, {
    spec,
    redactor,
    fixturesDir: DEFAULT_FIXTURES_DIR,
    sandbox: info,
    wire,
    journal,
  });
  return { config, spec, transport, journal, redactor, runPrefix };
}

export async function withSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0 });
}
