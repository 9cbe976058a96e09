import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeRecording } from "../recording/format.ts";
import { ConfigError, configFromEnv, LIVE_VARIABLES } from "./index.ts";

const live = {
  CONFORMANCE_TARGET: "live",
  ADVANCE_BASE_URL: "https://sg-api.advance.ai",
  ADVANCE_ACCESS_KEY: "ak",
  ADVANCE_SECRET_KEY: "sk",
  ZOLOZ_BASE_URL: "https://sg-sandbox-api.zoloz.com",
  ZOLOZ_CLIENT_ID: "2089012345678901",
  ZOLOZ_MERCHANT_PRIVATE_KEY: "pem",
  ZOLOZ_PLATFORM_PUBLIC_KEY: "pem",
  UQUDO_BASE_URL: "https://id.uqudo.io",
  UQUDO_AUTH_URL: "https://auth.uqudo.io",
  UQUDO_CLIENT_ID: "id",
  UQUDO_CLIENT_SECRET: "secret",
};

describe("configFromEnv", () => {
  it("defaults to the sandbox target, all vendors", () => {
    const config = configFromEnv({});
    expect(config.target).toBe("sandbox");
    expect(config.vendors).toEqual(["advance", "zoloz", "uqudo"]);
    expect(config.advance).toBeUndefined();
  });

  it("reads a complete live configuration", () => {
    const config = configFromEnv(live);
    expect(config.advance).toEqual({ baseUrl: "https://sg-api.advance.ai", accessKey: "ak", secretKey: "sk" });
    expect(config.zoloz?.clientId).toBe("2089012345678901");
    expect(config.uqudo?.authUrl).toBe("https://auth.uqudo.io");
  });

  it("takes the expired tokens a user kept for the expired-credential cases, and a second person's photo only beside a first", () => {
    const config = configFromEnv({ ...live, ADVANCE_EXPIRED_TOKEN: " old-a ", UQUDO_EXPIRED_TOKEN: "old-u" });
    expect([config.advance?.expiredToken, config.uqudo?.expiredToken]).toEqual(["old-a", "old-u"]);
    expect(configFromEnv(live).advance?.expiredToken).toBeUndefined();
    expect(() => configFromEnv({ CONFORMANCE_OTHER_FACE_IMAGE: "/nonexistent/other.jpg" })).toThrow(
      /^CONFORMANCE_OTHER_FACE_IMAGE=\/nonexistent\/other.jpg is not a readable file/,
    );
  });

  it("prefers a ready ADVANCE_ACCESS_TOKEN over keys", () => {
    const { ADVANCE_ACCESS_KEY: _a, ADVANCE_SECRET_KEY: _s, ...env } = live;
    expect(configFromEnv({ ...env, ADVANCE_ACCESS_TOKEN: "tok" }).advance).toEqual({
      baseUrl: "https://sg-api.advance.ai",
      accessToken: "tok",
    });
  });

  it.each([
    [{ CONFORMANCE_TARGET: "staging" }, /CONFORMANCE_TARGET="staging" is not one of/],
    [
      { CONFORMANCE_VENDORS: "advance,onfido" },
      /^CONFORMANCE_VENDORS: unknown vendor onfido; choose from advance, zoloz, uqudo/,
    ],
    [{ CONFORMANCE_SEED: "-3" }, /CONFORMANCE_SEED="-3" must be an integer/],
    [
      { ...live, ADVANCE_BASE_URL: undefined },
      /^--target live needs variables that are not set \(advance: ADVANCE_BASE_URL\)/,
    ],
    [
      { ...live, ADVANCE_SECRET_KEY: "" },
      /\(advance: ADVANCE_SECRET_KEY \(or ADVANCE_ACCESS_TOKEN\)\).*--vendor zoloz,uqudo/,
    ],
    [
      { ...live, ZOLOZ_CLIENT_ID: "2089 0123" },
      /ZOLOZ_CLIENT_ID must be the client id from the ZOLOZ portal, without white space/,
    ],
    [{ ...live, UQUDO_AUTH_URL: "ftp://x" }, /UQUDO_AUTH_URL must be an http\(s\) URL/],
    [{ ...live, UQUDO_BASE_URL: "not a url" }, /UQUDO_BASE_URL="not a url" is not a URL/],
    [
      { CONFORMANCE_FACE_IMAGE: "/nonexistent/face.jpg" },
      /CONFORMANCE_FACE_IMAGE=\/nonexistent\/face.jpg is not a readable file/,
    ],
  ])("stops with one line naming the variable: %j", (env, message) => {
    let error: unknown;
    try {
      configFromEnv(env as Record<string, string>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("lists every missing variable of every selected vendor in one message, and how to leave a vendor out", () => {
    const { UQUDO_CLIENT_SECRET: _u, ZOLOZ_BASE_URL: _z, ...env } = live;
    expect(() => configFromEnv({ ...env, ZOLOZ_CLIENT_ID: "", UQUDO_BASE_URL: "x" })).toThrow(
      /^--target live needs variables that are not set \(zoloz: ZOLOZ_CLIENT_ID, ZOLOZ_BASE_URL; uqudo: UQUDO_CLIENT_SECRET\); UQUDO_BASE_URL="x" is not a URL .*; set them \(see docs\/targets\.md\), or run only the configured vendors with --vendor advance$/,
    );
    expect(() => configFromEnv({ CONFORMANCE_TARGET: "live" })).toThrow(
      /advance: ADVANCE_BASE_URL, ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY \(or ADVANCE_ACCESS_TOKEN\); zoloz: .*; uqudo: UQUDO_BASE_URL, UQUDO_AUTH_URL, UQUDO_CLIENT_ID, UQUDO_CLIENT_SECRET\).*leave a vendor out with --vendor/,
    );
  });

  it("asks, with nothing set, for exactly the LIVE_VARIABLES the help and docs list", () => {
    let message = "";
    try {
      configFromEnv({ CONFORMANCE_TARGET: "live" });
    } catch (error) {
      message = (error as Error).message;
    }
    const asked = new Set(message.match(/\b(ADVANCE|ZOLOZ|UQUDO)_[A-Z_]+/g));
    asked.delete("ADVANCE_ACCESS_TOKEN"); // the alternative to the key pair
    expect([...asked].sort()).toEqual(Object.values(LIVE_VARIABLES).flat().sort());
  });

  it("suggests the vendor a typo meant", () => {
    expect(() => configFromEnv({ CONFORMANCE_VENDORS: "advnce" })).toThrow(
      "CONFORMANCE_VENDORS: unknown vendor advnce (did you mean advance?); choose from advance, zoloz, uqudo",
    );
  });

  it("only asks for the selected vendors' variables", () => {
    expect(
      configFromEnv({
        CONFORMANCE_TARGET: "live",
        CONFORMANCE_VENDORS: "uqudo",
        UQUDO_BASE_URL: "https://id.uqudo.io",
        UQUDO_AUTH_URL: "https://auth.uqudo.io",
        UQUDO_CLIENT_ID: "a",
        UQUDO_CLIENT_SECRET: "b",
      }).vendors,
    ).toEqual(["uqudo"]);
  });
});

describe("the fixtures target replays the recording's own settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "ekc-recording-"));
  writeRecording(dir, { seed: 777, fuzzRuns: 5, target: "sandbox" });

  it("takes the seed and fuzz runs the fixtures were recorded with", () => {
    const config = configFromEnv({ CONFORMANCE_TARGET: "fixtures", CONFORMANCE_FIXTURES_DIR: dir });
    expect([config.seed, config.fuzzRuns]).toEqual([777, 5]);
  });

  it("accepts the same values given explicitly", () => {
    expect(
      configFromEnv({ CONFORMANCE_TARGET: "fixtures", CONFORMANCE_FIXTURES_DIR: dir, CONFORMANCE_SEED: "777" }).seed,
    ).toBe(777);
  });

  it.each([
    ["CONFORMANCE_SEED", "778"],
    ["CONFORMANCE_FUZZ_RUNS", "50"],
  ])("refuses a different %s in one line", (variable, value) => {
    expect(() =>
      configFromEnv({ CONFORMANCE_TARGET: "fixtures", CONFORMANCE_FIXTURES_DIR: dir, [variable]: value }),
    ).toThrow(
      new RegExp(
        `^${variable}=${value} differs from the \\d+ the fixtures in .* were recorded with; replay sends exactly the recorded fuzz inputs`,
      ),
    );
  });

  it("leaves other targets alone", () => {
    expect(configFromEnv({ CONFORMANCE_FIXTURES_DIR: dir, CONFORMANCE_SEED: "778" }).seed).toBe(778);
  });
});
