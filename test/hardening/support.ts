// Shared helpers of the hardening tests: running the real CLI as a child process, a known face photo, and scanning
// everything a run wrote for secrets and faces in every form a writer could leak them.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { REPO_ROOT } from "../../src/openapi/index.ts";

export const BIN = join(REPO_ROOT, "bin", "ekyc-conformance.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `node bin/ekyc-conformance.js ...args` in `cwd` with ONLY the given variables (plus PATH/HOME/TMPDIR), so
 * nothing from the developer's shell or the vitest project (CONFORMANCE_TARGET, vendor keys) leaks into the child.
 */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[name]) env[name] = process.env[name]!;
  Object.assign(env, { NO_COLOR: "1", FORCE_COLOR: "0" }, options.env ?? {});
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 110_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A JPEG no one has seen before: random pixels (the sandbox's no-face rule only asks for luma variance). */
export async function knownFace(size = 96): Promise<Buffer> {
  const pixels = Buffer.alloc(size * size * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export interface Needle {
  label: string;
  bytes: Buffer;
}

/** A text secret as a writer could leak it: raw, Base64, Base64url, percent-encoded, hex. */
export function secretNeedles(name: string, secret: string): Needle[] {
  const raw = Buffer.from(secret, "utf8");
  const forms: Record<string, string> = {
    raw: secret,
    base64: raw.toString("base64"),
    base64url: raw.toString("base64url"),
    percent: encodeURIComponent(secret),
    hex: raw.toString("hex"),
    HEX: raw.toString("hex").toUpperCase(),
  };
  return Object.entries(forms).map(([form, value]) => ({ label: `${name} (${form})`, bytes: Buffer.from(value) }));
}

/**
 * A face as a writer could leak it, whole or cut short: 40-character windows (at the start, a third and two thirds in)
 * of its Base64, Base64url, percent-encoded Base64 and hex forms, and 32 raw bytes from inside the image data.
 */
export function faceNeedles(name: string, face: Buffer): Needle[] {
  const forms: Record<string, string> = {
    base64: face.toString("base64"),
    base64url: face.toString("base64url"),
    percent: encodeURIComponent(face.toString("base64")),
    hex: face.toString("hex"),
  };
  const needles: Needle[] = [];
  for (const [form, value] of Object.entries(forms)) {
    for (const at of [0, Math.floor(value.length / 3) & ~3, Math.floor((2 * value.length) / 3) & ~3]) {
      needles.push({ label: `${name} (${form} @${at})`, bytes: Buffer.from(value.slice(at, at + 40)) });
    }
  }
  const middle = Math.floor(face.length / 2);
  needles.push({ label: `${name} (raw bytes)`, bytes: face.subarray(middle, middle + 32) });
  return needles;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(dir);
  return out;
}

export interface Hit {
  file: string;
  needle: string;
}

/** Every (file, needle) pair where the file's bytes contain the needle. */
export function scan(files: string[], needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(needle.bytes)) hits.push({ file, needle: needle.label });
  }
  return hits;
}

/** A JWT anywhere (three Base64url segments, the first a JSON header): tokens are secrets whatever signed them. */
export const JWT_PATTERN = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]{4,}/;
