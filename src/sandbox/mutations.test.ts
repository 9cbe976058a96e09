import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MUTATIONS, startSandbox, type Sandbox } from "./index.ts";
import {
  ADV,
  advance,
  advanceToken,
  b64,
  call,
  faceImage,
  photoForm,
  uqudo,
  uqudoToken,
  zoloz,
} from "./testing/clients.ts";

let s: Sandbox;
let clock = Date.now();

beforeAll(async () => {
  s = await startSandbox({ now: () => clock });
});
afterAll(() => s.close());

const ENROLL = "/api/v1/zoloz/connect/enroll";
const TEST = "/api/v1/zoloz/authentication/test";
const unknownUser = async () =>
  advance(s, "/face-authentication/get-enroll", { userId: "nobody" }, await advanceToken(s, clock));

/** Per mutation: what to observe, and the observation without and with the mutation. */
const PROBES: Record<string, { probe: () => Promise<unknown>; clean: unknown; mutated: unknown }> = {
  "advance-drop-transaction-id": {
    probe: async () => "transactionId" in (await unknownUser()).json,
    clean: true,
    mutated: false,
  },
  "advance-renamed-code": {
    probe: async () => (await unknownUser()).json.code,
    clean: "PARAMETER_ERROR",
    mutated: "PARAM_ERROR",
  },
  "advance-data-on-error": { probe: async () => (await unknownUser()).json.data, clean: null, mutated: {} },
  "advance-long-transaction-id": {
    probe: async () => (await unknownUser()).json.transactionId.length,
    clean: 16,
    mutated: 65,
  },
  "advance-six-image-urls": {
    probe: async () => {
      const t = await advanceToken(s, clock);
      await advance(
        s,
        "/face-authentication/enroll",
        { userId: "six", region: "PHL", faceImage: b64(await faceImage(1)) },
        t,
      );
      return (await advance(s, "/face-authentication/get-enroll", { userId: "six" }, t)).json.data.imageUrlList.length;
    },
    clean: 1,
    mutated: 6,
  },
  "advance-http-500": { probe: async () => (await unknownUser()).status, clean: 200, mutated: 500 },
  "advance-text-html": {
    probe: async () => (await unknownUser()).headers["content-type"]?.split(";")[0],
    clean: "application/json",
    mutated: "text/html",
  },
  "advance-oversized-image-accepted": {
    probe: async () =>
      (
        await advance(
          s,
          "/face-authentication/enroll",
          { userId: "big", region: "PHL", faceImage: b64(await faceImage(1, { targetBytes: 2 * 1024 * 1024 })) },
          await advanceToken(s, clock),
        )
      ).json.code,
    clean: "PARAMETER_ERROR",
    mutated: "SUCCESS",
  },
  "advance-expired-token-accepted": {
    probe: async () => {
      const t = await advanceToken(s, clock, 60);
      clock += 120_000;
      const r = await advance(s, "/face-authentication/get-enroll", { userId: "nobody" }, t);
      clock = Date.now();
      return r.json.code;
    },
    clean: "IAM_FAILED",
    mutated: "PARAMETER_ERROR",
  },
  "advance-delete-noop": {
    probe: async () => {
      const t = await advanceToken(s, clock);
      await advance(
        s,
        "/face-authentication/enroll",
        { userId: "del", region: "PHL", faceImage: b64(await faceImage(1)) },
        t,
      );
      await advance(s, "/face-authentication/delete-enroll", { userId: "del" }, t);
      return (await advance(s, "/face-authentication/get-enroll", { userId: "del" }, t)).json.code;
    },
    clean: "PARAMETER_ERROR",
    mutated: "SUCCESS",
  },
  "advance-undocumented-message": {
    probe: async () => (await unknownUser()).json.message,
    clean: "UserId is invalid",
    mutated: "Illegal parameter value.",
  },
  "advance-region-unchecked": {
    probe: async () =>
      (
        await advance(
          s,
          "/face-authentication/enroll",
          { userId: "r", region: "XYZ", faceImage: b64(await faceImage(1)) },
          await advanceToken(s, clock),
        )
      ).json.code,
    clean: "PARAMETER_ERROR",
    mutated: "SUCCESS",
  },
  "advance-missing-pricing-strategy": {
    probe: async () => "pricingStrategy" in (await unknownUser()).json,
    clean: true,
    mutated: false,
  },

  "zoloz-bad-response-signature": {
    probe: async () => (await zoloz(s, TEST, { a: 1 })).verified,
    clean: "valid",
    mutated: "invalid",
  },
  "zoloz-missing-response-signature": {
    probe: async () => (await zoloz(s, TEST, { a: 1 })).verified,
    clean: "valid",
    mutated: "missing",
  },
  "zoloz-status-mismatch": {
    probe: async () => (await zoloz(s, ENROLL, { userId: "u", base64ImageContent: "AAAA" })).json.result.resultStatus,
    clean: "F",
    mutated: "S",
  },
  "zoloz-missing-transaction-id-on-success": {
    probe: async () =>
      "transactionId" in
      (await zoloz(s, ENROLL, { bizId: "b", userId: "u", base64ImageContent: b64(await faceImage(1)) })).json,
    clean: true,
    mutated: false,
  },
  "zoloz-unsigned-request-accepted": {
    probe: async () => (await zoloz(s, TEST, { a: 1 }, { sign: false })).json.result?.resultCode ?? "echo",
    clean: "SIGNATURE_INVALID",
    mutated: "echo",
  },
  "zoloz-result-status-x": {
    probe: async () => (await zoloz(s, ENROLL, { userId: "u" })).json.result.resultStatus,
    clean: "F",
    mutated: "X",
  },
  "zoloz-http-400-on-error": {
    probe: async () => (await zoloz(s, ENROLL, { userId: "u" })).status,
    clean: 200,
    mutated: 400,
  },
  "zoloz-length-unchecked": {
    probe: async () =>
      (await zoloz(s, ENROLL, { bizId: "b".repeat(33), userId: "u", base64ImageContent: b64(await faceImage(1)) })).json
        .result.resultStatus,
    clean: "F",
    mutated: "S",
  },
  "zoloz-plain-response-to-encrypted": {
    probe: async () => "encrypt" in (await zoloz(s, TEST, { a: 1 }, { encrypt: true })).headers,
    clean: true,
    mutated: false,
  },

  "uqudo-match-level-6": {
    probe: async () =>
      (
        await uqudo(
          s,
          "/api/v1/face/match",
          { sourceImage: b64(await faceImage(1)), targetImage: b64(await faceImage(1)) },
          await uqudoToken(s),
        )
      ).json.matchLevel,
    clean: 5,
    mutated: 6,
  },
  "uqudo-match-inconsistent": {
    probe: async () =>
      (
        await uqudo(
          s,
          "/api/v1/face/match",
          { sourceImage: b64(await faceImage(1)), targetImage: b64(await faceImage(2)) },
          await uqudoToken(s),
        )
      ).json.match,
    clean: false,
    mutated: true,
  },
  "uqudo-delete-noop": {
    probe: async () => {
      const t = await uqudoToken(s);
      const id = (await uqudo(s, "/api/v1/face/one-to-n/insert", { idPhoto: b64(await faceImage(1)) }, t)).json
        .oneToNVerificationId;
      const del = () => uqudo(s, `/api/v1/face/one-to-n/search/${id}`, undefined, t, "DELETE");
      return [(await del()).status, (await del()).status];
    },
    clean: [204, 404],
    mutated: [204, 204],
  },
  "uqudo-201-as-200": {
    probe: async () => (await uqudo(s, "/api/v1/face", photoForm(await faceImage(1)), await uqudoToken(s))).status,
    clean: 201,
    mutated: 200,
  },
  "uqudo-unsupported-media-accepted": {
    probe: async () =>
      (
        await uqudo(
          s,
          "/api/v1/face",
          photoForm(await faceImage(1, { format: "gif" }), "image/gif"),
          await uqudoToken(s),
        )
      ).status,
    clean: 415,
    mutated: 201,
  },
  "uqudo-oversized-image-accepted": {
    probe: async () =>
      (
        await uqudo(
          s,
          "/api/v1/face/one-to-n/insert",
          { idPhoto: b64(await faceImage(1, { targetBytes: 5 * 1024 * 1024 + 1 })) },
          await uqudoToken(s),
        )
      ).status,
    clean: 413,
    mutated: 200,
  },
  "uqudo-expired-token-accepted": {
    probe: async () => {
      const t = await uqudoToken(s);
      clock += 1801_000;
      const r = await uqudo(s, "/api/v1/face/one-to-n/search", { idPhoto: b64(await faceImage(1)) }, t);
      clock = Date.now();
      return r.status;
    },
    clean: 401,
    mutated: 200,
  },
  "uqudo-missing-session-id": {
    probe: async () =>
      "sessionId" in (await uqudo(s, "/api/v1/face", photoForm(await faceImage(1)), await uqudoToken(s))).json,
    clean: true,
    mutated: false,
  },
  "uqudo-204-with-body": {
    probe: async () => {
      const t = await uqudoToken(s);
      const id = (await uqudo(s, "/api/v1/face/one-to-n/insert", { idPhoto: b64(await faceImage(1)) }, t)).json
        .oneToNVerificationId;
      const r = await uqudo(s, `/api/v1/face/one-to-n/search/${id}`, undefined, t, "DELETE");
      return [r.status, r.headers["content-length"] ?? "0"];
    },
    clean: [204, "0"],
    mutated: [204, String(JSON.stringify({ deleted: true }).length)],
  },
  "uqudo-invalid-level-accepted": {
    probe: async () =>
      (
        await uqudo(
          s,
          "/api/v1/face/match",
          { sourceImage: b64(await faceImage(1)), targetImage: b64(await faceImage(1)), minimumMatchLevel: 9 },
          await uqudoToken(s),
        )
      ).status,
    clean: 400,
    mutated: 200,
  },
  "uqudo-token-expires-in-string": {
    probe: async () => {
      const { clientId, clientSecret } = s.credentials.uqudo;
      const r = await call(`${s.baseUrls.uqudoAuth}/api/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: clientSecret,
        }).toString(),
      });
      return typeof r.json.expires_in;
    },
    clean: "number",
    mutated: "string",
  },
};

describe("mutations", () => {
  it("has at least 22 uniquely named mutations, each probed here", () => {
    const names = MUTATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(22);
    expect(Object.keys(PROBES).sort()).toEqual([...names].sort());
    for (const m of MUTATIONS) {
      expect(m.name.startsWith(`${m.vendor}-`), m.name).toBe(true);
      expect(m.operations.length).toBeGreaterThan(0);
      for (const op of m.operations) expect(op.startsWith(`${m.vendor}.`)).toBe(true);
    }
  });

  it("docs/sandbox.md lists every mutation", () => {
    const doc = readFileSync(new URL("../../docs/sandbox.md", import.meta.url), "utf8");
    for (const m of MUTATIONS) expect(doc, m.name).toContain(`| \`${m.name}\` |`);
  });

  // Switched over /_admin as an integrator would (setMutation is the same switch in-process).
  const admin = async (method: string, path: string, body?: string) => {
    const r = await call(`${s.adminUrl}${path}`, { method, ...(body === undefined ? {} : { body }) });
    expect(r.status, r.text).toBe(200);
    return r.json;
  };

  it.each(MUTATIONS.map((m) => [m.name]))(
    "%s changes the behaviour it claims, set over /_admin, and clearing restores it",
    async (name) => {
      const p = PROBES[name]!;
      await admin("DELETE", "/state");
      expect(await p.probe()).toEqual(p.clean);
      expect((await admin("PUT", "/mutations", JSON.stringify([name]))).active).toEqual([name]);
      await admin("DELETE", "/state");
      expect(await p.probe()).toEqual(p.mutated);
      expect((await admin("DELETE", "/mutations")).active).toEqual([]);
      await admin("DELETE", "/state");
      expect(await p.probe()).toEqual(p.clean);
    },
  );

  it("a mutation only touches its own vendor", async () => {
    s.setMutation("advance-http-500");
    expect((await zoloz(s, TEST, { a: 1 })).status).toBe(200);
    s.setMutation(null);
  });

  it("startSandbox({mutation}) activates it and unknown names are refused", async () => {
    const m = await startSandbox({ mutation: "advance-http-500" });
    try {
      expect(m.mutation).toBe("advance-http-500");
      const r = await call(`${m.baseUrls.advance}${ADV}/face-authentication/get-enroll`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(r.status).toBe(500);
    } finally {
      await m.close();
    }
    await expect(startSandbox({ mutation: "no-such-mutation" })).rejects.toThrow(/unknown sandbox mutation/);
    expect(() => s.setMutation("no-such-mutation")).toThrow(/unknown sandbox mutation/);
  });
});
