import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BODIES_DIR, BODIES_PATH, generateBodyTypes } from "../../scripts/gen-types.ts";
import { sampleForOperation } from "./__fixtures__/samples.ts";
import { REPO_ROOT, loadSpecs } from "./index.ts";

const specs = loadSpecs();
const committed = (rel: string): string => readFileSync(path.join(REPO_ROOT, rel), "utf8");

describe("generated body types", () => {
  it(`${BODIES_PATH} and ${BODIES_DIR}/ are what the generator writes from the specs now`, async () => {
    const files = await generateBodyTypes(specs);
    expect(Object.keys(files).sort()).toEqual(
      [BODIES_PATH, ...readdirSync(path.join(REPO_ROOT, BODIES_DIR)).map((f) => `${BODIES_DIR}/${f}`)].sort(),
    );
    expect(Object.keys(files)).toEqual(expect.arrayContaining(specs.vendors.map((v) => `${BODIES_DIR}/${v}.ts`)));
    for (const [rel, text] of Object.entries(files))
      if (committed(rel) !== text)
        throw new Error(`${rel} is out of date with specs/*.yaml: run \`npm run docs\` and commit the result`);
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
    const files = await generateBodyTypes(loadSpecs(dir));
    const uqudo = `${BODIES_DIR}/uqudo.ts`;
    expect(files[uqudo]).toMatch(/minimumMatchLevel\?: string;/);
    expect(files[uqudo]).not.toBe(committed(uqudo));
    expect(files[`${BODIES_DIR}/advance.ts`]).toBe(committed(`${BODIES_DIR}/advance.ts`));
  });

  it("names a type per operation body", async () => {
    const ts = specs.vendors.map((v) => committed(`${BODIES_DIR}/${v}.ts`)).join("\n");
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
