import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../openapi/index.ts";
import type { SentRequest } from "../types.ts";
import { judge, observedExchange } from "./judge.ts";

const spec = loadSpecs();
const example = spec.examples("uqudo").find((e) => e.operationId === "uqudo.oauthToken" && e.status === 200)!;
const request: SentRequest = {
  method: "POST",
  url: "http://upstream/api/oauth/token",
  path: "/api/oauth/token",
  operationPath: "/api/oauth/token",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new Uint8Array(Buffer.from("grant_type=client_credentials&client_id=a&client_secret=b")),
};
const answer = (status: number, headers: Record<string, string>, body: Uint8Array) =>
  judge(
    spec,
    observedExchange(spec.operation("uqudo.oauthToken"), request, { status, headers, body }, {}, new Date(), 1),
    {
      query: {},
      pathParams: {},
      images: [],
      body: { grant_type: "client_credentials", client_id: "a", client_secret: "b" },
    },
  );

describe("judging an observed answer", () => {
  it("checks a gzip answer as the app reads it: the documented example passes, one without access_token fails on the vendor side", () => {
    const gz = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)));
    expect(
      answer(200, { "content-type": "application/json", "content-encoding": "gzip" }, gz(example.value)),
    ).toMatchObject({ status: "passed", findings: [] });
    const { access_token: _, ...broken } = example.value as Record<string, unknown>;
    const judged = answer(200, { "content-type": "application/json", "content-encoding": "gzip" }, gz(broken));
    expect(judged.status).toBe("failed");
    expect(judged.findings.map((f) => [f.side, f.check])).toContainEqual(["vendor", "response_schema_conformance"]);
  });

  it("never scores an outage: an HTML 503 is inconclusive with no vendor finding", () => {
    const judged = answer(503, { "content-type": "text/html" }, new Uint8Array(Buffer.from("<html>down</html>")));
    expect(judged).toMatchObject({ status: "inconclusive", fault: "vendor-outage", findings: [] });
  });
});
