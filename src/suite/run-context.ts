// One run context per test worker: configuration, compiled specs, the chosen transport, the redactor.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { loadSandboxCredentials } from "../auth/sandbox-credentials.ts";
import { configFromEnv, type KitConfig } from "../config/index.ts";
import { DEFAULT_FIXTURES_DIR } from "../recording/format.ts";
import { SANDBOX_PLACEHOLDER_ORIGIN } from "../recording/recorder.ts";
import { Redactor } from "../redact/index.ts";
import { loadSpecs } from "../openapi/index.ts";
import { sharedJournal } from "../reliability/journal.ts";
import { createTransport, type SandboxInfo } from "../transport/index.ts";
import type { RunContext } from "./run.ts";

export { DEFAULT_FIXTURES_DIR };

/** Every secret the run knows, in every form a writer could leak it. */
export function redactorFor(config: KitConfig, ...faces: Array<Uint8Array | undefined>): Redactor {
  const redactor = new Redactor();
  const sandbox = loadSandboxCredentials();
  const values = [
    config.advance?.accessKey,
    config.advance?.secretKey,
    config.advance?.accessToken,
    config.advance?.expiredToken,
    config.zoloz?.merchantPrivateKey,
    config.uqudo?.clientSecret,
    config.uqudo?.accessToken,
    config.uqudo?.expiredToken,
    sandbox.advance.accessKey,
    sandbox.advance.secretKey,
    sandbox.advance.tokenSigningSecret,
    sandbox.uqudo.clientSecret,
    sandbox.uqudo.tokenSigningSecret,
  ];
  // Base64 secrets contain "/" and "+": every value counts, whatever its characters.
  for (const value of values) if (value) redactor.addSecret(value);
  // The ZOLOZ key is PEM text (the PEM rule covers it), a file path (the file is never sent), or bare Base64 DER.
  const key = config.zoloz?.merchantPrivateKey?.trim();
  if (key && !key.includes("-----BEGIN") && !existsSync(key))
    for (const form of new Set([key, key.replace(/\s+/g, "")])) redactor.addSecret(form);
  for (const face of faces) if (face) redactor.addSecret(Buffer.from(face).toString("base64"));
  return redactor;
}

export interface ContextOptions {
  config?: KitConfig;
  sandbox?: SandboxInfo & { registerImage?: (bytes: Uint8Array, mime: string) => string };
  fixturesDir?: string;
}

export function createRunContext(options: ContextOptions = {}): RunContext {
  const config = options.config ?? configFromEnv();
  const spec = loadSpecs();
  const realFace = config.faceImage ? readFileSync(config.faceImage) : undefined;
  const otherFace = config.otherFaceImage ? readFileSync(config.otherFaceImage) : undefined;
  const redactor = redactorFor(config, realFace, otherFace);
  const fixturesDir = options.fixturesDir ?? config.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const journal = sharedJournal();
  const transport = createTransport(config, {
    spec,
    redactor,
    fixturesDir,
    journal,
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  });
  // Live ids must never collide with a real user or another run; recorded ids must be the same on every recording.
  const runPrefix =
    config.target === "live"
      ? `ekc${randomBytes(3).toString("hex")}`
      : `ekc${(config.seed % 0xffffff).toString(16).padStart(6, "0")}`;
  const imageHost = imageHostFor(config, options.sandbox);
  return {
    config,
    spec,
    transport,
    journal,
    redactor,
    runPrefix,
    ...(realFace ? { realFace, gallery: new Set<string>() } : {}),
    ...(otherFace ? { otherFace } : {}),
    ...(imageHost ? { imageHost } : {}),
  };
}

// URL-carried images need a host the target can fetch: the local sandbox serves them. In replay the URL is the one
// the recording holds: the placeholder origin and the sandbox's content-hash id.
function imageHostFor(config: KitConfig, sandbox: ContextOptions["sandbox"]): RunContext["imageHost"] {
  if (config.target === "fixtures") {
    return async (bytes) =>
      `${SANDBOX_PLACEHOLDER_ORIGIN}/__images/${createHash("sha256").update(bytes).digest("hex").slice(0, 24)}`;
  }
  if (config.target === "sandbox" && sandbox) {
    return async (bytes, mime) => {
      if (sandbox.registerImage) return sandbox.registerImage(bytes, mime);
      const response = await fetch(`${sandbox.origin}/__images`, {
        method: "POST",
        headers: { "content-type": mime },
        body: new Uint8Array(bytes),
      });
      const json = (await response.json()) as { url?: string };
      if (!json.url) throw new Error("the sandbox did not register the image");
      return json.url;
    };
  }
  return undefined;
}
