// The proxy as a user starts it: the real command line in a child process. Bad input is one line and exit 2; a
// SIGTERM writes every report and exits by the verdict.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cleanEnv, runCli, shown } from "../cli/cli-process.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { uqudoApp } from "./app.ts";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe("ekyc-conformance proxy on the command line", () => {
  it("bad input is one line and exit 2: an unknown vendor, an upstream that refuses, a port in use", async () => {
    const refused = await freePort();
    const busy = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => busy.once("listening", resolve));
    try {
      const port = (busy.address() as AddressInfo).port;
      const runs = await Promise.all([
        runCli(["proxy", "--vendor", "acme"]),
        runCli(["proxy", "--vendor", "uqudo", "--upstream", `http://127.0.0.1:${refused}`]),
        runCli(["proxy", "--vendor", "uqudo", "--port", String(port)]),
      ]);
      const expected = [
        /'acme' is invalid.*advance, zoloz, uqudo/i,
        new RegExp(`--upstream http://127.0.0.1:${refused} refuses connections`),
        new RegExp(`--port ${port} is in use`),
      ];
      runs.forEach((r, i) => {
        expect(r.code, shown(r)).toBe(2);
        expect(r.stderr.trim().split("\n"), shown(r)).toHaveLength(1);
        expect(r.stderr, shown(r)).toMatch(expected[i]!);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    } finally {
      busy.close();
    }
  });

  it("prints the URL as one JSON line, a live line per exchange, and on SIGTERM writes every report and exits 1 on a finding", async () => {
    const out = mkdtempSync(join(tmpdir(), "proxy-cli-"));
    const child = spawn(process.execPath, [BIN, "proxy", "--vendor", "uqudo", "--json", "--out", out], {
      cwd: REPO_ROOT,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0]!);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const ready = JSON.parse(first) as { url: string; sandbox: { uqudo: { clientId: string; clientSecret: string } } };
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await uqudoApp(ready.url, ready.sandbox.uqudo, { withToken: false });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Wait for both live lines, then stop the proxy as CI would.
    for (let i = 0; i < 100 && (stderr.match(/^proxy: /gm) ?? []).length < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    const code = await exited;
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/proxy: POST uqudo\.oauthToken → 200: passed, 0 findings/);
    expect(stderr).toMatch(/proxy: POST uqudo\.faceMatch → 401: failed, 1 finding \(1 client-side, 0 vendor-side\)/);
    // stdout stays the one JSON line; the reports' list goes to stderr.
    expect(stdout.trim().split("\n")).toHaveLength(1);
    for (const file of ["results.json", "conformance.html", "junit.xml", "allure-results"])
      expect(existsSync(join(out, file)), file).toBe(true);
    const results = readFileSync(join(out, "results.json"), "utf8");
    expect(results).not.toContain(ready.sandbox.uqudo.clientSecret);
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toContain("request_credentials");
  });
});
