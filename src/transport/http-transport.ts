// The transport behind every target (the fixtures target answers from the recording in place of the network):
// builds the request an operation documents, lets the vendor client attach credentials, sends it, reviews the answer.
// It only sends: the fault and the retry record come back on the exchange, and journaling wraps it (src/reliability).
import type { SpecSet } from "../openapi/types.ts";
import type { Redactor } from "../redact/index.ts";
import { sharedBreaker } from "../reliability/breaker.ts";
import { classifyInfrastructure } from "../reliability/classify.ts";
import { ALREADY_RETRIED, NEVER_SENT, retryPolicyFromEnv, withRetry } from "../reliability/retry.ts";
import {
  InfraError,
  type AttemptAnswer,
  type Exchange,
  type RequestSpec,
  type SendContext,
  type TargetName,
  type Transport,
  type Vendor,
} from "../types.ts";
import { buildPath, serializeBody } from "./serialize.ts";
import type { VendorClient } from "./vendor-client.ts";
import { sendOnWire, type WireOptions, type WireRequest } from "./wire.ts";

export interface VendorEndpoint {
  /** Base URL the operation paths are appended to. */
  baseUrl: string;
  /** Base URL for operations documented on another server (uqudo's auth server). */
  altBaseUrls?: Record<string, string>;
  client: VendorClient;
}

export interface ExchangeObserver {
  (exchange: Exchange, context: SendContext): void | Promise<void>;
}

export interface HttpTransportOptions {
  target: TargetName;
  spec: SpecSet;
  vendors: Partial<Record<Vendor, VendorEndpoint>>;
  wire?: WireOptions;
  /** Called with every exchange (the recorder). */
  observe?: ExchangeObserver;
  /** Extra headers on every request (the fixtures target tags requests with their case). */
  tag?: (context: SendContext, sequence: number) => Record<string, string>;
  /** Told each JSON body as the value it serialises, so redacting the exchange need not parse it back. */
  redactor?: Pick<Redactor, "knownBody">;
}

export class HttpTransport implements Transport {
  readonly target: TargetName;
  private readonly sequences = new Map<string, number>();

  constructor(private readonly options: HttpTransportOptions) {
    this.target = options.target;
  }

  private get breaker() {
    return this.options.wire?.breaker === undefined ? sharedBreaker() : this.options.wire.breaker;
  }

  async send(request: RequestSpec, context: SendContext): Promise<Exchange> {
    const operation = this.options.spec.operation(request.operationId);
    const endpoint = this.options.vendors[operation.vendor];
    if (!endpoint) throw new Error(`vendor ${operation.vendor} is not configured for this run`);
    const auth = request.auth ?? "valid";
    const sequence = this.sequences.get(context.caseId) ?? 0;
    this.sequences.set(context.caseId, sequence + 1);

    const serialized = serializeBody(request.body);
    if (request.body?.kind === "json" && serialized.contentType)
      this.options.redactor?.knownBody(serialized.bytes, serialized.contentType, request.body.value);
    const base = endpoint.altBaseUrls?.[operation.operationId] ?? endpoint.baseUrl;
    const headers: Record<string, string> = { accept: "application/json", ...this.options.tag?.(context, sequence) };
    if (serialized.contentType) headers["content-type"] = serialized.contentType;
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const operationPath = buildPath(operation.path, request.pathParams, request.query);
    const wire: WireRequest = { method: operation.method, url: base + operationPath, headers, body: serialized.bytes };

    // Whether any attempt may have reached the target: a request that provably never left (refused, unresolved,
    // or to a host the run stopped calling) cannot have created anything.
    const breaker = this.breaker;
    let mayExist = false;
    const attempt = async () => {
      const call = await endpoint.client.prepare(operation, wire, auth);
      breaker?.admit(call.wire.url);
      const startedAt = new Date();
      let raw;
      try {
        raw = await sendOnWire(call.wire, this.options.wire);
      } catch (error) {
        if (!(error instanceof InfraError && NEVER_SENT.has(error.kind))) mayExist = true;
        throw error;
      }
      mayExist = true;
      const durationMs = Date.now() - startedAt.getTime();
      const review = await endpoint.client.review(operation, call, raw, auth);
      const url = new URL(call.wire.url);
      const exchange: Exchange = {
        operationId: operation.id,
        request: {
          method: call.wire.method,
          url: call.wire.url,
          path: url.pathname + url.search,
          operationPath,
          headers: call.wire.headers,
          body: call.wire.body,
        },
        response: review.response,
        timing: { startedAt: startedAt.toISOString(), durationMs },
        ...(review.signature ? { signature: review.signature } : {}),
      };
      return { exchange, retry: review.retryWithFreshAuth === true };
    };
    const authenticated = async (): Promise<Exchange> => {
      const first = await attempt();
      if (!first.retry) return first.exchange;
      // The documented answer to a stale token: refresh once and repeat. A vendor refusing the fresh token too
      // leaves the case unjudgeable, not failed: its subject was never reached.
      endpoint.client.refreshAuth();
      const second = await attempt();
      if (second.retry)
        throw new InfraError(
          "auth-unavailable",
          `${operation.id} refused a freshly issued token after one refresh`,
          operation.id,
        );
      return second.exchange;
    };

    const answers: AttemptAnswer[] = [];
    const outcome = await withRetry({
      policy: this.options.wire?.retry ?? retryPolicyFromEnv(),
      safety: operation.retry,
      attempt: authenticated,
      faultOf: (exchange) => {
        const fault = classifyInfrastructure(exchange, operation);
        const contentType = exchange.response.headers["content-type"];
        answers.push({
          status: exchange.response.status,
          ...(contentType ? { contentType } : {}),
          ...(fault ? { fault: fault.reason } : {}),
        });
        if (fault) exchange.fault = fault;
        const retryAfter = exchange.response.headers["retry-after"];
        return fault ? { kind: fault.kind, ...(retryAfter !== undefined ? { retryAfter } : {}) } : undefined;
      },
    });
    if (outcome.error) {
      const note = outcome.last && outcome.last.note !== ALREADY_RETRIED ? ` (${outcome.last.note})` : "";
      throw new InfraError(outcome.error.kind, `${outcome.error.message}${note}`, operation.id, mayExist);
    }
    const exchange = outcome.result!;
    if (outcome.last || answers.length > 1)
      exchange.retry = { ...(outcome.last ? { note: outcome.last.note } : {}), attempts: answers };
    await this.options.observe?.(exchange, context);
    return exchange;
  }

  /** Origin of the server an operation is sent to (what the journal records as where a resource was created). */
  origin(operationId: string): string {
    const operation = this.options.spec.operation(operationId);
    const endpoint = this.options.vendors[operation.vendor];
    if (!endpoint) throw new Error(`vendor ${operation.vendor} is not configured for this run`);
    return new URL(endpoint.altBaseUrls?.[operation.operationId] ?? endpoint.baseUrl).origin;
  }

  /** Throws the breaker's InfraError when the operation's host is no longer called: a case need not build its request. */
  admit(operationId: string): void {
    const operation = this.options.spec.operation(operationId);
    const endpoint = this.options.vendors[operation.vendor];
    if (endpoint) this.breaker?.admit(endpoint.altBaseUrls?.[operation.operationId] ?? endpoint.baseUrl);
  }

  async close(): Promise<void> {}
}
