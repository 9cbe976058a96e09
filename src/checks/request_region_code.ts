// Client side (the proxy): where the docs document a "region-invalid" rejection, the app's region must be an assigned
// ISO 3166-1 alpha-3 code — the schema's pattern admits any three capitals (e.g. "XYZ"), the vendor does not.
import { ISO3166_ALPHA3_SET } from "../iso3166.ts";
import { finding, type Check } from "./types.ts";

const region = (body: unknown): unknown =>
  typeof body === "object" && body !== null ? (body as Record<string, unknown>)["region"] : undefined;

export const requestRegionCode: Check = {
  name: "request_region_code",
  rule: 'The region the app sends is an assigned ISO 3166-1 alpha-3 code (e.g. PHL); any other is answered "Region is wrong".',
  appliesTo: (context) =>
    context.client !== undefined &&
    context.operation.rejections.some((r) => r.violation === "region-invalid") &&
    typeof region(context.client.body) === "string",
  run(context) {
    const value = region(context.client!.body) as string;
    // Type, emptiness and pattern are request_schema_conformance's.
    if (!/^[A-Z]{3}$/.test(value) || ISO3166_ALPHA3_SET.has(value)) return [];
    return [
      finding(this, context, {
        message: `/region: ${JSON.stringify(value)} is not an assigned ISO 3166-1 alpha-3 code`,
        pointer: "/region",
        expected: "ISO 3166-1 alpha-3",
        actual: value,
      }),
    ];
  },
};
