// `ekyc-conformance sandbox [--port N] [--json] [--mutation NAME…] [--fault NAME[:rate]…] [--seed S]`: run the
// sandbox until SIGINT/SIGTERM.
import type { Writable } from "node:stream";
import { startSandbox, type Sandbox } from "./server.ts";
import { describeFault, parseFault } from "./switches.ts";
import type { ZolozHeaderCase } from "./zoloz.ts";

export interface SandboxCommandOptions {
  port?: number;
  host?: string;
  json?: boolean;
  /** Mutations to apply together (test-only contract regressions). */
  mutation?: readonly string[];
  /** Faults in force from the start, as `NAME[:rate]` (FAULTS in switches.ts). */
  fault?: readonly string[];
  /** Seed of the id sequences and of the faults' rate draws. */
  seed?: string;
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
    uqudo: {
      baseUrl: s.baseUrls.uqudo,
      authUrl: s.baseUrls.uqudoAuth,
      clientId: c.uqudo.clientId,
      clientSecret: c.uqudo.clientSecret,
    },
    adminUrl: s.adminUrl,
  };
}

/** Starts the sandbox, prints where it is, and resolves with exit code 0 once it has closed. */
export async function runSandboxCommand(options: SandboxCommandOptions = {}): Promise<number> {
  const out = options.stdout ?? process.stdout;
  const faults = (options.fault ?? []).map((f) => parseFault(f));
  const sandbox = await startSandbox({
    ...(faults.length ? { faults } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
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
        faults.length
          ? `  faults      ${sandbox.faults
              .map((f) =>
                Object.entries(describeFault(f))
                  .map(([k, v]) => (k === "name" ? v : `${k}=${v}`))
                  .join(" "),
              )
              .join(", ")}`
          : "",
        `  admin       ${sandbox.adminUrl}  (loopback only; docs/sandbox.md)`,
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
