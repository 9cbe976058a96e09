import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isLoopback } from "./admin.ts";
import { startSandbox, type Sandbox } from "./index.ts";
import { FAULTS, parseFault } from "./switches.ts";
import { advance, advanceToken, b64, call, faceImage, photoForm, uqudo, uqudoToken, zoloz } from "./testing/clients.ts";

// Everything here goes through /_admin over HTTP, as an integrator's test would; one sandbox for the file.
let s: Sandbox;
/** Taken before any fault is set: vendor-error answers the token endpoints too. */
let advanceTok: string;
beforeAll(async () => {
  s = await startSandbox();
  advanceTok = await advanceToken(s);
});
afterAll(() => s.close());
afterEach(async () => {
  await admin("DELETE");
});

async function admin(method: string, path = "", body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const r = await call(`${s.adminUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: r.status, json: r.json, text: r.text };
}

async function putFaults(faults: unknown[]): Promise<void> {
  const r = await admin("PUT", "/faults", faults);
  expect(r.status, r.text).toBe(200);
}

const FACE = "/api/v1/face";
/** An unauthenticated uqudo call: a quick, stateless, documented answer (401). */
const bare = () => fetch(`${s.baseUrls.uqudo}${FACE}`, { method: "POST" });
const statusOf = async () => (await bare()).status;
const unknownUser = async () =>
  (await advance(s, "/face-authentication/get-enroll", { userId: "nobody" }, advanceTok)).json.code;

/** Per fault: how it is set over /_admin, what to observe, and the observation without and with it. */
const PROBES: Record<string, { set: unknown; probe: () => Promise<unknown>; clean: unknown; faulted: unknown }> = {
  outage: {
    set: "outage",
    probe: async () => [(await bare()).status, ((await (await bare()).json()) as any).error !== undefined],
    clean: [401, true],
    faulted: [503, true],
  },
  html: {
    set: "html:1",
    probe: async () => (await bare()).headers.get("content-type")?.split(";")[0],
    clean: "application/json",
    faulted: "text/html",
  },
  "vendor-error": {
    set: { name: "vendor-error" },
    probe: async () => {
      const z = await zoloz(s, "/api/v1/zoloz/authentication/test", { a: 1 });
      const encrypted = await zoloz(s, "/api/v1/zoloz/authentication/test", { a: 1 }, { encrypt: true });
      return [
        await unknownUser(),
        z.json.result?.resultCode ?? "echo",
        z.verified,
        encrypted.plain.result?.resultCode ?? "echo",
        encrypted.verified,
        await statusOf(),
      ];
    },
    clean: ["PARAMETER_ERROR", "echo", "valid", "echo", "valid", 401],
    faulted: ["ERROR", "SYSTEM_ERROR", "valid", "SYSTEM_ERROR", "valid", 500],
  },
  "rate-limit": {
    set: "rate-limit",
    probe: async () => {
      const r = await bare();
      return [r.status, r.headers.get("retry-after")];
    },
    clean: [401, null],
    faulted: [429, "10"],
  },
  "expire-token": {
    set: "expire-token",
    // The token is fetched while the fault is set: token endpoints keep working, the token is then refused.
    probe: async () => (await uqudo(s, FACE, photoForm(await faceImage(1)), await uqudoToken(s))).status,
    clean: 201,
    faulted: 401,
  },
  hang: {
    set: "hang",
    probe: async () =>
      fetch(`${s.baseUrls.uqudo}${FACE}`, { method: "POST", signal: AbortSignal.timeout(700) }).then(
        (r) => r.status,
        (e: Error) => e.name,
      ),
    clean: 401,
    faulted: "TimeoutError",
  },
  delay: {
    set: { name: "delay", delayMs: 1500 },
    probe: async () => {
      const t = Date.now();
      const status = await statusOf();
      return [status, Date.now() - t >= 1500];
    },
    clean: [401, false],
    faulted: [401, true],
  },
  reset: {
    set: "reset",
    probe: () =>
      bare().then(
        (r) => r.status,
        () => "connection error",
      ),
    clean: 401,
    faulted: "connection error",
  },
  "reset-mid-body": {
    set: "reset-mid-body",
    probe: async () =>
      (await bare()).text().then(
        () => "body",
        () => "body cut",
      ),
    clean: "body",
    faulted: "body cut",
  },
  truncate: {
    set: "truncate",
    probe: async () => {
      const text = await (await bare()).text();
      try {
        JSON.parse(text);
        return "json";
      } catch {
        return "cut-off json";
      }
    },
    clean: "json",
    faulted: "cut-off json",
  },
  trickle: {
    set: { name: "trickle", delayMs: 5 },
    probe: async () => {
      const reader = (await bare()).body!.getReader();
      let chunks = 0;
      let bytes = 0;
      for (let c = await reader.read(); !c.done; c = await reader.read()) {
        chunks += 1;
        bytes += c.value.length;
      }
      return chunks === bytes ? "a byte at a time" : "whole";
    },
    clean: "whole",
    faulted: "a byte at a time",
  },
  charset: {
    set: "charset",
    probe: async () => {
      const r = await bare();
      const body = Buffer.from(await r.arrayBuffer());
      return [r.headers.get("content-type"), body[0] === 0xff && body[1] === 0xfe];
    },
    clean: ["application/json", false],
    faulted: ["application/json; charset=UTF-16", true],
  },
  "huge-body": {
    set: { name: "huge-body", bytes: 1024 * 1024 },
    probe: async () => {
      const r = await bare();
      return [r.status, (await r.arrayBuffer()).byteLength];
    },
    clean: [401, expect.any(Number)],
    faulted: [200, 1024 * 1024],
  },
  "redirect-loop": {
    set: "redirect-loop",
    probe: async () => {
      const r = await fetch(`${s.baseUrls.uqudo}${FACE}`, { method: "POST", redirect: "manual" });
      return [r.status, r.headers.get("location")];
    },
    clean: [401, null],
    faulted: [307, `/uqudo${FACE}`],
  },
};

describe("/_admin faults", () => {
  it("every fault --help and /_admin list has a probe here", async () => {
    expect(Object.keys(PROBES).sort()).toEqual(FAULTS.map((f) => f.name).sort());
    const listed = (await admin("GET", "/faults")).json;
    expect(listed.available.map((f: { name: string }) => f.name)).toEqual(FAULTS.map((f) => f.name));
    for (const f of listed.available) expect(f.description).toMatch(/^[^\n]{10,160}$/);
    const doc = readFileSync(new URL("../../docs/sandbox.md", import.meta.url), "utf8");
    for (const f of FAULTS) expect(doc, f.name).toContain(`| \`${f.name}\` |`);
  });

  it.each(FAULTS.map((f) => [f.name]))(
    "%s changes the answers as documented, and clearing restores them",
    async (name) => {
      const p = PROBES[name]!;
      expect(await p.probe()).toEqual(p.clean);
      await putFaults([p.set]);
      expect((await admin("GET", "/faults")).json.active).toEqual([expect.objectContaining({ name })]);
      expect(await p.probe()).toEqual(p.faulted);
      expect((await admin("DELETE", "/faults")).json.active).toEqual([]);
      expect(await p.probe()).toEqual(p.clean);
      expect(s.requests.at(-1)?.fault).toBeUndefined();
    },
  );

  it("rate: a share of the matching requests, the same ones for the same seed; route, times and DELETE /_admin", async () => {
    const pattern = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await statusOf());
      return out.map((x) => (x === 503 ? 1 : 0)).join("");
    };
    await putFaults(["outage:0.5"]);
    const first = await pattern(24);
    await putFaults(["outage:0.5"]);
    expect(await pattern(24)).toBe(first);
    const share = [...first].filter((c) => c === "1").length;
    expect(share).toBeGreaterThan(4);
    expect(share).toBeLessThan(20);
    await putFaults(["outage:0"]);
    expect(await pattern(4)).toBe("0000");
    await putFaults([{ name: "outage", rate: 1, route: "advance" }]);
    expect(await pattern(2)).toBe("00");
    await putFaults([{ name: "outage", times: 2 }]);
    expect(await pattern(3)).toBe("110");
    // Another seed draws another pattern.
    const other = await startSandbox({ seed: "another", faults: [parseFault("outage:0.5")] });
    try {
      let theirs = "";
      for (let i = 0; i < 24; i++)
        theirs += (await fetch(`${other.baseUrls.uqudo}${FACE}`, { method: "POST" })).status === 503 ? "1" : "0";
      expect(theirs).not.toBe(first);
    } finally {
      await other.close();
    }
    await putFaults(["outage"]);
    await admin("PUT", "/mutations", ["uqudo-201-as-200"]);
    expect((await admin("DELETE")).json).toEqual({ mutations: { active: [] }, faults: { active: [] } });
    expect(await statusOf()).toBe(401);
    expect((await uqudo(s, FACE, photoForm(await faceImage(1)), await uqudoToken(s))).status).toBe(201);
  });
});

