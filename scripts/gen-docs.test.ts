import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, loadSpecs } from "../src/openapi/index.ts";
import { generateDocs } from "./gen-docs.ts";

describe("generated docs are up to date", () => {
  const docs = generateDocs(loadSpecs());
  it.each(Object.keys(docs))("%s matches the specs", (rel) => {
    const committed = readFileSync(path.join(REPO_ROOT, rel), "utf8");
    if (committed !== docs[rel])
      throw new Error(
        `${rel} is out of date with specs/*.yaml: run \`npm run docs\` (tsx scripts/gen-docs.ts) and commit the result`,
      );
  });

  it("names every operation, deviation and example", () => {
    const specs = loadSpecs();
    const cov = docs["docs/coverage.md"]!;
    const dev = docs["docs/doc-deviations.md"]!;
    for (const o of specs.operations) expect(cov).toContain(`\`${o.id}\``);
    for (const d of specs.deviations()) expect(dev).toContain(`### ${d.id}`);
    for (const e of specs.examples()) expect(cov).toContain(`\`${e.name}\``);
    for (const v of specs.vendors) for (const p of specs.docPages(v)) expect(cov).toContain(`](${p.url})`);
  });
});
