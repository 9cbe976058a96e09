// `ekyc-conformance proxy`, its run: start the upstream check, listen, judge each exchange, and on SIGINT/SIGTERM or
// --max-requests write every report from the one results model and exit by exitCodeOf.
import { connect } from "node:net";
import { cpus, hostname } from "node:os";
import type { Writable } from "node:stream";
import { writeReports } from "../../reporters/index.ts";
import { loadPrivateKey, loadPublicKey } from "../auth/keys.ts";
import { SECRET_VARIABLES } from "../config/index.ts";
import { Redactor } from "../redact/index.ts";
import { kitVersion } from "../results/build.ts";
import { RESULTS_VERSION, type CaseResult, type RunResults } from "../results/model.ts";
import { exitCodeOf } from "../results/verdict.ts";
import { loadSpecs } from "../openapi/index.ts";
import type { SpecSet } from "../openapi/types.ts";
import { ConfigError, type Vendor } from "../types.ts";
import { checkOutDir } from "./preflight.ts";
import { startProxy, type Proxy, type ProxyOptions } from "../proxy/server.ts";

export interface ProxyCommandOptions {
  vendor: Vendor;
  upstream?: string;
  authUpstream?: string;
  port?: string;
  out: string;
  json?: boolean;
  quiet?: boolean;
  maxRequests?: string;
  zolozMerchantPublicKey?: string;
  zolozPlatformPublicKey?: string;
  zolozMerchantPrivateKey?: string;
  zolozPlatformPrivateKey?: string;
  /** Tests: where the JSON line and the live lines go, and a stop signal besides SIGINT/SIGTERM. */
  stdout?: Writable;
  stderr?: Writable;
  signal?: AbortSignal;
}

function positiveInteger(
  flag: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new ConfigError(`${flag} ${value} is not an integer from ${min} to ${max}`);
  return Number(value);
}

function upstreamUrl(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${flag} ${value} is not a URL (e.g. https://sg-sandbox-api.zoloz.com)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${flag} ${value} must be an http or https URL`);
  return url;
}

/** The upstream takes connections, or a one-line reason why not (checked before listening). */
function reachable(url: URL, flag: string): Promise<void> {
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port, timeout: 5_000 });
    const fail = (why: string) => {
      socket.destroy();
      reject(new ConfigError(`${flag} ${url.origin} ${why}; start it or give the right URL`));
    };
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
    socket.once("timeout", () => fail("did not accept a connection within 5 s"));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "ECONNREFUSED" ? "refuses connections" : `is unreachable (${error.code ?? error.message})`),
    );
  });
}

const line = (c: CaseResult): string => {
  const client = c.findings.filter((f) => f.side === "client").length;
  const vendor = c.findings.filter((f) => f.side === "vendor").length;
  const status = c.exchanges[0]?.response?.status;
  const method = c.exchanges[0]?.request.method ?? "";
  return `proxy: ${method} ${c.operationId} → ${status ?? c.fault ?? "no answer"}: ${c.status}, ${c.findings.length} finding${c.findings.length === 1 ? "" : "s"} (${client} client-side, ${vendor} vendor-side)${c.reason ? ` — ${c.reason}` : ""}\n`;
};

export function proxyResults(
  spec: SpecSet,
  vendor: Vendor,
  upstream: string,
  sandbox: boolean,
  cases: readonly CaseResult[],
  startedAt: Date,
): RunResults {
  return {
    run: {
      version: RESULTS_VERSION,
      kitVersion: kitVersion(),
      target: sandbox ? "sandbox" : "live",
      vendors: [vendor],
      seed: 0,
      fuzzRuns: 0,
      specHashes: spec.hashes[vendor] !== undefined ? { [vendor]: spec.hashes[vendor] } : {},
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      host: { hostname: hostname(), platform: process.platform, node: process.version, cpus: cpus().length },
      proxy: { vendor, upstream },
    },
    cases: [...cases],
    deviations: spec.deviations(vendor).map((d) => ({
      id: d.id,
      vendor: d.vendor,
      summary: d.summary,
      chosen: d.chosen,
      otherReading: d.otherReading,
      reportedAs: d.reportedAs,
    })),
  };
}

