// `ekyc-conformance sandbox [--port N] [--json] [--mutation NAME…]`: run the sandbox until SIGINT/SIGTERM.
import type { Writable } from "node:stream";
import { startSandbox, type Sandbox } from "./server.ts";
import type { ZolozHeaderCase } from "./zoloz.ts";

export interface SandboxCommandOptions {
  port?: number;
  host?: string;
  json?: boolean;
  /** Mutations to apply together (test-only contract regressions). */
  mutation?: readonly string[];
  /** Header-name casing of ZOLOZ answers (SandboxOptions.zolozHeaderCase). */
  zolozHeaderCase?: ZolozHeaderCase;
  /** Default process.stdout. */
  stdout?: Writable;
  /** Stops the sandbox when aborted (tests); SIGINT/SIGTERM always do. */
  signal?: AbortSignal;
  /** Called once the sandbox listens (tests). */
  onReady?: (sandbox: Sandbox) => void;
}

/** What `--json` prints: exactly one JSON object on the first line of stdout. */
export function sandboxSummary(s: Sandbox): Record<string, unknown> {
  const c = s.credentials;
  return {
    advance: { baseUrl: s.baseUrls.advance, accessKey: c.advance.accessKey, secretKey: c.advance.secretKey },
    zoloz: {
      baseUrl: s.baseUrls.zoloz,
      clientId: c.zoloz.clientId,
      merchantPrivateKeyPath: c.zoloz.merchantPrivateKeyPath,
      platformPublicKeyPath: c.zoloz.platformPublicKeyPath,
    },
    uqudo: { baseUrl: s.baseUrls.uqudo, authUrl: s.baseUrls.uqudoAuth, clientId: c.uqudo.clientId, clientSecret: c.uqudo.clientSecret },
  };
}

/** Starts the sandbox, prints where it is, and resolves with exit code 0 once it has closed. */
export async function runSandboxCommand(options: SandboxCommandOptions = {}): Promise<number> {
  const out = options.stdout ?? process.stdout;
  const sandbox = await startSandbox({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.mutation?.length ? { mutation: options.mutation } : {}),
    ...(options.zolozHeaderCase !== undefined ? { zolozHeaderCase: options.zolozHeaderCase } : {}),
  });
  const summary = sandboxSummary(sandbox);
  if (options.json) {
    out.write(`${JSON.stringify(summary)}\n`);
  } else {
    const c = sandbox.credentials;
    out.write(
      [
        `ekyc-conformance sandbox listening on ${sandbox.origin} (TEST-ONLY credentials)`,
        `  ADVANCE.AI  ${sandbox.baseUrls.advance}`,
        `              accessKey ${c.advance.accessKey}  secretKey ${c.advance.secretKey}`,
        `  ZOLOZ       ${sandbox.baseUrls.zoloz}`,
        `              Client-Id ${c.zoloz.clientId}`,
        `              merchant private key ${c.zoloz.merchantPrivateKeyPath}`,
        `              platform public key  ${c.zoloz.platformPublicKeyPath}`,
        `  uqudo       ${sandbox.baseUrls.uqudo}  (auth ${sandbox.baseUrls.uqudoAuth})`,
        `              client_id ${c.uqudo.clientId}  client_secret ${c.uqudo.clientSecret}`,
        sandbox.mutation ? `  mutations   ${sandbox.mutation}` : "",
        "Press Ctrl+C to stop.",
        "",
      ]
        .filter((l) => l !== "")
        .join("\n") + "\n",
    );
  }
  options.onReady?.(sandbox);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      options.signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener("abort", stop);
  });
  await sandbox.close();
  return 0;
}
