// Secrets and faces never leak: a whole recorded LIVE run (against a second sandbox process, so the live code paths
// sign, authenticate and send the real face) with KNOWN secrets and a KNOWN face photo, then every file the run wrote
// (fixtures, results.json, conformance.html, junit.xml, allure-results/*, its stdout and stderr) is scanned for each
// secret and the face in raw, Base64, Base64url, percent-encoded and hex forms. Expected: 0 hits.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSandboxCredentials } from "../../src/auth/sandbox-credentials.ts";
import { deriveFromPhoto } from "../../src/images/derive.ts";
import { validFace } from "../../src/suite/defaults.ts";
import {
  BIN,
  faceNeedles,
  JWT_PATTERN,
  knownFace,
  listFiles,
  runCli,
  scan,
  secretNeedles,
  type CliRun,
  type Needle,
} from "./support.ts";

interface SandboxJson {
  advance: { baseUrl: string; accessKey: string; secretKey: string };
  zoloz: { baseUrl: string; clientId: string; merchantPrivateKeyPath: string; platformPublicKeyPath: string };
  uqudo: { baseUrl: string; authUrl: string; clientId: string; clientSecret: string };
}

/** `node bin/ekyc-conformance.js sandbox --json`: resolves with the child and the JSON of its first stdout line. */
function startSandboxProcess(): Promise<{ child: ChildProcess; info: SandboxJson }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "sandbox", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "" },
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve({ child, info: JSON.parse(line) as SandboxJson }),
    );
  });
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("a recorded live run leaks no secret and no face into anything it writes", () => {
  let sandbox: ChildProcess | undefined;
  let info: SandboxJson;
  let cwd: string;
  let face: Buffer;
  /** The face as the default face cases send it: derived from the photo (docs/targets.md, Images from your photo). */
  let sent: Buffer;
  let run: CliRun;
  let needles: Needle[];

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "ekc-no-leak-"));
    face = await knownFace();
    sent = Buffer.from(await deriveFromPhoto(face, validFace()));
    ({ child: sandbox, info } = await startSandboxProcess());
    const input = join(mkdtempSync(join(tmpdir(), "ekc-face-")), "face.jpg");
    writeFileSync(input, face);
    const env = {
      ADVANCE_BASE_URL: info.advance.baseUrl,
      ADVANCE_ACCESS_KEY: info.advance.accessKey,
      ADVANCE_SECRET_KEY: info.advance.secretKey,
      ZOLOZ_BASE_URL: info.zoloz.baseUrl,
      ZOLOZ_CLIENT_ID: info.zoloz.clientId,
      ZOLOZ_MERCHANT_PRIVATE_KEY: info.zoloz.merchantPrivateKeyPath,
      ZOLOZ_PLATFORM_PUBLIC_KEY: info.zoloz.platformPublicKeyPath,
      UQUDO_BASE_URL: info.uqudo.baseUrl,
      UQUDO_AUTH_URL: info.uqudo.authUrl,
      UQUDO_CLIENT_ID: info.uqudo.clientId,
      UQUDO_CLIENT_SECRET: info.uqudo.clientSecret,
      CONFORMANCE_FACE_IMAGE: input,
    };
    run = await runCli(
      ["run", "--target", "live", "--record", "--fixtures", "fixtures", "--out", "reports", "--runs", "1"],
      { cwd, env, timeoutMs: 170_000 },
    );
    mkdirSync(join(cwd, "logs"));
    writeFileSync(join(cwd, "logs", "stdout.txt"), run.stdout);
    writeFileSync(join(cwd, "logs", "stderr.txt"), run.stderr);

    // The known secrets: what the live run was configured with, the sandbox's token-signing secrets (tokens it issues
    // are signed with them) and the ZOLOZ private keys (their PEM bodies).
    const sandboxFile = loadSandboxCredentials();
    const secrets: Record<string, string> = {
      ADVANCE_ACCESS_KEY: info.advance.accessKey,
      ADVANCE_SECRET_KEY: info.advance.secretKey,
      "advance token-signing secret": sandboxFile.advance.tokenSigningSecret,
      UQUDO_CLIENT_SECRET: info.uqudo.clientSecret,
      "uqudo token-signing secret": sandboxFile.uqudo.tokenSigningSecret,
    };
    needles = Object.entries(secrets).flatMap(([name, value]) => secretNeedles(name, value));
    for (const [name, file] of [
      ["ZOLOZ merchant private key", info.zoloz.merchantPrivateKeyPath],
      ["ZOLOZ platform private key", info.zoloz.merchantPrivateKeyPath.replace("merchant-private", "platform-private")],
    ] as const) {
      const body = readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l && !l.startsWith("-----"));
      // Three 64-character lines from inside the key, raw and as their DER bytes in hex.
      for (const line of body.slice(2, 5))
        needles.push(
          { label: `${name} (PEM line)`, bytes: Buffer.from(line) },
          { label: `${name} (hex)`, bytes: Buffer.from(Buffer.from(line, "base64").toString("hex")) },
        );
    }
    needles.push(...faceNeedles("face", face), ...faceNeedles("face as sent", sent));
  }, 200_000);

  afterAll(() => {
    sandbox?.kill("SIGTERM");
    if (cwd && !process.env["KEEP_HARDENING_TMP"]) rmSync(cwd, { recursive: true, force: true });
  });

  it("the run completed and wrote every kind of output (otherwise the scan proves nothing)", () => {
    expect(run.code, run.stderr).not.toBe(2);
    expect([0, 1]).toContain(run.code);
    for (const file of ["reports/results.json", "reports/conformance.html", "reports/junit.xml"])
      expect(existsSync(join(cwd, file)), file).toBe(true);
    const files = listFiles(cwd).map((f) => relative(cwd, f));
    expect(files.filter((f) => f.startsWith("fixtures/")).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith("reports/allure-results/")).length).toBeGreaterThan(50);
    const results = JSON.parse(readFileSync(join(cwd, "reports/results.json"), "utf8")) as {
      run: { target: string };
      cases: { vendor: string; exchanges: unknown[] }[];
    };
    expect(results.run.target).toBe("live");
    for (const vendor of ["advance", "zoloz", "uqudo"])
      expect(
        results.cases.some((c) => c.vendor === vendor && c.exchanges.length > 0),
        vendor,
      ).toBe(true);
  });

  it("the known face was really sent, made into the cases' images: recorded only as a descriptor with its SHA-256", () => {
    const digest = sha256(sent);
    const described = listFiles(join(cwd, "fixtures")).filter((f) =>
      readFileSync(f, "utf8").includes(`sha256=${digest}`),
    );
    expect(described.length).toBeGreaterThan(0);
  });

  it("the scanner is not blind: every needle is found when planted", () => {
    const control = join(mkdtempSync(join(tmpdir(), "ekc-control-")), "control.bin");
    writeFileSync(control, Buffer.concat(needles.map((n) => Buffer.concat([n.bytes, Buffer.from("\n")]))));
    expect(new Set(scan([control], needles).map((h) => h.needle)).size).toBe(new Set(needles.map((n) => n.label)).size);
  });

  it("0 hits: no secret, no key, no face in any form in any file written", () => {
    const files = listFiles(cwd);
    const hits = scan(files, needles).map((h) => `${relative(cwd, h.file)}: ${h.needle}`);
    const tokens = files
      .filter((f) => JWT_PATTERN.test(readFileSync(f, "latin1")))
      .map((f) => `${relative(cwd, f)}: a JWT`);
    console.info(
      `no-leak: ${files.length} files scanned for ${needles.length} needles, ${hits.length + tokens.length} hits`,
    );
    expect([...hits, ...tokens]).toEqual([]);
  });
});