export async function runProxyCommand(options: ProxyCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const port = positiveInteger("--port", options.port, 0, 65535) ?? 0;
  const maxRequests = positiveInteger("--max-requests", options.maxRequests, 1);
  const out = checkOutDir(options.out);
  const keyOf = <T>(load: (v: string, n: string) => T, flag: string, value: string | undefined) =>
    value === undefined ? undefined : load(value, flag);
  const keys: NonNullable<ProxyOptions["keys"]> = {};
  const given = {
    zolozMerchantPublic: keyOf(loadPublicKey, "--zoloz-merchant-public-key", options.zolozMerchantPublicKey),
    zolozPlatformPublic: keyOf(loadPublicKey, "--zoloz-platform-public-key", options.zolozPlatformPublicKey),
    zolozMerchantPrivate: keyOf(loadPrivateKey, "--zoloz-merchant-private-key", options.zolozMerchantPrivateKey),
    zolozPlatformPrivate: keyOf(loadPrivateKey, "--zoloz-platform-private-key", options.zolozPlatformPrivateKey),
  };
  for (const [name, key] of Object.entries(given)) if (key) Object.assign(keys, { [name]: key });
  if (options.upstream === undefined && options.authUpstream !== undefined)
    throw new ConfigError("--auth-upstream needs --upstream (the embedded sandbox has its own OAuth server)");
  const spec = loadSpecs();
  const redactor = new Redactor({
    secrets: SECRET_VARIABLES.map((name) => process.env[name]?.trim() ?? "").filter(Boolean),
  });

  let upstream = options.upstream;
  let authUpstream = options.authUpstream;
  let sandbox: Awaited<ReturnType<typeof import("../sandbox/server.ts").startSandbox>> | undefined;
  let summary: Record<string, unknown> | undefined;
  if (upstream === undefined) {
    const { startSandbox } = await import("../sandbox/server.ts");
    const { sandboxSummary } = await import("../sandbox/cli.ts");
    const { loadSandboxCredentials } = await import("../auth/sandbox-credentials.ts");
    sandbox = await startSandbox();
    upstream = sandbox.baseUrls[options.vendor];
    authUpstream = sandbox.baseUrls.uqudoAuth;
    summary = sandboxSummary(sandbox);
    // The embedded sandbox's TEST-ONLY keys stand in for every key flag not given.
    const k = loadSandboxCredentials();
    keys.zolozMerchantPublic ??= k.keys.merchantPublic;
    keys.zolozPlatformPublic ??= k.keys.platformPublic;
    keys.zolozMerchantPrivate ??= k.keys.merchantPrivate;
    keys.zolozPlatformPrivate ??= k.keys.platformPrivate;
    for (const secret of [
      k.advance.accessKey,
      k.advance.secretKey,
      k.advance.tokenSigningSecret,
      k.uqudo.clientSecret,
      k.uqudo.tokenSigningSecret,
    ])
      redactor.addSecret(secret);
  } else {
    await reachable(upstreamUrl("--upstream", upstream), "--upstream");
    if (authUpstream !== undefined) await reachable(upstreamUrl("--auth-upstream", authUpstream), "--auth-upstream");
  }

  const startedAt = new Date();
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let proxy: Proxy | undefined;
  try {
    proxy = await startProxy({
      vendor: options.vendor,
      upstream,
      ...(authUpstream !== undefined ? { authUpstream } : {}),
      port,
      spec,
      keys,
      redactor,
      onCase: (c) => {
        if (!options.quiet) stderr.write(redactor.text(line(c)));
        if (maxRequests !== undefined && proxy && proxy.cases.length >= maxRequests) stop();
      },
    });
  } catch (error) {
    await sandbox?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new ConfigError(`--port ${port} is in use; give another port, or omit --port for a free one`);
    if (code === "EACCES") throw new ConfigError(`--port ${port} needs privileges; give a port above 1023`);
    throw error;
  }
  const ready = { url: proxy.url, vendor: options.vendor, upstream, ...(summary ? { sandbox: summary } : {}) };
  if (options.json) stdout.write(`${JSON.stringify(ready)}\n`);
  else
    stderr.write(
      `ekyc-conformance proxy listening on ${proxy.url}, forwarding ${options.vendor} calls to ${upstream}; point your app at ${proxy.url} and press Ctrl+C to write the reports\n`,
    );

  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener("abort", stop);
  await stopped;
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  options.signal?.removeEventListener("abort", stop);

  await proxy.close();
  await sandbox?.close();
  const results = proxyResults(spec, options.vendor, upstream, sandbox !== undefined, proxy.cases, startedAt);
  // The summary lists the reports; on --json it goes to stderr so stdout stays the one JSON line.
  writeReports(results, { out, stdout: (text) => void (options.json ? stderr : stdout).write(text) });
  return exitCodeOf(results);
}