describe("/_admin mutations", () => {
  it("lists, sets several, and clears; GET /_admin shows switches and bounds", async () => {
    expect((await admin("GET", "/mutations")).json.active).toEqual([]);
    expect((await admin("PUT", "/mutations", ["advance-http-500", "uqudo-201-as-200"])).json.active).toEqual([
      "advance-http-500",
      "uqudo-201-as-200",
    ]);
    const overview = (await admin("GET")).json;
    expect(overview.mutations.active).toEqual(["advance-http-500", "uqudo-201-as-200"]);
    expect(overview.mutations.available).toHaveLength(s.rules.spec ? overview.mutations.available.length : 0);
    expect(overview.limits).toEqual({
      requestLog: 10_000,
      entries: 10_000,
      images: 1_000,
      imageBytes: 256 * 1024 * 1024,
    });
    expect((await advance(s, "/face-authentication/get-enroll", { userId: "x" }, await advanceToken(s))).status).toBe(
      500,
    );
    expect((await admin("DELETE", "/mutations")).json.active).toEqual([]);
    expect((await advance(s, "/face-authentication/get-enroll", { userId: "x" }, await advanceToken(s))).status).toBe(
      200,
    );
  });
});

describe("/_admin state and request log", () => {
  it("shows enrolled users, images as hashes and sizes, the 1:N gallery; never image bytes; DELETE forgets", async () => {
    await admin("DELETE", "/state");
    const img = await faceImage(3);
    const token = await advanceToken(s);
    expect(
      (await advance(s, "/face-authentication/enroll", { userId: "alice", region: "PHL", faceImage: b64(img) }, token))
        .json.code,
    ).toBe("SUCCESS");
    expect(
      (await zoloz(s, "/api/v1/zoloz/connect/enroll", { bizId: "b1", userId: "bob", base64ImageContent: b64(img) }))
        .json.result.resultStatus,
    ).toBe("S");
    const t = await uqudoToken(s);
    const id = (await uqudo(s, "/api/v1/face/one-to-n/insert", { idPhoto: b64(img) }, t)).json.oneToNVerificationId;
    const r = await admin("GET", "/state");
    expect(r.status).toBe(200);
    expect(r.json.advance.users).toEqual([
      {
        userId: "alice",
        region: "PHL",
        enrolledAt: expect.stringMatching(/Z$/),
        images: [
          {
            url: expect.stringContaining("/__images/"),
            sha256Prefix: expect.stringMatching(/^[0-9a-f]{24}$/),
            bytes: img.length,
            contentType: "image/jpeg",
          },
        ],
      },
    ]);
    expect(r.json.zoloz.users).toEqual([
      { userId: "bob", bizId: "b1", faceHash: expect.any(String), transactionId: expect.stringMatching(/^G/) },
    ]);
    expect(r.json.uqudo.gallery).toEqual([
      { oneToNVerificationId: id, faceHash: expect.any(String), imageStored: true },
    ]);
    expect(r.json.images).toEqual({ count: 1, bytes: img.length });
    expect(r.text).not.toContain(b64(img).slice(0, 40));
    expect(r.text).not.toContain(img.toString("base64url").slice(0, 40));
    const cleared = (await admin("DELETE", "/state")).json;
    expect([cleared.advance.users, cleared.zoloz.users, cleared.uqudo.gallery, cleared.images.count]).toEqual([
      [],
      [],
      [],
      0,
    ]);
  });

  it("logs each vendor request (time, method, path, operation, status, fault), no headers or bodies; ?last, DELETE", async () => {
    await admin("DELETE", "/requests");
    const token = await uqudoToken(s);
    await uqudo(s, "/api/v1/face/match", { sourceImage: "AAAA", targetImage: "AAAA" }, token);
    await putFaults(["rate-limit"]);
    await bare();
    await admin("DELETE", "/faults");
    const r = await admin("GET", "/requests");
    expect(r.json.count).toBe(3);
    expect(r.json.requests).toEqual([
      {
        at: expect.stringMatching(/Z$/),
        method: "POST",
        route: "uqudoAuth",
        path: "/api/oauth/token",
        operation: "uqudo.oauthToken",
        status: 200,
      },
      {
        at: expect.any(String),
        method: "POST",
        route: "uqudo",
        path: "/api/v1/face/match",
        operation: "uqudo.faceMatch",
        status: 400,
      },
      { at: expect.any(String), method: "POST", route: "uqudo", path: FACE, fault: "rate-limit" },
    ]);
    expect(r.text).not.toContain(token.slice(-20));
    expect(r.text).not.toContain(s.credentials.uqudo.clientSecret);
    expect((await admin("GET", "/requests?last=1")).json.requests).toEqual([r.json.requests[2]]);
    expect((await admin("DELETE", "/requests")).json.count).toBe(0);
    expect((await admin("GET", "/requests")).json.requests).toEqual([]);
  });
});

