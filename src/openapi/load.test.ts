import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SpecError, UnknownOperationError, loadSpecText, loadSpecs } from "./index.ts";

const FIXTURES = path.join(import.meta.dirname, "__fixtures__");
const fixture = () => loadSpecs(path.join(FIXTURES, "ok"));
const demoText = readFileSync(path.join(FIXTURES, "ok", "demo-advance.yaml"), "utf8");

describe("loadSpecs on the fixture spec", () => {
  it("is cached per directory", () => {
    expect(fixture()).toBe(fixture());
  });

  it("builds OperationInfo with ids, statuses, media types, headers, codes, images, rejections", () => {
    const s = fixture();
    expect(s.vendors).toEqual(["advance"]);
    expect(s.operations.map((o) => o.id)).toEqual(["advance.enroll", "advance.getLatest", "advance.deleteIt"]);
    const op = s.operation("advance.enroll");
    expect(op).toMatchObject({
      method: "POST",
      path: "/intl/openapi/face/v1/enroll",
      servers: ["https://api.advance.ai"],
      statuses: [200],
      secured: true,
      requestMediaType: "application/json",
    });
    expect(op.specPointer).toBe(
      "src/openapi/__fixtures__/ok/demo-advance.yaml#/paths/~1intl~1openapi~1face~1v1~1enroll/post",
    );
    expect(op.docPage).toMatchObject({ id: "enroll-page", url: "https://doc.example/enroll" });
    expect(op.responseMediaTypes).toEqual({ 200: ["application/json"] });
    expect(op.responseHeaders[200]).toEqual([{ name: "Retry-After", required: false }]);
    expect(op.businessCodes.map((c) => [c.code, c.common])).toEqual([
      ["SUCCESS", false],
      ["PARAMETER_ERROR", false],
      ["IAM_FAILED", true],
    ]);
    expect(op.businessCodes[1]!.messages).toEqual(["UserId is invalid", "Region is wrong"]);
    expect(op.imageFields).toEqual([
      expect.objectContaining({
        field: "faceImage",
        limits: {
          formats: ["jpeg", "png"],
          maxBytes: 2097152,
          exclusiveMaxBytes: true,
          minWidth: 256,
          minHeight: 256,
          transports: ["base64", "url"],
          source: "enroll-page",
        },
      }),
    ]);
    expect(op.rejections).toEqual([
      expect.objectContaining({ violation: "missing:userId", status: 200, code: "PARAMETER_ERROR", inferred: false }),
    ]);
    const del = s.operation("advance.deleteIt");
    expect(del).toMatchObject({
      method: "DELETE",
      secured: false,
      servers: ["https://other.advance.ai"],
      statuses: [204, 404],
    });
    expect(del.responseMediaTypes[204]).toEqual([""]);
    expect(del.responseHeaders[404]).toEqual([{ name: "X-Trace", required: true }]);
  });

  it("lists doc pages, deviations (with vendor), examples and hashes", () => {
    const s = fixture();
    expect(s.docPages("advance").map((p) => p.id)).toEqual(["enroll-page", "glossary"]);
    expect(s.deviations()).toEqual([
      expect.objectContaining({
        id: "demo-region-wrong",
        vendor: "advance",
        reportedAs: "warning",
        explains: { check: "envelope_conformance", pointer: "/code", value: "REGION_WRONG" },
      }),
    ]);
    expect(s.examples().map((e) => [e.operationId, e.status, e.name, e.docPage, e.deviation])).toEqual([
      ["advance.enroll", 200, "success", "enroll-page", undefined],
      ["advance.enroll", 200, "regionWrong", "enroll-page", "demo-region-wrong"],
      ["advance.getLatest", 200, "example", "enroll-page", undefined],
    ]);
    expect(s.hashes.advance).toMatch(/^[0-9a-f]{64}$/);
    expect(s.lineOf("src/openapi/__fixtures__/ok/demo-advance.yaml#/x-doc-pages/glossary")).toBe(12);
  });

  it("unknown operation id throws a one-line error naming it", () => {
    expect(() => fixture().operation("advance.nope")).toThrow(UnknownOperationError);
    expect(() => fixture().validateResponse("advance.nope", 200, {}, {})).toThrow(/"advance\.nope"/);
  });
});

