// Reads the kit's configuration contract (CONFORMANCE_* and per-vendor variables) into one typed object.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { ConfigError, VENDORS, type TargetName, type Vendor } from "../types.ts";
import { DEFAULT_FIXTURES_DIR, readRecording } from "../recording/format.ts";
import { didYouMean } from "../suggest.ts";

export { ConfigError };

export interface AdvanceLiveConfig {
  baseUrl: string;
  accessKey?: string;
  secretKey?: string;
  accessToken?: string;
  /** Key the target signs tokens with, when the kit knows it (only the local sandbox): lets "expired" be genuinely expired. */
  tokenSigningSecret?: string;
  /** A token the vendor issued that has since expired (ADVANCE_EXPIRED_TOKEN): the expired-credential cases send it. */
  expiredToken?: string;
}

export interface ZolozLiveConfig {
  baseUrl: string;
  clientId: string;
  /** PEM text or a path to a PEM file. */
  merchantPrivateKey: string;
  platformPublicKey: string;
  encrypt: boolean;
}

export interface UqudoLiveConfig {
  baseUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  accessToken?: string;
  tokenSigningSecret?: string;
  /** A token the vendor issued that has since expired (UQUDO_EXPIRED_TOKEN): the expired-credential cases send it. */
  expiredToken?: string;
}

export interface KitConfig {
  target: TargetName;
  vendors: Vendor[];
  seed: number;
  fuzzRuns: number;
  record: boolean;
  fixturesDir?: string;
  faceImage?: string;
  /** A photo of a second person (CONFORMANCE_OTHER_FACE_IMAGE), for cases that need two different people. */
  otherFaceImage?: string;
  /** Replays one fuzz counterexample: fast-check seed and path of the shrunk failure (run --fc-seed/--fc-path). */
  fcReplay?: { seed: number; path?: string };
  /** Present for live runs (and for the sandbox target once its URLs are known). */
  advance?: AdvanceLiveConfig;
  zoloz?: ZolozLiveConfig;
  uqudo?: UqudoLiveConfig;
}

type Env = Record<string, string | undefined>;

/** Variables whose values are secrets: anything the CLI prints is scrubbed of them (src/redact). */
export const SECRET_VARIABLES = [
  "ADVANCE_ACCESS_KEY",
  "ADVANCE_SECRET_KEY",
  "ADVANCE_ACCESS_TOKEN",
  "ADVANCE_EXPIRED_TOKEN",
  "UQUDO_CLIENT_SECRET",
  "UQUDO_EXPIRED_TOKEN",
] as const;

export const DEFAULT_SEED = 20261123;
export const DEFAULT_FUZZ_RUNS = 12;

