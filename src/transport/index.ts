// Chooses the transport by configuration. Suites never see which one they got.
import { join } from "node:path";
import { loadSandboxCredentials } from "../auth/sandbox-credentials.ts";
import { SANDBOX_KEYS_DIR } from "../layout.ts";
import type { KitConfig } from "../config/index.ts";
import { loadFixtures } from "../recording/format.ts";
import { FixtureRecorder } from "../recording/recorder.ts";
import { CASE_HEADER, FixtureReplayer, SEQUENCE_HEADER } from "../recording/replayer.ts";
import type { Redactor } from "../redact/index.ts";
import { sharedJournal, type Journal } from "../reliability/journal.ts";
import { journaling } from "../reliability/journaling.ts";
import type { SpecSet } from "../openapi/types.ts";
import { InfraError, type ReceivedResponse, type SendContext, type Transport, type Vendor } from "../types.ts";
import { HttpTransport, type VendorEndpoint } from "./http-transport.ts";
import { AdvanceClient } from "./vendors/advance.ts";
import { UqudoClient } from "./vendors/uqudo.ts";
import { ZolozClient } from "./vendors/zoloz.ts";
import { parseBody, type WireOptions } from "./wire.ts";

/** What a transport needs to know about a running local sandbox (serialisable: vitest hands it to workers). */
export interface SandboxInfo {
  baseUrls: { advance: string; zoloz: string; uqudo: string; uqudoAuth: string };
  origin: string;
}

export const FIXTURE_ORIGINS = {
  advance: "http://advance.fixtures.test",
  zoloz: "http://zoloz.fixtures.test",
  uqudo: "http://uqudo.fixtures.test",
  uqudoAuth: "http://uqudo-auth.fixtures.test",
} as const;

function endpoints(config: KitConfig, wire: WireOptions | undefined): Partial<Record<Vendor, VendorEndpoint>> {
  const out: Partial<Record<Vendor, VendorEndpoint>> = {};
  if (config.advance && config.vendors.includes("advance")) {
    const a = config.advance;
    out.advance = { baseUrl: a.baseUrl, client: new AdvanceClient({ ...a, ...(wire ? { wire } : {}) }) };
  }
  if (config.zoloz && config.vendors.includes("zoloz")) {
    out.zoloz = { baseUrl: config.zoloz.baseUrl, client: new ZolozClient(config.zoloz) };
  }
  if (config.uqudo && config.vendors.includes("uqudo")) {
    const u = config.uqudo;
    out.uqudo = {
      baseUrl: u.baseUrl,
      altBaseUrls: { oauthToken: u.authUrl },
      client: new UqudoClient({ ...u, ...(wire ? { wire } : {}) }),
    };
  }
  return out;
}

/** The kit's configuration for a running local sandbox: its URLs and the committed test-only credentials. */
export function sandboxConfig(config: KitConfig, sandbox: SandboxInfo): KitConfig {
  const credentials = loadSandboxCredentials();
  return {
    ...config,
    advance: {
      baseUrl: sandbox.baseUrls.advance,
      accessKey: credentials.advance.accessKey,
      secretKey: credentials.advance.secretKey,
      tokenSigningSecret: credentials.advance.tokenSigningSecret,
    },
    zoloz: {
      baseUrl: sandbox.baseUrls.zoloz,
      clientId: credentials.zoloz.clientId,
      merchantPrivateKey: join(SANDBOX_KEYS_DIR, credentials.zoloz.merchantPrivateKeyFile),
      platformPublicKey: join(SANDBOX_KEYS_DIR, credentials.zoloz.platformPublicKeyFile),
      encrypt: config.zoloz?.encrypt === true,
    },
    uqudo: {
      baseUrl: sandbox.baseUrls.uqudo,
      authUrl: sandbox.baseUrls.uqudoAuth,
      clientId: credentials.uqudo.clientId,
      clientSecret: credentials.uqudo.clientSecret,
      tokenSigningSecret: credentials.uqudo.tokenSigningSecret,
    },
  };
}

export interface TransportOptions {
  spec: SpecSet;
  redactor: Redactor;
  /** Required for the sandbox target. */
  sandbox?: SandboxInfo;
  fixturesDir: string;
  wire?: WireOptions;
  /** Where what the run creates is recorded: the run context's journal (default: the process's, CONFORMANCE_JOURNAL). */
  journal?: Journal;
}