describe("validateResponse / validateRequest on the fixture", () => {
  const good = { code: "SUCCESS", message: "OK", data: null, extra: null, transactionId: "abc" };

  it("accepts a documented body", () => {
    expect(
      fixture().validateResponse("advance.enroll", 200, { "Content-Type": "application/json; charset=utf-8" }, good),
    ).toEqual([]);
  });

  it("names the instance pointer, keyword, expected/actual and the spec keyword with its line", () => {
    const f = fixture().validateResponse("advance.enroll", 200, {}, { ...good, transactionId: "x".repeat(65) });
    expect(f).toEqual([
      expect.objectContaining({
        pointer: "/transactionId",
        keyword: "maxLength",
        expected: 64,
        specPointer:
          "src/openapi/__fixtures__/ok/demo-advance.yaml#/components/schemas/Envelope/properties/transactionId/maxLength",
        specLine: 191,
      }),
    ]);
    expect(f[0]!.message).toContain("64");
  });

  it("maps allOf-narrowed enums to the operation's schema", () => {
    const [f] = fixture().validateResponse("advance.enroll", 200, {}, { ...good, code: "REGION_WRONG" });
    expect(f).toMatchObject({
      pointer: "/code",
      keyword: "enum",
      actual: "REGION_WRONG",
      expected: ["SUCCESS", "PARAMETER_ERROR", "IAM_FAILED"],
    });
    expect(f!.specPointer).toMatch(
      /\/post\/responses\/200\/content\/application~1json\/schema\/allOf\/1\/properties\/code\/enum$/,
    );
  });

  it("keeps nullable on a typeless allOf (converter loses it) without duplicate findings", () => {
    const s = fixture();
    expect(s.validateResponse("advance.enroll", 200, {}, { ...good, data: { userId: "u", imageUrlList: [] } })).toEqual(
      [],
    );
    const f = s.validateResponse(
      "advance.enroll",
      200,
      {},
      { ...good, data: { imageUrlList: Array(6).fill("https://a.b/c.jpg") } },
    );
    expect(f.map((x) => [x.pointer, x.keyword])).toEqual([
      ["/data/userId", "required"],
      ["/data/imageUrlList", "maxItems"],
    ]);
  });

  it("reports an undocumented status", () => {
    expect(fixture().validateResponse("advance.enroll", 503, {}, good)).toEqual([
      expect.objectContaining({ pointer: "", keyword: "status", actual: 503, expected: [200] }),
    ]);
  });

  it("checks response headers case-insensitively, required ones included", () => {
    const s = fixture();
    expect(s.validateResponse("advance.deleteIt", 404, { "x-TRACE": "abcd" }, undefined)).toEqual([]);
    expect(s.validateResponse("advance.deleteIt", 404, {}, undefined)).toEqual([
      expect.objectContaining({ pointer: "/headers/x-trace", keyword: "required" }),
    ]);
    expect(s.validateResponse("advance.deleteIt", 404, { "X-Trace": "ab" }, undefined)).toEqual([
      expect.objectContaining({ pointer: "/headers/x-trace", keyword: "minLength" }),
    ]);
    expect(s.validateResponse("advance.deleteIt", 204, {}, { unexpected: true })).toEqual([
      expect.objectContaining({ keyword: "body" }),
    ]);
  });

  it("flags an undocumented content type", () => {
    expect(fixture().validateResponse("advance.enroll", 200, { "content-type": "text/html" }, good)).toEqual([
      expect.objectContaining({ pointer: "/headers/content-type", keyword: "mediaType" }),
    ]);
  });

  it("validates query and header parameters (coerced) and the body", () => {
    const s = fixture();
    expect(
      s.validateRequest("advance.getLatest", {
        query: { userId: "u", limit: "3" },
        headers: { "X-Access-Token": "0123456789" },
      }),
    ).toEqual([]);
    const f = s.validateRequest("advance.getLatest", { query: { limit: "7" } });
    expect(f.map((x) => [x.pointer, x.keyword])).toEqual([
      ["/query/userId", "required"],
      ["/query/limit", "maximum"],
      ["/headers/x-access-token", "required"],
    ]);
    expect(f[2]!.specPointer).toBe(
      "src/openapi/__fixtures__/ok/demo-advance.yaml#/components/parameters/AccessToken/required",
    );
    const body = s.validateRequest("advance.enroll", {
      body: { kind: "json", value: { faceImage: "", userId: "u", region: "sgp" } },
    });
    expect(body.map((x) => [x.pointer, x.keyword])).toEqual([
      ["/faceImage", "minLength"],
      ["/region", "pattern"],
    ]);
    expect(s.validateRequest("advance.enroll", {})).toEqual([
      expect.objectContaining({ keyword: "required", pointer: "" }),
    ]);
  });
});

