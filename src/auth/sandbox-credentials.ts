// Typed access to fixtures/keys/: the TEST-ONLY credentials shared by the local sandbox and the
// client when it targets the sandbox.

import type { KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadPrivateKey, loadPublicKey } from "./keys.ts";
import { SANDBOX_KEYS_DIR } from "../layout.ts";

export { SANDBOX_KEYS_DIR };

export interface SandboxCredentialsFile {
  testOnly: true;
  advance: { accessKey: string; secretKey: string; tokenSigningSecret: string };
  zoloz: {
    clientId: string;
    keyVersion: string;
    merchantPrivateKeyFile: string;
    merchantPublicKeyFile: string;
    platformPrivateKeyFile: string;
    platformPublicKeyFile: string;
  };
  uqudo: { clientId: string; clientSecret: string; tokenSigningSecret: string; expiresIn: number };
}

/** The sandbox credentials file with its keys loaded: both sides' secrets (the sandbox's public view is SandboxCredentials). */
export interface SandboxSecrets extends SandboxCredentialsFile {
  keys: {
    /** Client side: signs requests, decrypts responses. */
    merchantPrivate: KeyObject;
    /** Sandbox side: verifies requests, encrypts responses. */
    merchantPublic: KeyObject;
    /** Sandbox side (stands for ZOLOZ): signs responses, decrypts requests. */
    platformPrivate: KeyObject;
    /** Client side: verifies responses, encrypts requests. */
    platformPublic: KeyObject;
  };
}

/** Read sandbox-credentials.json and its key files (default: the committed fixtures/keys/). */
export function loadSandboxCredentials(
  file: string = resolve(SANDBOX_KEYS_DIR, "sandbox-credentials.json"),
): SandboxSecrets {
  const raw = JSON.parse(readFileSync(file, "utf8")) as SandboxCredentialsFile;
  if (raw.testOnly !== true) throw new Error(`${file}: not marked testOnly; refusing to use it as sandbox credentials`);
  const dir = dirname(file);
  const z = raw.zoloz;
  return {
    ...raw,
    keys: {
      merchantPrivate: loadPrivateKey(resolve(dir, z.merchantPrivateKeyFile), "zoloz.merchantPrivateKeyFile"),
      merchantPublic: loadPublicKey(resolve(dir, z.merchantPublicKeyFile), "zoloz.merchantPublicKeyFile"),
      platformPrivate: loadPrivateKey(resolve(dir, z.platformPrivateKeyFile), "zoloz.platformPrivateKeyFile"),
      platformPublic: loadPublicKey(resolve(dir, z.platformPublicKeyFile), "zoloz.platformPublicKeyFile"),
    },
  };
}