/** The configured transport, with every resource it creates journaled. */
export function createTransport(config: KitConfig, options: TransportOptions): Transport {
  const http = config.target === "fixtures" ? undefined : liveOrSandboxTransport(config, options);
  const [transport, origin] = http ? [http, (id: string) => http.origin(id)] : fixturesTransport(config, options);
  return journaling(transport, { journal: options.journal ?? sharedJournal(), spec: options.spec, origin });
}

function liveOrSandboxTransport(config: KitConfig, options: TransportOptions): HttpTransport {
  const { spec, redactor } = options;
  const effective = config.target === "sandbox" ? sandboxConfig(config, required(options.sandbox)) : config;
  const recorder = config.record
    ? new FixtureRecorder(options.fixturesDir, config.target, redactor, options.sandbox?.origin, {
        seed: config.seed,
        fuzzRuns: config.fuzzRuns,
      })
    : undefined;
  return new HttpTransport({
    target: config.target,
    spec,
    redactor,
    vendors: endpoints(effective, options.wire),
    ...(options.wire ? { wire: options.wire } : {}),
    ...(recorder ? { observe: recorder.record } : {}),
    // The kit's own sandbox counts its generated ids per case, so a re-recording does not depend on scheduling.
    ...(config.target === "sandbox"
      ? {
          tag: (context: SendContext, sequence: number) => ({
            [CASE_HEADER]: context.caseId,
            [SEQUENCE_HEADER]: String(sequence),
          }),
        }
      : {}),
  });
}

function required(sandbox: SandboxInfo | undefined): SandboxInfo {
  if (!sandbox)
    throw new Error(
      "the sandbox target needs a running sandbox (vitest global setup or `ekyc-conformance run` starts one)",
    );
  return sandbox;
}

function fixturesTransport(config: KitConfig, options: TransportOptions): [Transport, (operationId: string) => string] {
  const credentials = loadSandboxCredentials();
  const fixtures = loadFixtures(options.fixturesDir);
  const replayer = new FixtureReplayer(
    {
      fixtures,
      dir: options.fixturesDir,
      origins: Object.values(FIXTURE_ORIGINS),
      zoloz: {
        origin: FIXTURE_ORIGINS.zoloz,
        clientId: credentials.zoloz.clientId,
        platformPrivateKey: credentials.keys.platformPrivate,
      },
    },
    options.redactor,
  );
  // Replay serves recorded answers whatever the token: a static one spares a token exchange the recording does not hold.
  const replayConfig: KitConfig = {
    ...sandboxConfig(config, {
      baseUrls: {
        advance: FIXTURE_ORIGINS.advance,
        zoloz: FIXTURE_ORIGINS.zoloz,
        uqudo: FIXTURE_ORIGINS.uqudo,
        uqudoAuth: FIXTURE_ORIGINS.uqudoAuth,
      },
      origin: FIXTURE_ORIGINS.advance,
    }),
    record: false,
  };
  replayConfig.advance = { ...replayConfig.advance!, accessToken: "fixtures-replay-token" };
  replayConfig.uqudo = { ...replayConfig.uqudo!, accessToken: "fixtures-replay-token" };
  const http = new HttpTransport({
    target: "fixtures",
    spec: options.spec,
    redactor: options.redactor,
    vendors: endpoints(replayConfig, options.wire),
    wire: { ...options.wire, answer: (request) => received(...replayer.answer(request)) },
    tag: (context, sequence) => ({ [CASE_HEADER]: context.caseId, [SEQUENCE_HEADER]: String(sequence) }),
  });
  const replay: Transport = {
    target: "fixtures",
    async send(request, context) {
      const exchange = await http.send(request, context);
      if (exchange.response.headers["x-fixture-problem"]) {
        throw new InfraError(
          "no-fixture",
          replayer.problems.get(context.caseId) ?? `no fixture for ${context.caseId}`,
          request.operationId,
        );
      }
      return exchange;
    },
    close: () => http.close(),
  };
  return [replay, (id) => http.origin(id)];
}

function received(status: number, text: string, headers: Record<string, string>): ReceivedResponse {
  const body = Buffer.from(text, "utf8");
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return { status, headers: lower, body, ...parseBody(body, lower["content-type"]) };
}
