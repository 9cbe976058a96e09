import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BODIES_PATH, generateBodyTypes } from "../../scripts/gen-types.ts";
import { sampleForOperation } from "./__fixtures__/samples.ts";
import { REPO_ROOT, loadSpecs } from "./index.ts";

const specs = loadSpecs();

describe("generated body types", () => {
  it(`${BODIES_PATH} is what the generator writes from the specs now`, async () => {
    const committed = readFileSync(path.join(REPO_ROOT, BODIES_PATH), "utf8");
    if (committed !== (await generateBodyTypes(specs)))
      throw new Error(`${BODIES_PATH} is out of date with specs/*.yaml: run \`npm run docs\` and commit the result`);
  });

  it("follows a changed spec: a schema edit changes the generated type, so the committed file reads as stale", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spec-types-"));
    cpSync(path.join(REPO_ROOT, "specs"), dir, { recursive: true });
    const file = path.join(dir, "uqudo.yaml");
    const text = readFileSync(file, "utf8");
    const edited = text.replace(
      /(        minimumMatchLevel:\n          type: )integer\n          format: int32\n          minimum: 1\n          maximum: 5\n          default: 3\n/,
      "$1string\n",
    );
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const ts = await generateBodyTypes(loadSpecs(dir));
    expect(ts).toMatch(/minimumMatchLevel\?: string;/);
    expect(ts).not.toBe(readFileSync(path.join(REPO_ROOT, BODIES_PATH), "utf8"));
  });

  it("names a type per operation body", async () => {
    const ts = readFileSync(path.join(REPO_ROOT, BODIES_PATH), "utf8");
    for (const name of [
      "AdvanceEnrollRequest",
      "AdvanceGetLatestSessionResultRequest",
      "UqudoFaceMatchRequest",
      "UqudoFaceMatchResponse",
      "ZolozConnectEnrollResponse",
    ])
      expect(ts).toMatch(new RegExp(`export (type|interface) ${name}\\b`));
  });

  // The samples are typed with the generated types (compile time); here each also validates against the spec.
  it.each(Object.entries(sampleForOperation))("%s: its typed samples validate", (id, s) => {
    if (s.request !== undefined)
      expect(specs.validateRequest(id, { body: s.request }).filter((f) => !f.pointer.startsWith("/headers/"))).toEqual(
        [],
      );
    if (s.query) expect(specs.validateRequest(id, { query: s.query, headers: { "x-access-token": "t" } })).toEqual([]);
    if (s.response) expect(specs.validateResponseBody(id, s.response[0], s.response[1])).toEqual([]);
  });

  it("a broken sample fails validation", () => {
    expect(specs.validateResponseBody("uqudo.faceMatch", 200, { match: "yes", matchLevel: 4 })).not.toEqual([]);
  });

  it("every operation with a documented success body has a sample", () => {
    const missing = specs.operations
      .filter(
        (o) =>
          o.statuses.some((st) => st < 300 && o.responseMediaTypes[st]?.[0] !== "") &&
          !sampleForOperation[o.id]?.response,
      )
      .map((o) => o.id);
    expect(missing).toEqual([]);
  });
});
