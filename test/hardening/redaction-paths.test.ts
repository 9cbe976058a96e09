// Every writer goes through the one redaction function (src/redact): here a hostile vendor echoes the secrets and the
// face it was sent (in its message, its body and its headers), and the case result (results.json, Allure attachments,
// junit failure text), the HTML report and the curl reproduction must still hold none of them, in any form.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResults } from "../../src/results/model.ts";
import { renderHtml } from "../../reporters/html/render.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import type { KitConfig } from "../../src/config/index.ts";
import { loadSpecs } from "../../src/openapi/index.ts";
import { redactorFor } from "../../src/suite/run-context.ts";
import { runCase, type RunContext } from "../../src/suite/run.ts";
import type { Exchange, RequestSpec, Transport } from "../../src/types.ts";
import enroll from "../../suites/advance/enroll.test.ts";
import { faceNeedles, knownFace, runCli, secretNeedles, type Needle } from "./support.ts";
import { Journal } from "../../src/reliability/journal.ts";

// Base64-looking secrets with "/" and "+": the characters a real ADVANCE secret or ZOLOZ key carries.
const ACCESS_KEY = "ak-Q2hhbmdlTWU/x+7Z";
const SECRET_KEY = "sk/9f8e7d6c+5b4a3928/17==";

const config: KitConfig = {
  target: "live",
  vendors: ["advance"],
  seed: 1,
  fuzzRuns: 1,
  record: false,
  advance: { baseUrl: "https://api.example.invalid", accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
};

/** A vendor that answers every request by echoing what it got: the secrets, the request body (with the face) and all. */
function echoingVendor(face: Buffer): Transport {
  const faceB64 = face.toString("base64");
  const spec = loadSpecs();
  return {
    target: "live",
    async send(request: RequestSpec): Promise<Exchange> {
      const operation = spec.operation(request.operationId);
      const sent = request.body?.kind === "json" ? request.body.value : {};
      const echo = {
        code: "PARAMETER_ERROR",
        message: `rejected accessKey=${ACCESS_KEY} secretKey=${SECRET_KEY} hex=${Buffer.from(SECRET_KEY).toString("hex")} image=${faceB64.slice(0, 300)}`,
        data: {
          received: sent,
          credentials: `${ACCESS_KEY}:${SECRET_KEY}`,
          faceHex: face.subarray(0, 200).toString("hex"),
        },
        extra: null,
        transactionId: "0123456789abcdef",
        pricingStrategy: "FREE",
      };
      const responseBody = Buffer.from(JSON.stringify(echo));
      return {
        operationId: request.operationId,
        request: {
          method: operation.method,
          url: `https://api.example.invalid${operation.path}?key=${encodeURIComponent(SECRET_KEY)}`,
          path: operation.path,
          operationPath: operation.path,
          headers: {
            "content-type": "application/json",
            "x-access-token": "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZw",
            "x-debug": Buffer.from(SECRET_KEY).toString("base64"),
          },
          body: Buffer.from(JSON.stringify(sent)),
        },
        response: {
          status: 200,
          headers: { "content-type": "application/json", "x-echo": `${ACCESS_KEY} ${encodeURIComponent(SECRET_KEY)}` },
          body: responseBody,
          json: echo,
        },
        timing: { startedAt: new Date().toISOString(), durationMs: 1 },
      };
    },
    close: async () => {},
  };
}

function hitsIn(text: string, needles: Needle[]): string[] {
  const bytes = Buffer.from(text);
  return needles.filter((n) => bytes.includes(n.bytes)).map((n) => n.label);
}

describe("every writer goes through the one redaction function", () => {
  it("redactorFor registers secrets whatever their characters (Base64 secrets contain / and +)", () => {
    const redactor = redactorFor(config);
    for (const secret of [ACCESS_KEY, SECRET_KEY]) {
      const leaked = hitsIn(
        redactor.text(
          `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString("base64")} d ${Buffer.from(secret).toString("hex")}`,
        ),
        secretNeedles("secret", secret),
      );
      expect(leaked).toEqual([]);
    }
  });

  it("redactorFor scrubs a ZOLOZ private key given as bare Base64 DER (not a path, not PEM)", () => {
    const der = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7/VuIgN+uVGI3ABCDEFGH";
    const redactor = redactorFor({
      ...config,
      zoloz: {
        baseUrl: "https://z.example.invalid",
        clientId: "2188813011569652",
        merchantPrivateKey: der,
        platformPublicKey: "/keys/p.pem",
        encrypt: false,
      },
    });
    expect(redactor.text(`key=${der}`)).not.toContain(der.slice(0, 40));
  });

  it("a vendor echoing secrets and the face: the case result, HTML report and curl line hold none of them", async () => {
    const face = await knownFace(64);
    const context: RunContext = {
      config,
      spec: loadSpecs(),
      transport: echoingVendor(face),
      journal: new Journal(),
      redactor: redactorFor(config, face),
      runPrefix: "ekc000001",
      realFace: face,
    };
    const definition = enroll.cases.find((c) => c.name === "jpeg-face")!;
    const result = await runCase(context, "advance.enroll", definition);

    // Not vacuous: the face was sent, the vendor refused, and the finding quotes the (redacted) vendor message.
    expect(result.status).toBe("failed");
    expect(
      result.findings.some((f) => f.check === "positive_data_acceptance" && f.message.includes("[REDACTED]")),
    ).toBe(true);
    expect(result.reproduction?.curl).toMatch(/^curl -X POST/);

    const needles = [
      ...secretNeedles("access key", ACCESS_KEY),
      ...secretNeedles("secret key", SECRET_KEY),
      ...faceNeedles("face", face),
    ];
    const results: RunResults = { ...sampleResults(), cases: [result] };
    const written = {
      "case result (results.json, Allure attachments, junit failure text)": JSON.stringify(result),
      "findings as the junit/allure failure message": result.findings.map((f) => `${f.check}: ${f.message}`).join("\n"),
      "curl reproduction": result.reproduction?.curl ?? "",
      "conformance.html": renderHtml(results),
    };
    for (const [writer, text] of Object.entries(written)) expect(hitsIn(text, needles), writer).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]{4,}/);
  });

  it("a CLI error line is redacted too: a results file whose version is a secret", { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), "ekc-cli-redact-"));
    const old = sampleResults();
    (old.run as { version: unknown }).version = SECRET_KEY;
    writeFileSync(join(cwd, "old.json"), JSON.stringify(old));
    const run = await runCli(["report", "old.json"], { cwd, env: { ADVANCE_SECRET_KEY: SECRET_KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ekyc-conformance: old\.json: version "\[REDACTED\]" is not supported by this kit/);
    expect(hitsIn(run.stderr, secretNeedles("secret key", SECRET_KEY))).toEqual([]);
  });
});
