// How vitest runs the declared suites: one configuration for `npm test`'s suite projects (vitest.config.ts) and for
// `ekyc-conformance run` (src/cli/run.ts), so the two never disagree on a timeout.
import { fileURLToPath } from "node:url";

export const SUITE_TEST_OPTIONS = {
  include: ["suites/**/*.test.ts"],
  // Suites only declare data; sharing one module graph per worker compiles the specs and opens the transport once.
  isolate: false,
  pool: "threads" as const,
  // A live case may wait out a Retry-After (clamped to 30 s) between attempts, and then send its cleanup.
  testTimeout: 120_000,
  hookTimeout: 60_000,
  globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
};