describe("/_admin bad input", () => {
  it.each([
    ["PUT", "/faults", '["outage"', 400, /^PUT \/_admin\/faults: body is not JSON/],
    ["PUT", "/faults", "", 400, /a JSON body is required/],
    ["PUT", "/faults", '{"name":"outage"}', 400, /expected a JSON array of faults/],
    ["PUT", "/faults", '["outige"]', 400, /body\[0\]: unknown fault "outige" \(did you mean outage\?\)/],
    ["PUT", "/faults", '["outage:1.5"]', 400, /body\[0\]: rate "1.5" is not a number from 0 to 1/],
    ["PUT", "/faults", '[{"name":"outage","rate":-1}]', 400, /body\[0\]\.rate: -1 is not a number from 0 to 1/],
    ["PUT", "/faults", '[{"name":"outage","rout":"zoloz"}]', 400, /unknown field "rout" \(did you mean route\?\)/],
    [
      "PUT",
      "/faults",
      '[{"name":"outage","route":"acme"}]',
      400,
      /\.route: "acme" is not one of advance, zoloz, uqudo, uqudoAuth/,
    ],
    ["PUT", "/faults", '[{"name":"reset","delayMs":5}]', 400, /only delay and trickle take delayMs/],
    ["PUT", "/faults", `["${"x".repeat(70_000)}"]`, 400, /body over 65536 bytes/],
    [
      "PUT",
      "/mutations",
      '["advance-htp-500"]',
      400,
      /unknown sandbox mutation "advance-htp-500" \(did you mean advance-http-500\?\)/,
    ],
    ["PUT", "/mutations", '"advance-http-500"', 400, /expected a JSON array of mutation names/],
    ["GET", "/requests?last=x", undefined, 400, /\?last=x is not a whole number/],
    ["POST", "/faults", "[]", 405, /method not allowed \(allowed: GET, PUT, DELETE\)/],
    ["GET", "/nothing", undefined, 404, /no such admin resource/],
  ] as const)("%s /_admin%s %s → %i with one line", async (method, path, body, status, message) => {
    await putFaults([{ name: "outage", route: "zoloz" }]);
    const r = await admin(method, path, body);
    expect(r.status).toBe(status);
    expect(Object.keys(r.json)).toEqual(["error"]);
    expect(r.json.error).toMatch(message);
    expect(r.json.error).not.toMatch(/\n/);
    expect(r.json.error.length).toBeLessThan(400);
    // A refused change changes nothing.
    expect((await admin("GET", "/faults")).json.active).toEqual([{ name: "outage", route: "zoloz" }]);
    await admin("DELETE");
  });
});

