import { describe, expect, it } from "vitest";
import { advanceBody, exchange, spec } from "../checks/testing/exchange.ts";
import { InfraError, type Exchange, type RequestSpec, type Transport } from "../types.ts";
import { Journal } from "./journal.ts";
import { journaling } from "./journaling.ts";

const enroll: RequestSpec = {
  operationId: "advance.enroll",
  body: { kind: "json", value: { userId: "ekc000001-u1", region: "IDN" } },
};
const key = "advance:user:ekc000001-u1";
const caseId = "advance.enroll/test";

/** A transport that answers (or fails) as told, and the journal the decorator writes. */
function over(answer: () => Exchange) {
  const journal = new Journal();
  const inner: Transport = { target: "sandbox", send: async () => answer(), close: async () => {} };
  const transport = journaling(inner, { journal, spec, origin: () => "http://advance.example.test" });
  return { journal, transport };
}

describe("the journaling decorator", () => {
  it("keeps a create the vendor confirmed, with where it was made, and strikes it off when its delete answers", async () => {
    const { journal, transport } = over(() => exchange("advance.enroll", { json: advanceBody() }));
    await transport.send(enroll, { caseId });
    expect(journal.entries(caseId)).toEqual([
      expect.objectContaining({
        key,
        target: "sandbox",
        origin: "http://advance.example.test",
        ids: { userId: "ekc000001-u1" },
      }),
    ]);

    const del = over(() => ({
      ...exchange("advance.deleteEnroll", { json: advanceBody() }),
      request: {
        ...exchange("advance.deleteEnroll").request,
        body: new TextEncoder().encode(JSON.stringify({ userId: "ekc000001-u1" })),
      },
    }));
    del.journal.adopt(journal.entries());
    await del.transport.send(
      { operationId: "advance.deleteEnroll", body: { kind: "json", value: { userId: "ekc000001-u1" } } },
      { caseId },
    );
    expect(del.journal.entries()).toEqual([]);
  });

  it("strikes off a create the vendor refused", async () => {
    const { journal, transport } = over(() =>
      exchange("advance.enroll", { json: { code: "PARAMETER_ERROR", message: "bad region" } }),
    );
    await transport.send(enroll, { caseId });
    expect(journal.entries(caseId)).toEqual([]);
  });

  it("keeps the entry when the answer is an outage, or the request may have arrived before the fault", async () => {
    const outage = over(() => ({
      ...exchange("advance.enroll", { status: 503, body: "<html>down</html>", contentType: "text/html" }),
      fault: { kind: "vendor-outage", reason: "HTTP 503" },
    }));
    await outage.transport.send(enroll, { caseId });
    expect(outage.journal.entries(caseId).map((e) => e.key)).toEqual([key]);

    const reset = over(() => {
      throw new InfraError("connection-reset", "socket hang up", "advance.enroll", true);
    });
    await expect(reset.transport.send(enroll, { caseId })).rejects.toThrow("socket hang up");
    expect(reset.journal.entries(caseId).map((e) => e.key)).toEqual([key]);
  });

  it("strikes off a create that provably never left", async () => {
    const refused = over(() => {
      throw new InfraError("connection-refused", "ECONNREFUSED", "advance.enroll", false);
    });
    await expect(refused.transport.send(enroll, { caseId })).rejects.toThrow("ECONNREFUSED");
    expect(refused.journal.entries(caseId)).toEqual([]);
  });
});
