// vitest global setup of the kit's own tests: the run's spec-cache folder (EKYC_SPEC_CACHE_DIR, vitest.config.ts)
// starts empty and is removed at the end, so no test ever reads an entry an earlier run wrote.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { SPEC_CACHE_DIR_VARIABLE } from "../../src/openapi/spec-cache.ts";

export default function setup(project: TestProject): () => void {
  const dir = project.config.env?.[SPEC_CACHE_DIR_VARIABLE];
  const remove = () => dir && rmSync(dir, { recursive: true, force: true });
  remove();
  return remove;
}
