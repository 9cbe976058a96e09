// The live target's code path without internet: a second sandbox process (`ekyc-conformance sandbox --json`) stands in
// for the vendors, and the kit is configured exactly as a user configures a live run, from environment variables.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, configFromEnv } from "../../src/config/index.ts";
import { renderImage } from "../../src/images/index.ts";
import { createRunContext } from "../../src/suite/run-context.ts";
import { face } from "../../src/suite/dsl.ts";
import { runCase } from "../../src/suite/run.ts";
import type { SuiteDefinition } from "../../src/suite/types.ts";
import type { CaseResult } from "../../src/results/model.ts";
import {
  caseOf,
  fixtureFiles,
  fixturesContext,
  liveEnv,
  loadSuites,
  outcome,
  readFixture,
  runSmoke,
  SMOKE_CASES,
  spawnSandboxProcess,
  type SandboxProcess,
} from "./support.ts";

let child: SandboxProcess;
let suites: Map<string, SuiteDefinition>;
let dir: string;
let faceFile: string;
let liveResults: CaseResult[] | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ekyc-live-"));
  // A live run sends the user's own photo where a case needs a real face; the sandbox recognises its synthetic faces.
  faceFile = join(dir, "face.jpg");
  writeFileSync(faceFile, await renderImage(face(1)));
  [child, suites] = await Promise.all([spawnSandboxProcess(), loadSuites()]);
}, 90_000);

afterAll(async () => {
  await child?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("CONFORMANCE_TARGET=live against a sandbox process", () => {
  it("prints one JSON line with URLs and test credentials", () => {
    const { summary } = child;
    expect(summary.advance.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/advance$/);
    expect(summary.zoloz.merchantPrivateKeyPath).toMatch(/fixtures\/keys\/merchant-private\.pem$/);
    expect(summary.uqudo.authUrl).toMatch(/\/uqudo-auth$/);
  });

  it("the smoke set passes, the kit fetching its own tokens with the configured keys (and recording)", async () => {
    const config = configFromEnv(
      liveEnv(child.summary, {
        CONFORMANCE_FACE_IMAGE: faceFile,
        CONFORMANCE_RECORD: "1",
        CONFORMANCE_FIXTURES_DIR: join(dir, "recorded"),
      }),
    );
    expect(config.target).toBe("live");
    expect(config.advance).toMatchObject({
      accessKey: child.summary.advance.accessKey,
      secretKey: child.summary.advance.secretKey,
    });
    expect(config.advance?.accessToken).toBeUndefined();
    expect(config.zoloz?.merchantPrivateKey).toBe(child.summary.zoloz.merchantPrivateKeyPath);

    const original = globalThis.fetch;
    const paths: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      paths.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    });
    const context = createRunContext({ config });
    try {
      expect(context.transport.target).toBe("live");
      expect(config.record).toBe(true);
      expect(context.runPrefix).toMatch(/^ekc[0-9a-f]{6}$/);
      const results = await runSmoke(context, suites);
      expect(results.map((r) => [r.id, r.status, r.findings.map((f) => `${f.check}: ${f.message}`)])).toEqual(
        SMOKE_CASES.map(([op, name]) => [`${op}/${name}`, "passed", []]),
      );
      const origin = new URL(child.summary.advance.baseUrl).origin;
      expect(paths.length).toBeGreaterThan(SMOKE_CASES.length);
      expect(paths.every((url) => url.startsWith(origin))).toBe(true);
      // One token per vendor for the whole run, besides the token cases themselves.
      expect(paths.filter((u) => u.endsWith("/generate-token"))).toHaveLength(3);
      expect(paths.filter((u) => u.endsWith("/api/oauth/token"))).toHaveLength(2);
      // What the run created was cleaned up: the accepted enrolls are followed by their deletes.
      const enroll = results.find((r) => r.id === "advance.enroll/jpeg-face")!;
      expect(enroll.exchanges.map((e) => e.request.url?.split("/").pop())).toEqual(["enroll", "delete-enroll"]);
      expect(enroll.exchanges[1]!.response?.body).toContain('"code":"SUCCESS"');
      expect(
        results
          .find((r) => r.id === "zoloz.connectEnroll/jpeg-face")!
          .exchanges.map((e) => e.request.url?.split("/").pop()),
      ).toEqual(["enroll", "unenroll"]);
      // Live ids carry a random run prefix, never the fixed one recordings use.
      expect(enroll.exchanges[0]!.request.body).toContain(context.runPrefix);
      // The user's face is never written anywhere.
      expect(JSON.stringify(results)).not.toContain(Buffer.from(context.realFace!).toString("base64").slice(0, 64));
      liveResults = results;
    } finally {
      await context.transport.close();
    }
  });

  it("the live recording replays on the fixtures target with the same outcomes", async () => {
    expect(liveResults, "the live smoke run recorded nothing").toBeDefined();
    const recorded = fixtureFiles(join(dir, "recorded"));
    expect(recorded.length).toBeGreaterThan(SMOKE_CASES.length);
    const faceBase64 = Buffer.from(await renderImage(face(1)))
      .toString("base64")
      .slice(0, 64);
    for (const file of recorded) {
      const fixture = readFixture(join(dir, "recorded", file));
      expect(fixture.target).toBe("live");
      expect(JSON.stringify(fixture)).not.toContain(faceBase64);
      expect(JSON.stringify(fixture)).not.toContain(child.summary.advance.secretKey);
    }
    // Ids carry the live run's random prefix; replay matches them whatever this run's prefix is.
    const replay = fixturesContext(join(dir, "recorded"), { faceImage: faceFile });
    try {
      const replayed = await runSmoke(replay, suites);
      expect(replayed.map(outcome)).toEqual(liveResults!.map(outcome));
    } finally {
      await replay.transport.close();
    }
  });

  it("cases that need what only the local sandbox offers are skipped with the reason", async () => {
    const context = createRunContext({ config: configFromEnv(liveEnv(child.summary)) });
    try {
      const url = await runCase(context, "advance.enroll", caseOf(suites, "advance.enroll", "url-face"));
      expect(url.status).toBe("skipped");
      expect(url.reason).toMatch(/CONFORMANCE_FACE_IMAGE|image URL/);
      const real = await runCase(context, "uqudo.faceMatch", caseOf(suites, "uqudo.faceMatch", "same-person"));
      expect(real.status).toBe("skipped");
      expect(real.reason).toContain("CONFORMANCE_FACE_IMAGE");
    } finally {
      await context.transport.close();
    }
  });
});

