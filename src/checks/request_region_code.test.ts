import { describe, expect, it } from "vitest";
import { requestRegionCode } from "./request_region_code.ts";
import { runClientCheck } from "./testing/request.ts";

const enroll = (region: unknown) =>
  runClientCheck(requestRegionCode, "advance.enroll", {
    headers: { "x-access-token": "t" },
    json: { userId: "u1", region, faceImage: "aGVsbG8=" },
  });

describe("request_region_code", () => {
  it("passes an assigned ISO 3166-1 alpha-3 code", async () => {
    expect(await enroll("PHL")).toEqual([]);
  });

  it("fails three capitals that are no assigned code", async () => {
    expect(await enroll("XYZ")).toEqual([
      expect.objectContaining({ check: "request_region_code", pointer: "/region", actual: "XYZ" }),
    ]);
  });

  it("leaves the wrong shape to the schema check and other operations alone", async () => {
    expect(await enroll("ph")).toEqual([]);
    expect(
      await runClientCheck(requestRegionCode, "advance.getEnroll", {
        headers: { "x-access-token": "t" },
        json: { userId: "u1", region: "XYZ" },
      }),
    ).toEqual([]);
  });
});
