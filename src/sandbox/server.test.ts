import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../openapi/index.ts";
import { startSandbox, type Sandbox } from "./index.ts";
import { call, faceImage } from "./testing/clients.ts";

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.close());

describe("sandbox server", () => {
  it("routes every spec operation from its spec path (and nothing else)", () => {
    const spec = loadSpecs();
    for (const o of spec.operations) {
      const concrete = o.path.replace(/\{[^}]+\}/g, "some-id");
      expect(s.rules.route(o.vendor, concrete).find((r) => r.method === o.method)?.id).toBe(o.id);
    }
    expect(
      s.rules.route("advance", "/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll/extra"),
    ).toEqual([]);
    expect(s.rules.route("zoloz", "/api/v1/face/match")).toEqual([]);
  });

  it("registers and serves images, and only its own", async () => {
    const img = await faceImage(1);
    const url = s.registerImage(img);
    const r = await fetch(url);
    expect(r.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await r.arrayBuffer()).equals(img)).toBe(true);
    const posted = await call(`${s.origin}/__images`, { method: "POST", body: new Uint8Array(img) });
    expect(posted.status).toBe(201);
    expect(posted.json.url).toBe(url);
    expect((await call(`${s.origin}/__images/0000`)).status).toBe(404);
  });

  it("survives garbage: odd methods, binary bodies, huge bodies, bad targets", async () => {
    for (const [path, init] of [
      ["/advance/openapi/auth/ticket/v1/generate-token", { method: "PUT", body: Buffer.from([0, 1, 2]) }],
      [
        "/uqudo/api/v1/face",
        { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "--x\r\ngarbage" },
      ],
      [
        "/uqudo/api/v1/face",
        { method: "POST", headers: { "content-type": "multipart/form-data" }, body: "no boundary" },
      ],
      [
        "/advance/openapi/auth/ticket/v1/generate-token",
        { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(20 * 1024 * 1024) },
      ],
      ["/%zz", {}],
    ] as const) {
      const r = await call(`${s.origin}${path}`, init as RequestInit);
      expect(r.status, path).toBeLessThan(500);
    }
    expect((await call(`${s.origin}/uqudo-auth/api/oauth/token`, { method: "POST" })).status).toBe(401);
  });

  it("injects faults: status, reset, rate-limit, and disarms after `times`", async () => {
    s.setFaults([{ kind: "status", status: 503, route: "uqudo", times: 1 }]);
    expect((await call(`${s.baseUrls.uqudo}/api/v1/face`, { method: "POST" })).status).toBe(503);
    expect((await call(`${s.baseUrls.uqudo}/api/v1/face`, { method: "POST" })).status).toBe(401);
    s.setFaults([{ kind: "reset", route: "advance", times: 1 }]);
    await expect(fetch(`${s.baseUrls.advance}/x`)).rejects.toThrow();
    s.setFaults([{ kind: "rate-limit", route: "advance" }]);
    const busy = await call(`${s.baseUrls.advance}/x`);
    expect(busy.json.code).toBe("SERVICE_BUSY");
    expect(busy.headers["retry-after"]).toBe("10s");
    s.setFaults(null);
  });

  it("reset() clears state and restarts the id sequences", async () => {
    s.reset();
    const a = await call(`${s.baseUrls.advance}/openapi/auth/ticket/v1/generate-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    s.reset();
    const b = await call(`${s.baseUrls.advance}/openapi/auth/ticket/v1/generate-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(b.json.transactionId).toBe(a.json.transactionId);
  });
});
