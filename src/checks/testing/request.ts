// Builds an app's request as the proxy would observe it, with its client evidence computed by the proxy's own code
// (images decoded from real bytes, ZOLOZ signatures verified with the committed TEST-ONLY keys), for the tests of
// the client-side checks.
import { createSign } from "node:crypto";
import { loadSandboxCredentials } from "../../auth/sandbox-credentials.ts";
import { clientEvidence, type EvidenceKeys } from "../../proxy/evidence.ts";
import type { Finding, OperationId } from "../../types.ts";
import type { Check, CheckContext } from "../types.ts";
import { exchange, spec } from "./exchange.ts";

export interface RequestInit {
  headers?: Record<string, string>;
  /** A JSON body (serialised) or raw text. */
  json?: unknown;
  body?: string;
  pathParams?: Record<string, string>;
  keys?: EvidenceKeys;
}

export const sandboxKeys = () => loadSandboxCredentials().keys;

/** `algorithm=RSA256, signature=<percent-encoded Base64>` over ZOLOZ's content, signed independently with node:crypto. */
export function zolozSignature(
  path: string,
  clientId: string,
  time: string,
  body: string,
  key = sandboxKeys().merchantPrivate,
): string {
  const signature = createSign("RSA-SHA256")
    .update(`POST ${path}\n${clientId}.${time}.${body}`)
    .sign(key)
    .toString("base64");
  return `algorithm=RSA256, signature=${encodeURIComponent(signature)}`;
}

export async function requestContext(operationId: OperationId, init: RequestInit = {}): Promise<CheckContext> {
  const ex = exchange(operationId, { pathParams: init.pathParams ?? {} });
  const text = init.body ?? (init.json !== undefined ? JSON.stringify(init.json) : "");
  const headers = {
    "content-type": "application/json",
    ...Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  ex.request = { ...ex.request, headers, body: new Uint8Array(Buffer.from(text, "utf8")) };
  const operation = spec.operation(operationId);
  const client = await clientEvidence(operation, ex.request, init.pathParams ?? {}, init.keys ?? {});
  return { exchange: ex, operation, spec, expectation: { kind: "any" }, client };
}

export async function runClientCheck(
  check: Check,
  operationId: OperationId,
  init: RequestInit = {},
): Promise<Finding[]> {
  const ctx = await requestContext(operationId, init);
  return check.appliesTo(ctx) ? check.run(ctx) : [];
}
