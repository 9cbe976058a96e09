import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { SUITE_TEST_OPTIONS } from "./src/suite/vitest-options.ts";

// Three projects: the kit's own unit tests, and the conformance suites against the two offline targets.
const suites = (target: "sandbox" | "fixtures") => ({
  extends: true as const,
  test: {
    name: `suites:${target}`,
    ...SUITE_TEST_OPTIONS,
    env: { CONFORMANCE_TARGET: target },
  },
});

// The kit's own tests use a spec-cache folder of this run's (emptied and removed by the global setup), shared by its
// workers and CLI children: no test depends on what an earlier run cached. The suites use the default one, as a
// user's run does.
const specCacheDir = join(tmpdir(), `ekyc-spec-cache-${process.pid}`);

// The repo's own self-imports of "ekyc-conformance" run the source, not a possibly stale dist/ (package.json "exports").
const conditions = ["ekyc-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // vitest's default on 2 cores is one worker; much of the kit's own tests waits on child processes (CLI runs,
    // sandbox processes, outage timeouts), so a second worker fills that time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The kit's own tests report to the terminal only: the user-facing JUnit and Allure results are rendered by the
    // CLI from results.json (reporters/), never by vitest, so nothing piles up in reports/ or allure-results/.
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "reporters/**/*.test.ts", "scripts/**/*.test.ts"],
          env: { EKYC_SPEC_CACHE_DIR: specCacheDir },
          globalSetup: ["./test/testing/spec-cache-dir.ts"],
        },
      },
      suites("sandbox"),
      suites("fixtures"),
    ],
  },
});
