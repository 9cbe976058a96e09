import { describe, expect, it } from "vitest";
import { requestSchemaConformance } from "./request_schema_conformance.ts";
import { runClientCheck } from "./testing/request.ts";

const zolozHeaders = {
  "content-type": "application/json; charset=UTF-8",
  "client-id": "2188813011569652",
  "request-time": "2026-01-02T03:04:05+0000",
  signature: "algorithm=RSA256, signature=abc",
};

describe("request_schema_conformance", () => {
  it("passes a request that matches the documented parameters and body", async () => {
    expect(
      await runClientCheck(requestSchemaConformance, "uqudo.faceMatch", {
        headers: { authorization: "Bearer t" },
        json: { sourceImage: "aGVsbG8=", targetImage: "aGVsbG8=", minimumMatchLevel: 5 },
      }),
    ).toEqual([]);
    expect(
      await runClientCheck(requestSchemaConformance, "zoloz.connectUnenroll", {
        headers: zolozHeaders,
        json: { bizId: "b1", userId: "u1" },
      }),
    ).toEqual([]);
  });

  it("fails minimumMatchLevel outside 1-5, naming the pointer and the spec's bound", async () => {
    const [f] = await runClientCheck(requestSchemaConformance, "uqudo.faceMatch", {
      headers: { authorization: "Bearer t" },
      json: { sourceImage: "aGVsbG8=", targetImage: "aGVsbG8=", minimumMatchLevel: 6 },
    });
    expect(f).toMatchObject({ check: "request_schema_conformance", pointer: "/minimumMatchLevel", actual: 6 });
  });

  it("fails a bizId above its documented 32 characters and a missing Request-Time header", async () => {
    const long = await runClientCheck(requestSchemaConformance, "zoloz.connectUnenroll", {
      headers: zolozHeaders,
      json: { bizId: "b".repeat(33), userId: "u1" },
    });
    expect(long.map((f) => f.pointer)).toEqual(["/bizId"]);
    const { "request-time": _, ...noTime } = zolozHeaders;
    const missing = await runClientCheck(requestSchemaConformance, "zoloz.connectUnenroll", {
      headers: noTime,
      json: { bizId: "b1", userId: "u1" },
    });
    expect(missing.map((f) => f.message).join("\n")).toMatch(/request-time/i);
  });

  it("judges only the parameters of a body it could not read (encrypted without the key)", async () => {
    const found = await runClientCheck(requestSchemaConformance, "zoloz.connectUnenroll", {
      headers: {
        ...zolozHeaders,
        "content-type": "text/plain; charset=UTF-8",
        encrypt: "algorithm=RSA_AES, symmetricKey=abc",
      },
      body: "bm90IGpzb24=",
    });
    expect(found).toEqual([]);
  });
});
