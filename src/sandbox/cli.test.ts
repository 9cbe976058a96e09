import { existsSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runSandboxCommand } from "./index.ts";

describe("runSandboxCommand", () => {
  it("--json prints exactly one JSON object on the first line, serves, and closes on abort", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (c) => (text += c));
    const abort = new AbortController();
    let origin = "";
    const done = runSandboxCommand({
      json: true,
      stdout: out,
      signal: abort.signal,
      onReady: (s) => (origin = s.origin),
    });
    await new Promise((r) => setTimeout(r, 50));
    while (origin === "") await new Promise((r) => setTimeout(r, 20));
    const first = JSON.parse(text.split("\n")[0]!);
    expect(text.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(first.advance).toMatchObject({
      baseUrl: `${origin}/advance`,
      accessKey: expect.any(String),
      secretKey: expect.any(String),
    });
    expect(first.zoloz.baseUrl).toBe(`${origin}/zoloz`);
    expect(existsSync(first.zoloz.merchantPrivateKeyPath)).toBe(true);
    expect(existsSync(first.zoloz.platformPublicKeyPath)).toBe(true);
    expect(first.uqudo).toMatchObject({
      baseUrl: `${origin}/uqudo`,
      authUrl: `${origin}/uqudo-auth`,
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    expect((await fetch(`${origin}/advance/nowhere`)).status).toBe(404);
    abort.abort();
    expect(await done).toBe(0);
    await expect(fetch(`${origin}/advance/nowhere`)).rejects.toThrow();
  });

  it("without --json prints base URLs and credentials for humans", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (c) => (text += c));
    const abort = new AbortController();
    const done = runSandboxCommand({ stdout: out, signal: abort.signal, onReady: () => abort.abort() });
    expect(await done).toBe(0);
    expect(text).toMatch(/ADVANCE\.AI\s+http:\/\/127\.0\.0\.1:\d+\/advance/);
    expect(text).toMatch(/merchant private key .*merchant-private\.pem/);
  });

  it("--mutation applies every named mutation together, and names them", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (c) => (text += c));
    const abort = new AbortController();
    let origin = "";
    const done = runSandboxCommand({
      stdout: out,
      signal: abort.signal,
      mutation: ["advance-http-500", "uqudo-201-as-200"],
      onReady: (s) => (origin = s.origin),
    });
    while (origin === "") await new Promise((r) => setTimeout(r, 20));
    try {
      expect(text).toContain("mutations   advance-http-500,uqudo-201-as-200");
      const get = await fetch(
        `${origin}/advance/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/get-enroll`,
        { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
      );
      expect(get.status).toBe(500);
    } finally {
      abort.abort();
    }
    expect(await done).toBe(0);
    await expect(runSandboxCommand({ mutation: ["advance-htp-500"] })).rejects.toThrow(
      /unknown sandbox mutation "advance-htp-500" \(did you mean advance-http-500\?\)/,
    );
  });
});