function integer(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} must be an integer >= ${min}`);
  }
  return Number(raw);
}

export function parseTarget(value: string | undefined): TargetName {
  const target = (value ?? "sandbox").trim() || "sandbox";
  if (target !== "sandbox" && target !== "live" && target !== "fixtures") {
    throw new ConfigError(`CONFORMANCE_TARGET=${JSON.stringify(target)} is not one of sandbox, live, fixtures`);
  }
  return target;
}

/** `source` is what the user typed the value as (a flag or a variable): the error names it. */
export function parseVendors(value: string | undefined, source = "CONFORMANCE_VENDORS"): Vendor[] {
  if (!value?.trim()) return [...VENDORS];
  const names = value
    .split(",")
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(VENDORS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    const which = unknown.map((n) => `${n}${didYouMean(n, VENDORS)}`).join(", ");
    throw new ConfigError(`${source}: unknown vendor ${which}; choose from ${VENDORS.join(", ")}`);
  }
  return VENDORS.filter((v) => names.includes(v));
}

export function configFromEnv(env: Env = process.env): KitConfig {
  const target = parseTarget(env["CONFORMANCE_TARGET"]);
  const vendors = parseVendors(env["CONFORMANCE_VENDORS"]);
  const config: KitConfig = {
    target,
    vendors,
    seed: integer(env, "CONFORMANCE_SEED", DEFAULT_SEED, 0),
    fuzzRuns: integer(env, "CONFORMANCE_FUZZ_RUNS", DEFAULT_FUZZ_RUNS, 1),
    record: env["CONFORMANCE_RECORD"] === "1" || env["CONFORMANCE_RECORD"] === "true",
  };
  if (env["CONFORMANCE_FIXTURES_DIR"]) config.fixturesDir = env["CONFORMANCE_FIXTURES_DIR"];
  const fcPath = env["CONFORMANCE_FC_PATH"]?.trim();
  if (env["CONFORMANCE_FC_SEED"]?.trim())
    config.fcReplay = { seed: integer(env, "CONFORMANCE_FC_SEED", 0, 0), ...(fcPath ? { path: fcPath } : {}) };
  if (fcPath && !/^\d+(:\d+)*$/.test(fcPath))
    throw new ConfigError(
      `CONFORMANCE_FC_PATH=${JSON.stringify(fcPath)} is not a fast-check path (numbers separated by colons, e.g. 0:1:0)`,
    );
  if (fcPath && !config.fcReplay)
    throw new ConfigError(
      "CONFORMANCE_FC_PATH needs CONFORMANCE_FC_SEED (--fc-path needs --fc-seed): a path is only meaningful with the seed it came from",
    );
  if (target === "fixtures") useRecordedSettings(config, env);
  if (config.record && target === "fixtures")
    throw new ConfigError(
      "CONFORMANCE_RECORD=1 needs CONFORMANCE_TARGET=sandbox or live: fixtures are recorded from a running target",
    );
  const face = photoFile(env, "CONFORMANCE_FACE_IMAGE");
  if (face) config.faceImage = face;
  // A second person, for the cases whose meaning is two different people (uqudo face match "different people").
  const other = photoFile(env, "CONFORMANCE_OTHER_FACE_IMAGE");
  if (other && !face)
    throw new ConfigError(
      "CONFORMANCE_OTHER_FACE_IMAGE needs CONFORMANCE_FACE_IMAGE: it is the second person beside your face photo",
    );
  if (other) config.otherFaceImage = other;
  if (target === "live") Object.assign(config, liveVendors(env, vendors));
  return config;
}

// Replay answers only the requests that were recorded: the fuzz seed and run count are the recording's, not a choice.
function useRecordedSettings(config: KitConfig, env: Env): void {
  const dir = config.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const recording = readRecording(dir);
  if (!recording) return;
  for (const [variable, key] of [
    ["CONFORMANCE_SEED", "seed"],
    ["CONFORMANCE_FUZZ_RUNS", "fuzzRuns"],
  ] as const) {
    if (env[variable]?.trim() && config[key] !== recording[key]) {
      throw new ConfigError(
        `${variable}=${config[key]} differs from the ${recording[key]} the fixtures in ${dir} were recorded with; replay sends exactly the recorded fuzz inputs: drop ${variable}, or re-record with it (--target sandbox --record)`,
      );
    }
    config[key] = recording[key];
  }
}

/** Sniffs the magic bytes: JPEG starts FF D8 FF, PNG with its 8-byte signature. Unreadable counts as neither. */
/** The path a photo variable names, checked: a readable JPEG or PNG file. */
function photoFile(env: Record<string, string | undefined>, name: string): string | undefined {
  const file = env[name]?.trim();
  if (!file) return undefined;
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ConfigError(`${name}=${file} is not a readable file; point it at a JPEG or PNG face photo`);
  if (!isJpegOrPng(file))
    throw new ConfigError(
      `${name}=${file} is not a JPEG or PNG image (its first bytes are neither); point it at a JPEG or PNG face photo`,
    );
  return file;
}

function isJpegOrPng(file: string): boolean {
  const head = Buffer.alloc(8);
  let read = 0;
  try {
    const fd = openSync(file, "r");
    try {
      read = readSync(fd, head, 0, 8, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const jpeg = read >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const png = read === 8 && head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return jpeg || png;
}

/** What each vendor needs on --target live (ADVANCE.AI: a ready ADVANCE_ACCESS_TOKEN may stand in for the key pair). */
export const LIVE_VARIABLES = {
  advance: ["ADVANCE_BASE_URL", "ADVANCE_ACCESS_KEY", "ADVANCE_SECRET_KEY"],
  zoloz: ["ZOLOZ_BASE_URL", "ZOLOZ_CLIENT_ID", "ZOLOZ_MERCHANT_PRIVATE_KEY", "ZOLOZ_PLATFORM_PUBLIC_KEY"],
  uqudo: ["UQUDO_BASE_URL", "UQUDO_AUTH_URL", "UQUDO_CLIENT_ID", "UQUDO_CLIENT_SECRET"],
} as const satisfies Record<Vendor, readonly string[]>;

/** Every variable a live vendor needs, checked together: one message lists all that are missing or malformed. */
class Problems {
  readonly missing = new Map<Vendor, string[]>();
  readonly malformed: string[] = [];

  value(env: Env, vendor: Vendor, name: string): string {
    const value = env[name]?.trim();
    if (!value) this.missing.set(vendor, [...(this.missing.get(vendor) ?? []), name]);
    return value ?? "";
  }

  url(env: Env, vendor: Vendor, name: string): string {
    const value = this.value(env, vendor, name);
    if (!value) return value;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      this.malformed.push(
        `${name}=${JSON.stringify(value)} is not a URL (set it to the vendor's base URL, e.g. https://sg-api.advance.ai)`,
      );
      return value;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      this.malformed.push(`${name} must be an http(s) URL, got ${parsed.protocol}`);
    return value.replace(/\/+$/, "");
  }

  /** Throws one ConfigError naming every problem, and how to leave a vendor out. */
  report(vendors: Vendor[]): void {
    if (this.missing.size === 0 && this.malformed.length === 0) return;
    const parts: string[] = [];
    if (this.missing.size > 0) {
      const list = [...this.missing].map(([vendor, names]) => `${vendor}: ${names.join(", ")}`).join("; ");
      parts.push(`--target live needs variables that are not set (${list})`);
    }
    parts.push(...this.malformed);
    const complete = vendors.filter(
      (v) => !this.missing.has(v) && !this.malformed.some((m) => m.startsWith(v.toUpperCase())),
    );
    const hint =
      complete.length > 0 && complete.length < vendors.length
        ? `, or run only the configured vendors with --vendor ${complete.join(",")}`
        : ", or leave a vendor out with --vendor (e.g. --vendor uqudo)";
    throw new ConfigError(`${parts.join("; ")}; set them (see docs/targets.md)${hint}`);
  }
}