describe("/_admin is for loopback clients only", () => {
  it("recognises loopback peers", () => {
    for (const a of ["127.0.0.1", "127.9.8.7", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
    for (const a of ["192.0.2.2", "10.0.0.1", "::ffff:192.0.2.2", "fd00::2", "", undefined])
      expect(isLoopback(a), String(a)).toBe(false);
  });

  it("refuses web pages of other origins", async () => {
    const r = await call(`${s.adminUrl}/faults`, {
      method: "PUT",
      headers: { origin: "https://evil.example" },
      body: '["outage"]',
    });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatch(/refuses requests from web pages of other origins/);
    expect((await admin("GET", "/faults")).json.active).toEqual([]);
    expect((await call(`${s.adminUrl}`, { headers: { origin: s.origin } })).status).toBe(200);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4")?.address;
  it.skipIf(external === undefined)(
    "refuses a peer on a non-loopback interface while serving it the vendor routes",
    async () => {
      const open = await startSandbox({ host: "0.0.0.0" });
      try {
        const base = `http://${external}:${open.port}`;
        const r = await call(`${base}/_admin/faults`, { method: "PUT", body: '["outage"]' });
        expect(r.status).toBe(403);
        expect(r.json).toEqual({ error: `/_admin answers loopback clients only, not ${external}` });
        expect((await call(`${base}/_admin`)).status).toBe(403);
        expect(open.faults).toEqual([]);
        expect((await call(`${base}/uqudo${FACE}`, { method: "POST" })).status).toBe(401);
        expect((await call(`${open.adminUrl.replace("0.0.0.0", "127.0.0.1")}`)).status).toBe(200);
      } finally {
        await open.close();
      }
    },
  );
});
