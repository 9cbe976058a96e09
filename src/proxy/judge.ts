// Judges one observed exchange both ways: the app's request with the client-side checks, the vendor's answer with
// every response check a run uses (expectation "any": the proxy cannot know what the app meant to provoke). An answer
// that looks like an outage is never scored, either way.
import type { KeyObject } from "node:crypto";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { decryptZolozBody, verifyZolozResponse } from "../auth/zoloz.ts";
import { CLIENT_CHECKS } from "../checks/client.ts";
import { runChecks } from "../checks/index.ts";
import type { ClientEvidence } from "../checks/types.ts";
import type { CaseStatus } from "../results/model.ts";
import type { OperationInfo, SpecSet } from "../openapi/types.ts";
import { classifyInfrastructure } from "../reliability/classify.ts";
import { parseBody } from "../transport/wire.ts";
import type { Exchange, Finding, ReceivedResponse, SentRequest } from "../types.ts";

export interface ResponseKeys {
  /** Verifies ZOLOZ response signatures (--zoloz-platform-public-key). */
  zolozPlatformPublic?: KeyObject;
  /** Decrypts RSA_AES response bodies for checking (--zoloz-merchant-private-key). */
  zolozMerchantPrivate?: KeyObject;
}

export interface Judgement {
  status: CaseStatus;
  checks: string[];
  findings: Finding[];
  reason?: string;
  fault?: string;
}

/** The response as the checks see it: parsed (decrypted when possible) and, for ZOLOZ, its signature verdict. */
export function observedExchange(
  operation: OperationInfo,
  request: SentRequest,
  wire: Omit<ReceivedResponse, "json" | "parseError">,
  keys: ResponseKeys,
  startedAt: Date,
  durationMs: number,
): Exchange {
  // A compressed answer (the app asked for it) is forwarded compressed and checked as the app will read it.
  const raw = { ...wire, body: decoded(wire.body, wire.headers["content-encoding"]) };
  const contentType = raw.headers["content-type"];
  let response: ReceivedResponse = { ...raw, ...parseBody(raw.body, contentType) };
  const encrypt = raw.headers["encrypt"];
  if (operation.vendor === "zoloz" && encrypt !== undefined && keys.zolozMerchantPrivate) {
    try {
      const { json, parseError } = parseBody(
        Buffer.from(decryptZolozBody(raw.body, encrypt, keys.zolozMerchantPrivate), "utf8"),
        "application/json",
      );
      response = {
        ...raw,
        ...(json !== undefined ? { json } : {}),
        ...(parseError !== undefined ? { parseError } : {}),
      };
    } catch (error) {
      response = {
        ...raw,
        parseError: `the encrypted response does not decrypt with the merchant private key: ${(error as Error).message}`,
      };
    }
  }
  const exchange: Exchange = {
    operationId: operation.id,
    request,
    response,
    timing: { startedAt: startedAt.toISOString(), durationMs },
  };
  if (operation.vendor === "zoloz" && keys.zolozPlatformPublic) {
    const clientId = request.headers["client-id"] ?? "";
    exchange.signature = verifyZolozResponse({
      path: request.path,
      clientId,
      headers: raw.headers,
      body: raw.body,
      publicKey: keys.zolozPlatformPublic,
    });
  }
  return exchange;
}

function decoded(body: Uint8Array, encoding: string | undefined): Uint8Array {
  const coding = (encoding ?? "").trim().toLowerCase();
  try {
    if (coding === "gzip" || coding === "x-gzip") return gunzipSync(body);
    if (coding === "deflate") return inflateSync(body);
    if (coding === "br") return brotliDecompressSync(body);
  } catch {
    // Not what it says it is: judged as sent, so the parse error shows.
  }
  return body;
}

const sided =
  (side: "client" | "vendor") =>
  (f: Finding): Finding => ({ ...f, side });

export function judge(spec: SpecSet, exchange: Exchange, client: ClientEvidence): Judgement {
  const operation = spec.operation(exchange.operationId);
  const context = { exchange, operation, spec, expectation: { kind: "any" as const }, client };
  const asked = runChecks(context, CLIENT_CHECKS);
  const findings = asked.findings.map(sided("client"));
  const checks = [...asked.applied];
  const infra = classifyInfrastructure(exchange, operation);
  if (!infra) {
    const answered = runChecks(context);
    findings.push(...answered.findings.map(sided("vendor")));
    checks.push(...answered.applied);
  }
  const failed = findings.some((f) => f.severity === "failure");
  if (failed) return { status: "failed", checks, findings };
  if (infra)
    return {
      status: "inconclusive",
      checks,
      findings,
      fault: infra.kind,
      reason: `${infra.reason}: the vendor's answer was not judged`,
    };
  return { status: "passed", checks, findings };
}
