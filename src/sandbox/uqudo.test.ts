import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSpecs } from "../openapi/index.ts";
import { startSandbox, type Sandbox } from "./index.ts";
import { b64, call, faceImage, photoForm, uqudo, uqudoToken } from "./testing/clients.ts";

const spec = loadSpecs();
let s: Sandbox;
let clock = Date.now();
let token: string;

beforeAll(async () => {
  s = await startSandbox({ now: () => clock });
});
afterAll(() => s.close());
beforeEach(async () => {
  s.reset();
  s.setMutation(null);
  clock = Date.now();
  token = await uqudoToken(s);
});

const form = (body: Record<string, string>, type = "application/x-www-form-urlencoded") => ({
  method: "POST",
  headers: { "content-type": type },
  body: new URLSearchParams(body).toString(),
});

describe("uqudo auth server", () => {
  it("issues a bearer JWS for 1800 s that validates against the spec", async () => {
    const { clientId, clientSecret } = s.credentials.uqudo;
    const r = await call(
      `${s.baseUrls.uqudoAuth}/api/oauth/token`,
      form({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: "bearer", expires_in: 1800 });
    expect(spec.validateResponse("uqudo.oauthToken", 200, r.headers, r.json)).toEqual([]);
  });

  it("answers 401 for wrong credentials, grant type, content type or garbage", async () => {
    const { clientId, clientSecret } = s.credentials.uqudo;
    const url = `${s.baseUrls.uqudoAuth}/api/oauth/token`;
    for (const init of [
      form({ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong" }),
      form({ grant_type: "password", client_id: clientId, client_secret: clientSecret }),
      form({ client_id: clientId, client_secret: clientSecret }),
      form({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }, "application/json"),
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "%%%&&&" },
    ]) {
      expect((await call(url, init)).status).toBe(401);
    }
    expect((await call(url)).status).toBe(405);
  });
});

describe("uqudo face API", () => {
  it("face session: 201 {sessionId} for JPEG and PNG; 400/413/415 for bad input; 401 without a valid token", async () => {
    const ok = await uqudo(s, "/api/v1/face", photoForm(await faceImage(1)), token);
    expect(ok.status).toBe(201);
    expect(ok.json.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(spec.validateResponse("uqudo.faceSession", 201, ok.headers, ok.json)).toEqual([]);
    expect(
      (await uqudo(s, "/api/v1/face", photoForm(await faceImage(1, { format: "png" }), "image/png"), token)).status,
    ).toBe(201);
    expect(
      (await uqudo(s, "/api/v1/face", photoForm(await faceImage(1, { format: "gif" }), "image/gif"), token)).status,
    ).toBe(415);
    const huge = await faceImage(1, { targetBytes: 5 * 1024 * 1024 + 1 });
    expect((await uqudo(s, "/api/v1/face", photoForm(huge), token)).status).toBe(413);
    expect((await uqudo(s, "/api/v1/face", photoForm(Buffer.from("hello")), token)).status).toBe(400);
    expect((await uqudo(s, "/api/v1/face", photoForm(await faceImage(1), "image/jpeg", "other"), token)).status).toBe(
      400,
    );
    expect((await uqudo(s, "/api/v1/face", { idPhoto: "x" }, token)).status).toBe(415);
    expect((await uqudo(s, "/api/v1/face", photoForm(await faceImage(1)), undefined)).status).toBe(401);
    expect((await uqudo(s, "/api/v1/face", photoForm(await faceImage(1)), "not.a.jwt")).status).toBe(401);
  });

  it("face match: same subject matches, different subjects do not, level rules, determinism", async () => {
    const a = b64(await faceImage(7));
    const a2 = b64(await faceImage(7, { format: "png" }));
    const b = b64(await faceImage(8));
    const same = await uqudo(s, "/api/v1/face/match", { sourceImage: a, targetImage: a2 }, token);
    expect(same.status).toBe(200);
    expect(same.json).toEqual({ match: true, matchLevel: 5 });
    const diff = await uqudo(s, "/api/v1/face/match", { sourceImage: a, targetImage: b }, token);
    expect(diff.json.match).toBe(false);
    expect(diff.json.matchLevel).toBeLessThan(3);
    expect(spec.validateResponse("uqudo.faceMatch", 200, diff.headers, diff.json)).toEqual([]);
    const strict = await uqudo(
      s,
      "/api/v1/face/match",
      { sourceImage: a, targetImage: b, minimumMatchLevel: 1 },
      token,
    );
    expect(strict.json.match).toBe(true);
    const again = await uqudo(s, "/api/v1/face/match", { sourceImage: a, targetImage: b }, token);
    expect(again.json).toEqual(diff.json);
    for (const bad of [
      { sourceImage: a },
      { sourceImage: a, targetImage: "" },
      { sourceImage: a, targetImage: 5 },
      { sourceImage: a, targetImage: b, minimumMatchLevel: 0 },
      { sourceImage: a, targetImage: b, minimumMatchLevel: 6 },
      { sourceImage: a, targetImage: b, minimumMatchLevel: 2.5 },
      { sourceImage: a, targetImage: b, minimumMatchLevel: "3" },
    ]) {
      expect((await uqudo(s, "/api/v1/face/match", bad, token)).status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect(
      (
        await uqudo(
          s,
          "/api/v1/face/match",
          { sourceImage: a, targetImage: b64(await faceImage(8, { format: "webp" })) },
          token,
        )
      ).status,
    ).toBe(415);
    expect((await uqudo(s, "/api/v1/face/match", "{bad", token)).status).toBe(400);
  });

  it("1:N: insert → search match → delete 204 → delete 404; search without match, with insert", async () => {
    const me = b64(await faceImage(11));
    const other = b64(await faceImage(12));
    const ins = await uqudo(s, "/api/v1/face/one-to-n/insert", { idPhoto: me }, token);
    expect(ins.status).toBe(200);
    const id = ins.json.oneToNVerificationId as string;
    expect(spec.validateResponse("uqudo.faceSearchInsert", 200, ins.headers, ins.json)).toEqual([]);
    const hit = await uqudo(s, "/api/v1/face/one-to-n/search", { idPhoto: me }, token);
    expect(hit.json).toEqual({ oneToNVerificationId: id, oneToNVerificationMatch: true });
    const miss = await uqudo(s, "/api/v1/face/one-to-n/search", { idPhoto: other }, token);
    expect(miss.json).toEqual({ oneToNVerificationMatch: false });
    expect(spec.validateResponse("uqudo.faceSearch", 200, miss.headers, miss.json)).toEqual([]);
    const added = await uqudo(s, "/api/v1/face/one-to-n/search", { idPhoto: other, insert: true }, token);
    expect(added.json.oneToNVerificationMatch).toBe(false);
    expect(added.json.oneToNVerificationId).not.toBe(id);
    expect(
      (await uqudo(s, "/api/v1/face/one-to-n/search", { idPhoto: other }, token)).json.oneToNVerificationMatch,
    ).toBe(true);
    expect((await uqudo(s, "/api/v1/face/one-to-n/search", { idPhoto: me, insert: "yes" }, token)).status).toBe(400);
    const del = await uqudo(s, `/api/v1/face/one-to-n/search/${id}`, undefined, token, "DELETE");
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await uqudo(s, `/api/v1/face/one-to-n/search/${id}`, undefined, token, "DELETE")).status).toBe(404);
    expect((await uqudo(s, "/api/v1/face/one-to-n/search/unknown-id", undefined, token, "DELETE")).status).toBe(404);
    expect((await uqudo(s, `/api/v1/face/one-to-n/search/${id}`, undefined, undefined, "DELETE")).status).toBe(401);
    expect((await uqudo(s, "/api/v1/face/one-to-n/search", undefined, token, "GET")).status).toBe(405);
    expect((await uqudo(s, "/api/v1/nothing", {}, token)).status).toBe(404);
  });

  it("expired tokens are refused with 401", async () => {
    clock += 1801_000;
    expect((await uqudo(s, "/api/v1/face/one-to-n/insert", { idPhoto: b64(await faceImage(1)) }, token)).status).toBe(
      401,
    );
  });

  it("a 20 MB body is answered 413 without crashing, and the server keeps serving", async () => {
    const r = await uqudo(
      s,
      "/api/v1/face/one-to-n/insert",
      JSON.stringify({ idPhoto: "A".repeat(20 * 1024 * 1024) }),
      token,
    );
    expect(r.status).toBe(413);
    expect((await uqudo(s, "/api/v1/face/one-to-n/insert", { idPhoto: b64(await faceImage(1)) }, token)).status).toBe(
      200,
    );
  });

  it("answered only with rejections the spec documents (no fallback used)", () => {
    expect(s.rules.gaps).toEqual([]);
  });
});
