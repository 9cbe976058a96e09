import { describe, expect, it } from "vitest";
import { requestSignature } from "./request_signature.ts";
import { runClientCheck, sandboxKeys, zolozSignature } from "./testing/request.ts";

const path = "/api/v1/zoloz/connect/unenroll";
const clientId = "2188813011569652";
const time = "2026-01-02T03:04:05+0000";
const body = JSON.stringify({ bizId: "b1", userId: "u1" });
const keys = () => ({ zolozMerchantPublic: sandboxKeys().merchantPublic });
const signed = (signature: string, sent = body) =>
  runClientCheck(requestSignature, "zoloz.connectUnenroll", {
    headers: { "client-id": clientId, "request-time": time, signature },
    body: sent,
    keys: keys(),
  });

describe("request_signature", () => {
  it("passes a request signed with the merchant private key over the documented content", async () => {
    expect(await signed(zolozSignature(path, clientId, time, body))).toEqual([]);
  });

  it("fails a signature made with another key, and a body changed after signing", async () => {
    expect(await signed(zolozSignature(path, clientId, time, body, sandboxKeys().platformPrivate))).toEqual([
      expect.objectContaining({ check: "request_signature", actual: "signature-mismatch" }),
    ]);
    expect(await signed(zolozSignature(path, clientId, time, body), body.replace("u1", "u2"))).toEqual([
      expect.objectContaining({ actual: "signature-mismatch" }),
    ]);
    expect(await signed("algorithm=RSA256")).toEqual([expect.objectContaining({ actual: "signature-malformed" })]);
  });

  it("does not apply without the merchant public key", async () => {
    expect(
      await runClientCheck(requestSignature, "zoloz.connectUnenroll", {
        headers: { "client-id": clientId, "request-time": time, signature: "x" },
        body,
      }),
    ).toEqual([]);
  });
});
