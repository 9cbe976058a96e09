// The specs pass an independent OpenAPI 3.0 validator (@seriousme/openapi-schema-validator, offline), and a
// second, independently built validator (seriousme's $ref resolution + a plain conversion + a fresh, non-strict
// ajv) agrees with the kit's compiled validators on valid/invalid for every documented example and many mutants.
import { readdirSync } from "node:fs";
import path from "node:path";
import { openapiSchemaToJsonSchema } from "@openapi-contrib/openapi-schema-to-json-schema";
import { Validator } from "@seriousme/openapi-schema-validator";
import A from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { samples } from "../src/openapi/__fixtures__/samples.ts";
import { DEFAULT_SPEC_DIR, loadSpecs, SpecError, loadSpecText } from "../src/openapi/index.ts";
import type { Vendor } from "../src/types.ts";

const specs = loadSpecs();
const files = readdirSync(DEFAULT_SPEC_DIR).filter((f) => f.endsWith(".yaml"));
type Obj = Record<string, any>;

describe("independent OpenAPI 3.0 validation", () => {
  it("finds all three vendor specs", () => {
    expect(files.sort()).toEqual(["advance.yaml", "uqudo.yaml", "zoloz.yaml"]);
  });

  it.each(files)("%s is a valid OpenAPI 3.0 document", async (f) => {
    const res = await new Validator().validate(path.join(DEFAULT_SPEC_DIR, f));
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it("a dangling $ref is rejected by both validators", async () => {
    const text = `openapi: 3.0.3
info: { title: t, version: "1", x-vendor: uqudo }
paths:
  /x:
    post:
      operationId: x
      x-doc-page: p
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Missing" }
x-doc-pages: { p: { url: "https://x.test/p", title: P } }
components: { schemas: {} }
`;
    const { parse } = await import("yaml");
    expect((await new Validator().validate(parse(text))).valid).toBe(false);
    expect(() => loadSpecText(text, "specs/x.yaml")).toThrow(SpecError);
    expect(() => loadSpecText(text, "specs/x.yaml")).toThrow(
      /^specs\/x\.yaml:13: \$ref "#\/components\/schemas\/Missing" does not resolve — /,
    );
  });
});

// ---------------------------------------------------------------- differential

const independent = new Map<string, ValidateFunction>();
const ajv = new A.default({ strict: false, allErrors: false });
addFormats.default(ajv);

beforeAll(async () => {
  for (const vendor of specs.vendors) {
    const v = new Validator();
    await v.validate(path.join(DEFAULT_SPEC_DIR, `${vendor}.yaml`));
    const doc = v.resolveRefs() as Obj; // $refs replaced by the objects they name
    for (const [, item] of Object.entries(doc.paths as Obj)) {
      for (const [method, op] of Object.entries(item as Obj)) {
        if (!["get", "post", "delete"].includes(method)) continue;
        const id = `${vendor}.${op.operationId}`;
        for (const [status, resp] of Object.entries(op.responses as Obj)) {
          for (const [mt, media] of Object.entries((resp as Obj).content ?? {})) {
            if ((media as Obj).schema)
              independent.set(
                `${id} ${status} ${mt}`,
                ajv.compile(
                  openapiSchemaToJsonSchema(structuredClone((media as Obj).schema) as Obj, { cloneSchema: true }),
                ),
              );
          }
        }
        for (const [mt, media] of Object.entries(op.requestBody?.content ?? {})) {
          if ((media as Obj).schema)
            independent.set(
              `${id} request ${mt}`,
              ajv.compile(
                openapiSchemaToJsonSchema(structuredClone((media as Obj).schema) as Obj, { cloneSchema: true }),
              ),
            );
        }
      }
    }
  }
}, 60_000);

/** Mutants of a body: each top-level and second-level key dropped, or replaced by a wrong value. */
function mutants(body: unknown): unknown[] {
  const out: unknown[] = [body, null, "text", 12, []];
  const walk = (node: unknown, pathKeys: string[], depth: number) => {
    if (node === null || typeof node !== "object" || Array.isArray(node) || depth > 2) return;
    for (const k of Object.keys(node)) {
      for (const replacement of [undefined, 12345, "x".repeat(65), null, true, {}, ["a", "b", "c", "d", "e", "f"]]) {
        const copy = structuredClone(body) as Obj;
        let o = copy;
        for (const p of pathKeys) o = o[p];
        if (replacement === undefined) delete o[k];
        else o[k] = replacement;
        out.push(copy);
      }
      walk((node as Obj)[k], [...pathKeys, k], depth + 1);
    }
  };
  walk(body, [], 0);
  return out;
}

describe("differential: kit validator vs independent validator", () => {
  const bodies: { key: string; id: string; status: number; mediaType: string; value: unknown }[] = [];
  for (const e of specs.examples())
    bodies.push({
      key: `${e.operationId} ${e.status} ${e.mediaType}`,
      id: e.operationId,
      status: e.status,
      mediaType: e.mediaType,
      value: e.value,
    });
  for (const e of specs.requestExamples())
    bodies.push({
      key: `${e.operationId} request ${e.mediaType}`,
      id: e.operationId,
      status: 0,
      mediaType: e.mediaType,
      value: e.value,
    });
  const S = samples;
  const sampleRows: [string, number, unknown][] = [
    ["advance.generateToken", 200, S.advanceGenerateTokenResponse],
    ["advance.getEnroll", 200, S.advanceGetEnrollResponse],
    ["advance.enroll", 200, S.advanceEnrollResponse],
    ["advance.deleteEnroll", 200, S.advanceDeleteEnrollResponse],
    ["advance.getLatestSessionResult", 200, S.advanceGetLatestSessionResultResponse],
    ["zoloz.connectEnroll", 200, S.zolozConnectEnrollResponse],
    ["zoloz.connectUnenroll", 200, S.zolozConnectUnenrollResponse],
    ["uqudo.oauthToken", 200, S.uqudoOAuthTokenResponse],
    ["uqudo.faceMatch", 200, S.uqudoFaceMatchResponse],
    ["uqudo.faceSearch", 200, S.uqudoFaceSearchResponse],
    ["uqudo.faceSearchInsert", 200, S.uqudoFaceSearchInsertResponse],
  ];
  for (const [id, status, value] of sampleRows) {
    const mt = specs.operation(id).responseMediaTypes[status]![0]!;
    bodies.push({ key: `${id} ${status} ${mt}`, id, status, mediaType: mt, value });
  }

  it.each(bodies.map((b) => [`${b.key} (${JSON.stringify(b.value).slice(0, 40)})`, b] as const))(
    "%s and its mutants",
    (_, b) => {
      const other = independent.get(b.key);
      expect(other, `independent validator for ${b.key}`).toBeDefined();
      const disagreements: string[] = [];
      for (const m of mutants(b.value)) {
        const kit =
          b.status === 0
            ? specs
                .validateRequest(b.id, { body: m, headers: { "content-type": b.mediaType } })
                .filter((f) => !f.pointer.startsWith("/headers/")).length === 0
            : specs.validateResponseBody(b.id, b.status, m, b.mediaType).length === 0;
        const ind = other!(m) === true;
        if (kit !== ind)
          disagreements.push(
            `${JSON.stringify(m).slice(0, 120)}: kit ${kit ? "valid" : "invalid"}, independent ${ind ? "valid" : "invalid"}`,
          );
      }
      expect(disagreements).toEqual([]);
    },
  );

  it("covers every vendor", () => {
    expect(new Set(bodies.map((b) => b.id.split(".")[0] as Vendor))).toEqual(new Set(specs.vendors));
  });
});
