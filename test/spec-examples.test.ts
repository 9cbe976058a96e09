// Every example copied from the vendor docs validates against its own schema, except those marked x-deviation,
// which must fail, and fail on the field the deviation is about.
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../src/openapi/index.ts";
import type { DocumentedExample } from "../src/openapi/index.ts";
import type { SchemaFinding } from "../src/types.ts";
import { VENDORS } from "../src/types.ts";
import { sniffFormat } from "../src/images/index.ts";

const specs = loadSpecs();
const label = (e: DocumentedExample) => `${e.operationId} ${e.status || "request"} ${e.mediaType} ${e.name}`;
const bodyOnly = (f: SchemaFinding[]) =>
  f.filter((x) => !x.pointer.startsWith("/headers/") && !x.pointer.startsWith("/query/"));

function validate(e: DocumentedExample): SchemaFinding[] {
  return e.status === 0
    ? bodyOnly(specs.validateRequest(e.operationId, { body: e.value, headers: { "content-type": e.mediaType } }))
    : specs.validateResponseBody(e.operationId, e.status, e.value, e.mediaType);
}

/** The field a deviation is about: its explains.pointer, else the finding's field named in its summary. */
function mentionsDeviatingField(e: DocumentedExample, findings: SchemaFinding[]): boolean {
  const d = specs.deviations().find((x) => x.id === e.deviation)!;
  if (d.explains?.pointer)
    return findings.some((f) => f.pointer === d.explains!.pointer || f.pointer.startsWith(`${d.explains!.pointer}/`));
  return findings.some((f) => {
    const field = f.pointer.split("/").pop();
    return !!field && `${d.summary} ${d.chosen}`.includes(field);
  });
}

const all = [...specs.examples(), ...specs.requestExamples()];

/** Image fields of a request example whose value is neither an http(s) URL nor the Base64 of a known image format. */
function notAnImage(e: DocumentedExample): string[] {
  if (e.status !== 0) return [];
  const body = e.value as Record<string, unknown>;
  return specs
    .operation(e.operationId)
    .imageFields.map((f) => f.field)
    .filter((field) => {
      const v = body[field];
      if (typeof v !== "string" || /^https?:\/\//.test(v)) return false;
      return sniffFormat(Buffer.from(v, "base64")) === "unknown";
    });
}

describe("documented examples", () => {
  it("every vendor spec embeds documented examples", () => {
    for (const v of VENDORS) expect(specs.examples(v).length, v).toBeGreaterThan(0);
  });

  it("each example names a doc page of its spec", () => {
    for (const e of all) {
      const vendor = e.operationId.split(".")[0] as (typeof VENDORS)[number];
      expect(
        specs.docPages(vendor).map((p) => p.id),
        label(e),
      ).toContain(e.docPage);
    }
  });

  const plain = all.filter((e) => !e.deviation);
  const deviating = all.filter((e) => e.deviation);

  it.each(plain.map((e) => [label(e), e] as const))("%s validates", (_, e) => {
    expect(validate(e)).toEqual([]);
  });

  it.each(deviating.map((e) => [`${label(e)} (${e.deviation})`, e] as const))(
    "%s fails on the deviating field",
    (_, e) => {
      const findings = validate(e);
      // A placeholder image JSON Schema cannot see (a string that is no URL and no image's Base64) fails x-image instead.
      if (findings.length === 0 && notAnImage(e).length > 0) return;
      expect(findings.length).toBeGreaterThan(0);
      expect(mentionsDeviatingField(e, findings), JSON.stringify(findings.map((f) => f.message))).toBe(true);
    },
  );

  it("the ADVANCE enroll sample's faceImage placeholder is caught by x-image, not by the schema", () => {
    const sample = specs.requestExamples("advance").find((e) => e.operationId === "advance.enroll")!;
    expect(sample.deviation).toBe("advance-enroll-request-sample-placeholder");
    expect(validate(sample)).toEqual([]);
    expect(notAnImage(sample)).toEqual(["faceImage"]);
    expect(
      notAnImage({ ...sample, value: { ...(sample.value as object), faceImage: "https://example.test/face.jpg" } }),
    ).toEqual([]);
  });
});
