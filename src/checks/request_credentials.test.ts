import { describe, expect, it } from "vitest";
import { requestCredentials } from "./request_credentials.ts";
import { runClientCheck } from "./testing/request.ts";

const match = { sourceImage: "aGVsbG8=", targetImage: "aGVsbG8=" };

describe("request_credentials", () => {
  it("passes ADVANCE's X-ACCESS-TOKEN and uqudo's Bearer token", async () => {
    expect(
      await runClientCheck(requestCredentials, "advance.getEnroll", {
        headers: { "x-access-token": "token" },
        json: { userId: "u1" },
      }),
    ).toEqual([]);
    expect(
      await runClientCheck(requestCredentials, "uqudo.faceMatch", {
        headers: { authorization: "Bearer token" },
        json: match,
      }),
    ).toEqual([]);
  });

  it("fails a uqudo call without a bearer token, or with another scheme", async () => {
    expect(await runClientCheck(requestCredentials, "uqudo.faceMatch", { json: match })).toEqual([
      expect.objectContaining({ check: "request_credentials", pointer: "/headers/authorization", actual: "absent" }),
    ]);
    expect(
      await runClientCheck(requestCredentials, "uqudo.faceMatch", {
        headers: { authorization: "Basic dTpw" },
        json: match,
      }),
    ).toEqual([expect.objectContaining({ actual: "present but malformed" })]);
  });

  it("fails an ADVANCE business call without X-ACCESS-TOKEN, and leaves the unsecured token calls alone", async () => {
    expect(await runClientCheck(requestCredentials, "advance.getEnroll", { json: { userId: "u1" } })).toEqual([
      expect.objectContaining({ pointer: "/headers/x-access-token" }),
    ]);
    expect(
      await runClientCheck(requestCredentials, "uqudo.oauthToken", { body: "grant_type=client_credentials" }),
    ).toEqual([]);
  });
});