describe("a missing or malformed variable stops the run before any request", () => {
  let hits = 0;
  let server: Server;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = liveEnv({
      advance: {
        baseUrl: `${origin}/advance`,
        accessKey: child.summary.advance.accessKey,
        secretKey: child.summary.advance.secretKey,
      },
      zoloz: { ...child.summary.zoloz, baseUrl: `${origin}/zoloz` },
      uqudo: { ...child.summary.uqudo, baseUrl: `${origin}/uqudo`, authUrl: `${origin}/uqudo-auth` },
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Builds the context as `run` does; returns the one-line error it stopped with. */
  function stopsWith(changes: Record<string, string | undefined>): string {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const given: Record<string, string | undefined> = { ...env, ...changes };
    let message: string | undefined;
    try {
      const context = createRunContext({ config: configFromEnv(given) });
      void context.transport.close();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(hits).toBe(0);
    expect(message, `expected ${JSON.stringify(changes)} to stop the run`).toBeDefined();
    expect(message!.split("\n")).toHaveLength(1);
    return message!;
  }

  const REQUIRED = [
    "ADVANCE_BASE_URL",
    "ADVANCE_ACCESS_KEY",
    "ADVANCE_SECRET_KEY",
    "ZOLOZ_BASE_URL",
    "ZOLOZ_CLIENT_ID",
    "ZOLOZ_MERCHANT_PRIVATE_KEY",
    "ZOLOZ_PLATFORM_PUBLIC_KEY",
    "UQUDO_BASE_URL",
    "UQUDO_AUTH_URL",
    "UQUDO_CLIENT_ID",
    "UQUDO_CLIENT_SECRET",
  ];
  for (const name of REQUIRED) {
    it(`missing ${name}`, () => {
      expect(stopsWith({ [name]: undefined })).toContain(name);
      expect(stopsWith({ [name]: "  " })).toContain(name);
    });
  }

  const MALFORMED: Array<[string, string]> = [
    ["ADVANCE_BASE_URL", "sg-api.advance.ai"],
    ["UQUDO_AUTH_URL", "ftp://auth.uqudo.example"],
    ["ZOLOZ_CLIENT_ID", "2089 0123"],
    ["ZOLOZ_MERCHANT_PRIVATE_KEY", "/nonexistent/merchant-private.pem"],
    ["ZOLOZ_PLATFORM_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----"],
    ["CONFORMANCE_TARGET", "production"],
    ["CONFORMANCE_VENDORS", "advance,acme"],
    ["CONFORMANCE_SEED", "-1"],
    ["CONFORMANCE_FUZZ_RUNS", "0"],
    ["CONFORMANCE_FACE_IMAGE", "/nonexistent/face.jpg"],
  ];
  for (const [name, value] of MALFORMED) {
    it(`malformed ${name}`, () => {
      expect(stopsWith({ [name]: value })).toContain(name);
    });
  }

  it("variables of a vendor that is not selected are not needed", () => {
    const only: Record<string, string | undefined> = { ...env, CONFORMANCE_VENDORS: "advance" };
    for (const name of REQUIRED.filter((n) => !n.startsWith("ADVANCE_"))) delete only[name];
    const config = configFromEnv(only);
    expect(config.vendors).toEqual(["advance"]);
    expect(config.zoloz).toBeUndefined();
    expect(config.uqudo).toBeUndefined();
    expect(() => configFromEnv({ ...only, CONFORMANCE_VENDORS: "advance,zoloz" })).toThrow(ConfigError);
  });
});
