import { defineConfig } from "vitest/config";

// Three projects: the kit's own unit tests, and the conformance suites against the two offline targets.
const suites = (target: "sandbox" | "fixtures") => ({
  extends: true as const,
  test: {
    name: `suites:${target}`,
    // Suites only declare data; sharing one module graph per worker compiles the specs and opens the transport once.
    isolate: false,
    pool: "threads" as const,
    include: ["suites/**/*.test.ts"],
    env: { CONFORMANCE_TARGET: target },
    globalSetup: ["src/suite/global-setup.ts"],
    setupFiles: ["allure-vitest/setup"],
  },
});

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["allure-vitest/reporter", { resultsDir: "./allure-results" }], ["junit", { outputFile: "./reports/junit.xml" }]],
    projects: [
      { extends: true, test: { name: "unit", setupFiles: ["allure-vitest/setup"], include: ["src/**/*.test.ts", "test/**/*.test.ts", "reporters/**/*.test.ts", "scripts/**/*.test.ts"] } },
      suites("sandbox"),
      suites("fixtures"),
    ],
  },
});
