// What differs per vendor on the wire: how credentials are attached and what is verified on the way back.
import type { OperationInfo } from "../openapi/types.ts";
import type { AuthMode, ReceivedResponse, SignatureVerification } from "../types.ts";
import type { WireRequest } from "./wire.ts";

export interface PreparedCall {
  wire: WireRequest;
  /** Set when the client must post-process the response (decrypt) with state from preparing it. */
  state?: unknown;
}

export interface ResponseReview {
  response: ReceivedResponse;
  signature?: SignatureVerification;
  /** True when the vendor refused a token the client believed valid: refresh it and retry once. */
  retryWithFreshAuth?: boolean;
}

export interface VendorClient {
  prepare(operation: OperationInfo, wire: WireRequest, auth: AuthMode): Promise<PreparedCall>;
  review(
    operation: OperationInfo,
    call: PreparedCall,
    response: ReceivedResponse,
    auth: AuthMode,
  ): Promise<ResponseReview>;
  refreshAuth(): void;
}

export function withHeader(wire: WireRequest, name: string, value: string): WireRequest {
  return { ...wire, headers: { ...wire.headers, [name]: value } };
}