describe("malformed specs give a one-line SpecError", () => {
  const bad = (text: string) => {
    try {
      loadSpecText(text, "specs/bad.yaml");
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      expect((e as Error).message).not.toContain("\n");
      return e as SpecError;
    }
    throw new Error("expected a SpecError");
  };

  it("bad YAML names the line", () => {
    const e = bad("openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: x\n");
    expect(e.message).toMatch(/^specs\/bad\.yaml:\d+: invalid YAML/);
    expect(e.line).toBeGreaterThan(0);
  });

  it("duplicate keys are rejected", () => {
    expect(bad("openapi: 3.0.3\nopenapi: 3.0.3\n").message).toMatch(/^specs\/bad\.yaml:2: invalid YAML.*DUPLICATE_KEY/);
  });

  it("an unresolvable $ref names its line and how to fix it", () => {
    const text = demoText.replace('$ref: "#/components/schemas/EnrollData"', '$ref: "#/components/schemas/EnrolData"');
    const line = text.split("\n").findIndex((l) => l.includes("EnrolData")) + 1;
    const e = bad(text);
    expect(e.message).toBe(
      `specs/bad.yaml:${line}: $ref "#/components/schemas/EnrolData" does not resolve — point it at an existing entry (check the component name and its spelling)`,
    );
  });

  it("a keyword typo is rejected by strict ajv at its line", () => {
    const text = demoText.replace("maxItems: 5", "maxItem: 5");
    const line = text.split("\n").findIndex((l) => l.includes("maxItem: 5")) + 1;
    expect(bad(text).message).toMatch(new RegExp(`^specs/bad\\.yaml:${line}: schema rejected by ajv: .*maxItem`));
  });

  it("an unknown format is rejected", () => {
    expect(bad(demoText.replace("format: uri", "format: jpeg-url")).message).toMatch(
      /unknown format "jpeg-url".*use a format ajv-formats knows/,
    );
  });

  it("a wrong OpenAPI version, unknown vendor, unknown doc page or deviation id are rejected", () => {
    expect(bad(demoText.replace("openapi: 3.0.3", "openapi: 3.1.0")).message).toMatch(
      /^specs\/bad\.yaml:1: `openapi` is "3\.1\.0"/,
    );
    expect(bad(demoText.replace("x-vendor: advance", "x-vendor: acme")).message).toMatch(
      /:5: info\.x-vendor is "acme"/,
    );
    expect(
      bad(demoText.replace("x-doc-page: enroll-page\n      x-business", "x-doc-page: enrol-page\n      x-business"))
        .message,
    ).toMatch(/names doc page "enrol-page", which is not in x-doc-pages/);
    expect(bad(demoText.replace("x-deviation: demo-region-wrong", "x-deviation: demo-region")).message).toMatch(
      /names deviation "demo-region"/,
    );
  });

  it("an invalid type is rejected", () => {
    expect(
      bad(
        demoText
          .replace("maxLength: 64\n                region", "maxLength: 64\n                region")
          .replace("type: array", "type: arrray"),
      ).message,
    ).toMatch(/arrray/);
  });

  it("a spec directory with two files for one vendor is rejected", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spec-dup-"));
    writeFileSync(path.join(dir, "a.yaml"), demoText);
    writeFileSync(path.join(dir, "b.yaml"), demoText);
    expect(() => loadSpecs(dir)).toThrow(/x-vendor "advance" is also used by/);
  });
});
