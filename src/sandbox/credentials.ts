// The sandbox's TEST-ONLY credentials, from fixtures/keys via src/auth, plus the public view that
// `Sandbox.credentials` and the CLI hand to clients (ids, secrets and key file PATHS, never PEM text).
import { resolve } from "node:path";
import {
  loadSandboxCredentials as loadFile,
  SANDBOX_KEYS_DIR,
  type SandboxSecrets,
} from "../auth/sandbox-credentials.ts";

export interface SandboxCredentials {
  advance: { accessKey: string; secretKey: string };
  zoloz: {
    clientId: string;
    keyVersion: string;
    /** Absolute paths. The client signs with the merchant private key and verifies responses with the platform public key. */
    merchantPrivateKeyPath: string;
    merchantPublicKeyPath: string;
    platformPrivateKeyPath: string;
    platformPublicKeyPath: string;
  };
  uqudo: { clientId: string; clientSecret: string };
}

let cached: SandboxSecrets | undefined;

/** Full credentials including key objects and token-signing secrets (sandbox side). */
export function sandboxSecrets(): SandboxSecrets {
  cached ??= loadFile();
  return cached;
}

export function publicCredentials(): SandboxCredentials {
  const c = sandboxSecrets();
  const path = (f: string) => resolve(SANDBOX_KEYS_DIR, f);
  return {
    advance: { accessKey: c.advance.accessKey, secretKey: c.advance.secretKey },
    zoloz: {
      clientId: c.zoloz.clientId,
      keyVersion: c.zoloz.keyVersion,
      merchantPrivateKeyPath: path(c.zoloz.merchantPrivateKeyFile),
      merchantPublicKeyPath: path(c.zoloz.merchantPublicKeyFile),
      platformPrivateKeyPath: path(c.zoloz.platformPrivateKeyFile),
      platformPublicKeyPath: path(c.zoloz.platformPublicKeyFile),
    },
    uqudo: { clientId: c.uqudo.clientId, clientSecret: c.uqudo.clientSecret },
  };
}