export function liveVendors(env: Env, vendors: Vendor[]): Pick<KitConfig, "advance" | "zoloz" | "uqudo"> {
  const out: Pick<KitConfig, "advance" | "zoloz" | "uqudo"> = {};
  const p = new Problems();
  if (vendors.includes("advance")) {
    const baseUrl = p.url(env, "advance", "ADVANCE_BASE_URL");
    const accessToken = env["ADVANCE_ACCESS_TOKEN"]?.trim();
    if (accessToken) out.advance = { baseUrl, accessToken };
    else {
      const accessKey = env["ADVANCE_ACCESS_KEY"]?.trim();
      const secretKey = env["ADVANCE_SECRET_KEY"]?.trim();
      // Either a key pair or a ready token: name both ways when neither is complete.
      if (!accessKey || !secretKey)
        p.missing.set("advance", [
          ...(p.missing.get("advance") ?? []),
          `${[!accessKey && "ADVANCE_ACCESS_KEY", !secretKey && "ADVANCE_SECRET_KEY"].filter(Boolean).join(" and ")} (or ADVANCE_ACCESS_TOKEN)`,
        ]);
      out.advance = { baseUrl, accessKey: accessKey ?? "", secretKey: secretKey ?? "" };
    }
    // Without the vendor's signing key the kit cannot mint a genuinely expired token; one the vendor issued can be kept.
    const expired = env["ADVANCE_EXPIRED_TOKEN"]?.trim();
    if (expired) out.advance.expiredToken = expired;
  }
  if (vendors.includes("zoloz")) {
    const clientId = p.value(env, "zoloz", "ZOLOZ_CLIENT_ID");
    // The portal's ids are "typically 16 digits" (not a rule, see specs/zoloz.yaml); a header value cannot hold white space.
    if (clientId && /\s/.test(clientId))
      p.malformed.push(`ZOLOZ_CLIENT_ID must be the client id from the ZOLOZ portal, without white space`);
    out.zoloz = {
      baseUrl: p.url(env, "zoloz", "ZOLOZ_BASE_URL"),
      clientId,
      merchantPrivateKey: p.value(env, "zoloz", "ZOLOZ_MERCHANT_PRIVATE_KEY"),
      platformPublicKey: p.value(env, "zoloz", "ZOLOZ_PLATFORM_PUBLIC_KEY"),
      encrypt: env["ZOLOZ_ENCRYPT"] === "1" || env["ZOLOZ_ENCRYPT"] === "true",
    };
  }
  if (vendors.includes("uqudo")) {
    out.uqudo = {
      baseUrl: p.url(env, "uqudo", "UQUDO_BASE_URL"),
      authUrl: p.url(env, "uqudo", "UQUDO_AUTH_URL"),
      clientId: p.value(env, "uqudo", "UQUDO_CLIENT_ID"),
      clientSecret: p.value(env, "uqudo", "UQUDO_CLIENT_SECRET"),
    };
    const expired = env["UQUDO_EXPIRED_TOKEN"]?.trim();
    if (expired) out.uqudo.expiredToken = expired;
  }
  p.report(vendors);
  return out;
}
