// The transport behind the live and sandbox targets (and, with nock in front, the fixtures target):
// builds the request an operation documents, lets the vendor client attach credentials, sends it, reviews the answer.
import type { SpecSet } from "../spec/types.ts";
import type { Exchange, RequestSpec, SendContext, TargetName, Transport, Vendor } from "../types.ts";
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
  onClose?: () => Promise<void>;
  /** Last change to the wire request, not recorded in the exchange (the fixtures target's nock workaround). */
  adjustWire?: (wire: WireRequest) => WireRequest;
}

export class HttpTransport implements Transport {
  readonly target: TargetName;
  private readonly sequences = new Map<string, number>();

  constructor(private readonly options: HttpTransportOptions) {
    this.target = options.target;
  }

  async send(request: RequestSpec, context: SendContext): Promise<Exchange> {
    const operation = this.options.spec.operation(request.operationId);
    const endpoint = this.options.vendors[operation.vendor];
    if (!endpoint) throw new Error(`vendor ${operation.vendor} is not configured for this run`);
    const auth = request.auth ?? "valid";
    const sequence = this.sequences.get(context.caseId) ?? 0;
    this.sequences.set(context.caseId, sequence + 1);

    const serialized = serializeBody(request.body);
    const base = endpoint.altBaseUrls?.[operation.operationId] ?? endpoint.baseUrl;
    const headers: Record<string, string> = { accept: "application/json", ...this.options.tag?.(context, sequence) };
    if (serialized.contentType) headers["content-type"] = serialized.contentType;
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const operationPath = buildPath(operation.path, request.pathParams, request.query);
    const wire: WireRequest = { method: operation.method, url: base + operationPath, headers, body: serialized.bytes };

    const attempt = async () => {
      const call = await endpoint.client.prepare(operation, wire, auth);
      const startedAt = new Date();
      const raw = await sendOnWire(this.options.adjustWire ? this.options.adjustWire(call.wire) : call.wire, this.options.wire);
      const durationMs = Date.now() - startedAt.getTime();
      const review = await endpoint.client.review(operation, call, raw, auth);
      const url = new URL(call.wire.url);
      const exchange: Exchange = {
        operationId: operation.id,
        request: { method: call.wire.method, url: call.wire.url, path: url.pathname + url.search, operationPath, headers: call.wire.headers, body: call.wire.body },
        response: review.response,
        timing: { startedAt: startedAt.toISOString(), durationMs },
        ...(review.signature ? { signature: review.signature } : {}),
      };
      return { exchange, retry: review.retryWithFreshAuth === true };
    };

    let { exchange, retry } = await attempt();
    if (retry) {
      // The documented answer to a stale token: refresh once, then believe the vendor.
      endpoint.client.refreshAuth();
      ({ exchange } = await attempt());
    }
    await this.options.observe?.(exchange, context);
    return exchange;
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }
}
