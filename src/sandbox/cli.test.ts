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
    const done = runSandboxCommand({ json: true, stdout: out, signal: abort.signal, onReady: (s) => (origin = s.origin) });
    await new Promise((r) => setTimeout(r, 50));
    while (origin === "") await new Promise((r) => setTimeout(r, 20));
    const first = JSON.parse(text.split("\n")[0]!);
    expect(text.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(first.advance).toMatchObject({ baseUrl: `${origin}/advance`, accessKey: expect.any(String), secretKey: expect.any(String) });
    expect(first.zoloz.baseUrl).toBe(`${origin}/zoloz`);
    expect(existsSync(first.zoloz.merchantPrivateKeyPath)).toBe(true);
    expect(existsSync(first.zoloz.platformPublicKeyPath)).toBe(true);
    expect(first.uqudo).toMatchObject({ baseUrl: `${origin}/uqudo`, authUrl: `${origin}/uqudo-auth`, clientId: expect.any(String), clientSecret: expect.any(String) });
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
});
