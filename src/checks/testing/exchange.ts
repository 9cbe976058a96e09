// Builds Exchanges by hand for the check tests: a status, headers and a JSON (or raw) body become the bytes, the
// parsed JSON and the parse error exactly as the transport would record them; ZOLOZ responses can be signed and
// verified with the committed TEST-ONLY sandbox keys, so the signature verdict is a real one.
import { loadSandboxCredentials, type SandboxSecrets } from "../../auth/sandbox-credentials.ts";
import { signZolozResponse, verifyZolozResponse } from "../../auth/zoloz.ts";
import { loadSpecs } from "../../openapi/index.ts";
import type { OperationInfo, SpecSet } from "../../openapi/types.ts";
import { parseBody } from "../../transport/wire.ts";
import type { Exchange, Finding, OperationId, SignatureVerification } from "../../types.ts";
import { runChecks, type CheckRun } from "../index.ts";
import type { Check, CheckContext, Expectation } from "../types.ts";

/** The real specs (specs/*.yaml), loaded once. */
export const spec: SpecSet = loadSpecs();

export interface ExchangeInit {
  /** Default 200. */
  status?: number;
  /** Response headers (names are lower-cased). Content-Type defaults to the first documented media type. */
  headers?: Record<string, string>;
  /** A JSON body, serialised with JSON.stringify. */
  json?: unknown;
  /** Raw body text or bytes (wins over `json`). */
  body?: string | Uint8Array;
  /** null: no Content-Type header at all. */
  contentType?: string | null;
  /**
   * ZOLOZ signature: "sign" (default for ZOLOZ) signs the body with the sandbox platform key and verifies it with
   * the platform public key; "tamper" signs then changes the body; "unsigned" sends no Signature/Response-Time;
   * "none" records no verification (as for ADVANCE and uqudo); or a verification to record as it is.
   */
  signature?: "sign" | "tamper" | "unsigned" | "none" | SignatureVerification;
  /** Path parameters and query of the request. */
  pathParams?: Record<string, string>;
  requestHeaders?: Record<string, string>;
}

let credentials: SandboxSecrets | undefined;
function sandbox(): SandboxSecrets {
  credentials ??= loadSandboxCredentials();
  return credentials;
}

const encoder = new TextEncoder();

function defaultContentType(operation: OperationInfo, status: number): string | undefined {
  const documented = (operation.responseMediaTypes[status] ?? []).filter((m) => m !== "");
  return documented[0] ?? (status === 204 ? undefined : "application/json");
}

function requestPath(operation: OperationInfo, pathParams: Record<string, string> = {}): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(pathParams[name] ?? `test-${name}`),
  );
}

/** An Exchange for `operationId` (e.g. "advance.enroll") as the transport would have recorded it. */
export function exchange(operationId: OperationId, init: ExchangeInit = {}): Exchange {
  const operation = spec.operation(operationId);
  const status = init.status ?? 200;
  const headers: Record<string, string> = {};
  const contentType =
    init.contentType === null ? undefined : (init.contentType ?? defaultContentType(operation, status));
  if (contentType !== undefined) headers["content-type"] = contentType;
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;

  const text = init.body !== undefined ? init.body : init.json !== undefined ? JSON.stringify(init.json) : "";
  let body = typeof text === "string" ? encoder.encode(text) : text;

  const path = requestPath(operation, init.pathParams);
  const server = operation.servers[0] ?? "https://example.test";
  const requestHeaders: Record<string, string> = { accept: "application/json", ...init.requestHeaders };
  let signature: SignatureVerification | undefined;
  const mode = init.signature ?? (operation.vendor === "zoloz" ? "sign" : "none");
  if (operation.vendor === "zoloz") requestHeaders["client-id"] ??= sandbox().zoloz.clientId;
  if (typeof mode === "object") {
    signature = mode;
  } else if (mode !== "none") {
    const clientId = requestHeaders["client-id"] ?? sandbox().zoloz.clientId;
    if (mode !== "unsigned") {
      const signed = signZolozResponse({
        path,
        clientId,
        body,
        privateKey: sandbox().keys.platformPrivate,
        now: new Date("2026-01-02T03:04:05Z"),
      });
      headers["response-time"] ??= signed["response-time"] as string;
      headers["signature"] ??= signed["signature"] as string;
      if (mode === "tamper") body = encoder.encode(Buffer.from(body).toString("utf8") + " ");
    }
    signature = verifyZolozResponse({ path, clientId, headers, body, publicKey: sandbox().keys.platformPublic });
  }

  return {
    operationId: operation.id,
    request: {
      method: operation.method,
      url: server + path,
      path,
      operationPath: path,
      headers: requestHeaders,
      body: new Uint8Array(),
    },
    response: { status, headers, body, ...parseBody(body, headers["content-type"]) },
    timing: { startedAt: "2026-01-02T03:04:05.000Z", durationMs: 12 },
    ...(signature ? { signature } : {}),
  };
}

/** A CheckContext over a hand-built exchange. Default expectation: `{ kind: "any" }`. */
export function context(
  operationId: OperationId,
  init: ExchangeInit = {},
  expectation: Expectation = { kind: "any" },
): CheckContext {
  const ex = exchange(operationId, init);
  return { exchange: ex, operation: spec.operation(ex.operationId), spec, expectation };
}

/** Runs one check (only when it applies; [] otherwise), without deviation matching. */
export function runCheck(
  check: Check,
  operationId: OperationId,
  init: ExchangeInit = {},
  expectation?: Expectation,
): Finding[] {
  const ctx = context(operationId, init, expectation);
  return check.appliesTo(ctx) ? check.run(ctx) : [];
}

/** Runs the whole registry (with deviation matching) over one hand-built exchange. */
export function runAll(operationId: OperationId, init: ExchangeInit = {}, expectation?: Expectation): CheckRun {
  return runChecks(context(operationId, init, expectation));
}

/** The doc page URL of an operation: every finding's rule.docUrl. */
export function docUrl(operationId: OperationId): string {
  return spec.operation(operationId).docPage.url;
}

// ---------------------------------------------------------------- envelopes

/** An ADVANCE.AI envelope with the documented defaults (SUCCESS, OK, data null, FREE). */
export function advanceBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: "SUCCESS",
    message: "OK",
    data: null,
    extra: null,
    transactionId: "ed8b21c0c87ad617",
    pricingStrategy: "FREE",
    ...fields,
  };
}

/** A ZOLOZ body with a result triple (S/SUCCESS/Success unless overridden) and the given top-level fields. */
export function zolozBody(
  result: Partial<Record<"resultStatus" | "resultCode" | "resultMessage", unknown>> = {},
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...fields, result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "Success", ...result } };
}

/** A ZOLOZ failure body (F + code). */
export function zolozFailure(code: string, message = "failed", status = "F"): Record<string, unknown> {
  return zolozBody({ resultStatus: status, resultCode: code, resultMessage: message });
}

/** The RuleRef a check's finding carries by default: the check's rule, the operation's doc page and spec pointer. */
export function ruleOf(check: Check, operationId: OperationId): { text: string; docUrl: string; specPointer: string } {
  const operation = spec.operation(operationId);
  return { text: check.rule, docUrl: operation.docPage.url, specPointer: operation.specPointer };
}
