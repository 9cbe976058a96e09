// How vitest runs the declared suites: one configuration for `npm test`'s suite projects (vitest.config.ts) and for
// `ekyc-conformance run` (src/cli/run.ts), so the two never disagree on a timeout.
import { fileURLToPath } from "node:url";
import { CODE_EXT } from "../layout.ts";

export const SUITE_TEST_OPTIONS = {
  // TypeScript in a checkout, compiled JavaScript in the installed package.
  include: [`suites/**/*.test${CODE_EXT}`],
  // Suites only declare data; sharing one module graph per worker compiles the specs and opens the transport once.
  isolate: false,
  pool: "threads" as const,
  // A live case may wait out a Retry-After (clamped to 30 s) between attempts, and then send its cleanup.
  testTimeout: 120_000,
  hookTimeout: 60_000,
  globalSetup: [fileURLToPath(new URL(`./global-setup${CODE_EXT}`, import.meta.url))],
};
