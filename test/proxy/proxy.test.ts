// The conformance proxy end to end, in process: a small app (./app.ts) calls the vendors through
// `ekyc-conformance proxy` to the embedded sandbox; each side's findings, the exit code and the bytes are checked.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { loadSandboxCredentials } from "../../src/auth/sandbox-credentials.ts";
import { publicCredentials } from "../../src/sandbox/credentials.ts";
import { startSandbox } from "../../src/sandbox/server.ts";
import type { RunResults } from "../../src/results/model.ts";
import { advanceApp, face, post, requestTime, startProxyCommand, uqudoApp, zolozApp } from "./app.ts";
import { zolozSignature } from "../../src/checks/testing/request.ts";

const keys = loadSandboxCredentials().keys;
const creds = publicCredentials();
const findings = (r: RunResults) =>
  r.cases.flatMap((c) =>
    c.findings.map((f) => ({ side: f.side, check: f.check, operation: c.operationId, severity: f.severity })),
  );

describe("ekyc-conformance proxy", () => {
  it("correct traffic of all three vendors: every exchange judged, no finding, exit 0", async () => {
    for (const vendor of ["advance", "zoloz", "uqudo"] as const) {
      const proxy = await startProxyCommand({ vendor, quiet: true });
      if (vendor === "advance") await advanceApp(proxy.url, proxy.ready["sandbox"].advance, await face());
      if (vendor === "zoloz")
        expect(
          (await zolozApp(proxy.url, proxy.ready["sandbox"].zoloz.clientId, keys.merchantPrivate, await face())).status,
        ).toBe(200);
      if (vendor === "uqudo")
        expect((await uqudoApp(proxy.url, proxy.ready["sandbox"].uqudo, { withToken: true })).status).toBe(200);
      const { code, results } = await proxy.stop();
      expect(findings(results), vendor).toEqual([]);
      expect(results.cases.map((c) => c.status)).toEqual(results.cases.map(() => "passed"));
      expect(results.cases.map((c) => c.operationId)).toEqual(
        {
          advance: ["advance.generateToken", "advance.enroll", "advance.getEnroll"],
          zoloz: ["zoloz.connectEnroll"],
          uqudo: ["uqudo.oauthToken", "uqudo.faceMatch"],
        }[vendor],
      );
      expect(results.run.proxy).toEqual({ vendor, upstream: proxy.ready["upstream"] });
      // The vendor-side checks a run uses did run on every answer.
      expect(
        results.cases.every(
          (c) => c.checks.includes("response_schema_conformance") && c.checks.includes("request_schema_conformance"),
        ),
      ).toBe(true);
      expect(code).toBe(0);
    }
  });

  it("an oversize image, a wrong ZOLOZ signature and a missing uqudo token are each the app's finding (exit 1)", async () => {
    const advance = await startProxyCommand({ vendor: "advance", quiet: true });
    await advanceApp(advance.url, advance.ready["sandbox"].advance, await face(0, { targetBytes: 3 * 1024 * 1024 }));
    const a = await advance.stop();
    expect(findings(a.results)).toEqual([
      { side: "client", check: "request_image_limits", operation: "advance.enroll", severity: "failure" },
    ]);
    expect(a.code).toBe(1);

    const zoloz = await startProxyCommand({ vendor: "zoloz", quiet: true });
    await zolozApp(zoloz.url, zoloz.ready["sandbox"].zoloz.clientId, keys.platformPrivate, await face());
    const z = await zoloz.stop();
    expect(findings(z.results)).toEqual([
      { side: "client", check: "request_signature", operation: "zoloz.connectEnroll", severity: "failure" },
    ]);
    expect(z.code).toBe(1);

    const uqudo = await startProxyCommand({ vendor: "uqudo" });
    expect((await uqudoApp(uqudo.url, uqudo.ready["sandbox"].uqudo, { withToken: false })).status).toBe(401);
    const u = await uqudo.stop();
    expect(findings(u.results)).toEqual([
      { side: "client", check: "request_credentials", operation: "uqudo.faceMatch", severity: "failure" },
    ]);
    // The live line names the operation, the status and the findings by side.
    expect(uqudo.stderr()).toMatch(
      /proxy: POST uqudo\.faceMatch → 401: failed, 1 finding \(1 client-side, 0 vendor-side\)/,
    );
    expect(u.code).toBe(1);
  });

  it("a sandbox mutation is the vendor's finding, with the keys given on the command line", async () => {
    const sandbox = await startSandbox({ mutation: "zoloz-bad-response-signature" });
    try {
      const proxy = await startProxyCommand({
        vendor: "zoloz",
        quiet: true,
        upstream: sandbox.baseUrls.zoloz,
        zolozMerchantPublicKey: creds.zoloz.merchantPublicKeyPath,
        zolozPlatformPublicKey: creds.zoloz.platformPublicKeyPath,
      });
      await zolozApp(proxy.url, creds.zoloz.clientId, keys.merchantPrivate, await face());
      const { code, results } = await proxy.stop();
      expect(findings(results)).toEqual([
        { side: "vendor", check: "response_signature", operation: "zoloz.connectEnroll", severity: "failure" },
      ]);
      expect(results.run.target).toBe("live");
      expect(code).toBe(1);
    } finally {
      await sandbox.close();
    }
  });

  it("--max-requests stops by itself after that many exchanges and writes the reports", async () => {
    const proxy = await startProxyCommand({ vendor: "uqudo", quiet: true, maxRequests: "2" });
    await uqudoApp(proxy.url, proxy.ready["sandbox"].uqudo, { withToken: true });
    // No signal: the command ends on its own once the second exchange is judged.
    const code = await proxy.finished;
    const { results } = await proxy.stop();
    expect(results.cases).toHaveLength(2);
    expect(code).toBe(0);
  });

  it("an upstream that stops answering is an outage: the app gets the proxy's 502, the case is inconclusive (exit 2), never a finding", async () => {
    const upstream = createServer((_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const proxy = await startProxyCommand({
      vendor: "uqudo",
      quiet: true,
      upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    });
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    const got = await post(
      `${proxy.url}/api/v1/face/match`,
      { "content-type": "application/json", authorization: "Bearer t" },
      JSON.stringify({ sourceImage: await face(1), targetImage: await face(2) }),
    );
    expect(got.status).toBe(502);
    expect(got.headers.get("x-ekyc-conformance-proxy")).toBe("upstream-unreachable");
    const { code, results } = await proxy.stop();
    expect(results.cases.map((c) => [c.status, c.fault])).toEqual([["inconclusive", "connection-refused"]]);
    expect(findings(results)).toEqual([]);
    expect(code).toBe(2);
  });

  describe("forwards bytes unchanged, both ways", () => {
    const received: { headers: Record<string, string | string[] | undefined>; rawHeaders: string[]; body: Buffer }[] =
      [];
    // The vendor's answer as bytes the proxy must not touch: an encrypted-looking body, mixed-case headers.
    const answer = Buffer.from(
      '{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"Success"}}  \n\u00e9',
      "utf8",
    );
    const upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on("data", (c: Buffer) => chunks.push(c))
        .on("end", () => {
          received.push({ headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
          res.writeHead(200, {
            "Content-Type": "application/json; charset=UTF-8",
            "Response-Time": "2026-01-02T03:04:05+0000",
            Signature: "algorithm=RSA256, signature=AbC%2B%2F%3D",
            "X-Vendor-Odd": " spaced ",
          });
          res.end(answer);
        });
    });
    afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

    it("the upstream gets the app's body and signature headers byte for byte, and the app gets the upstream's", async () => {
      await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
      const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
      const proxy = await startProxyCommand({
        vendor: "zoloz",
        quiet: true,
        upstream: origin,
        zolozMerchantPublicKey: creds.zoloz.merchantPublicKeyPath,
      });
      const path = "/api/v1/zoloz/connect/unenroll";
      // Encrypted bodies pass through as they are: a body that is not JSON, with an Encrypt header.
      const body = "  \u00e9Qk1ZW5jcnlwdGVk+/==\n";
      const time = requestTime();
      const headers = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Client-Id": creds.zoloz.clientId,
        "Request-Time": time,
        Signature: zolozSignature(path, creds.zoloz.clientId, time, body),
        Encrypt: "algorithm=RSA_AES, symmetricKey=a%2Bb%2F",
      };
      const got = await post(`${proxy.url}${path}`, headers, body);
      const { results } = await proxy.stop();

      expect(received).toHaveLength(1);
      expect(received[0]!.body.equals(Buffer.from(body, "utf8"))).toBe(true);
      for (const [name, value] of Object.entries(headers))
        expect(received[0]!.headers[name.toLowerCase()], name).toBe(value);
      expect(got.body.equals(answer)).toBe(true);
      expect(got.headers.get("signature")).toBe("algorithm=RSA256, signature=AbC%2B%2F%3D");
      expect(got.headers.get("x-vendor-odd")).toBe("spaced");
      // The request signature verified over the bytes as sent; the encrypted body was not judged without its key.
      expect(findings(results).filter((f) => f.side === "client")).toEqual([]);
      // Secrets never reach the results.
      expect(JSON.stringify(results)).not.toContain("a%2Bb%2F");
      expect(JSON.stringify(results)).not.toContain(headers.Signature);
    });
  });
});
