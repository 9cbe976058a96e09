import {
  ADVANCE_TOKEN_HEADER,
  AdvanceTokenProvider,
  advanceSignature,
  type AdvanceTokenSend,
} from "../../auth/advance.ts";
import type { OperationInfo } from "../../openapi/types.ts";
import type { AuthMode, ReceivedResponse } from "../../types.ts";
import { sendTokenCall } from "../token-call.ts";
import { type WireOptions } from "../wire.ts";
import { withHeader, type PreparedCall, type ResponseReview, type VendorClient } from "../vendor-client.ts";
import type { WireRequest } from "../wire.ts";
import { expiredJwt, wrongToken } from "./tokens.ts";
import { textOf } from "../../bytes.ts";

export interface AdvanceClientOptions {
  baseUrl: string;
  accessKey?: string;
  secretKey?: string;
  accessToken?: string;
  /** A token the vendor issued that has since expired (ADVANCE_EXPIRED_TOKEN): sent as the expired credential. */
  expiredToken?: string;
  /** Key the target signs its tokens with, when known (the local sandbox), so "expired" is a genuinely expired token. */
  tokenSigningSecret?: string;
  wire?: WireOptions;
}

export class AdvanceClient implements VendorClient {
  private readonly tokens: AdvanceTokenProvider;

  constructor(private readonly options: AdvanceClientOptions) {
    const fetchToken: AdvanceTokenSend = async (body, call) => {
      const response = await sendTokenCall(
        { method: "POST", url: call.url, headers: call.headers, body: Buffer.from(JSON.stringify(body)) },
        options.wire,
        "ADVANCE",
      );
      return (response.json ?? { code: "NO_JSON", message: `HTTP ${response.status}` }) as Awaited<
        ReturnType<AdvanceTokenSend>
      >;
    };
    this.tokens = options.accessToken
      ? new AdvanceTokenProvider({ accessToken: options.accessToken })
      : new AdvanceTokenProvider({
          baseUrl: options.baseUrl,
          accessKey: options.accessKey ?? "",
          secretKey: options.secretKey ?? "",
          fetchToken,
        });
  }

  async prepare(operation: OperationInfo, wire: WireRequest, auth: AuthMode): Promise<PreparedCall> {
    if (operation.operationId === "generateToken") return { wire: this.signTokenRequest(wire, auth) };
    if (!operation.secured) return { wire };
    switch (auth) {
      case "none":
        return { wire };
      case "wrong":
        return { wire: withHeader(wire, ADVANCE_TOKEN_HEADER, wrongToken()) };
      case "expired":
        return {
          wire: withHeader(
            wire,
            ADVANCE_TOKEN_HEADER,
            this.options.expiredToken ??
              expiredJwt(
                "HS512",
                { iss: "h5_liveness", aud: "WEB", sub: this.options.accessKey ?? "unknown" },
                this.options.tokenSigningSecret,
              ),
          ),
        };
      case "valid":
        return { wire: withHeader(wire, ADVANCE_TOKEN_HEADER, await this.tokens.getToken()) };
    }
  }

  // The token request is signed over the body's own accessKey and timestamp, so cases can vary either and stay signed.
  private signTokenRequest(wire: WireRequest, auth: AuthMode): WireRequest {
    if (auth === "none" || !this.options.accessKey) return wire;
    let given: Record<string, unknown> = {};
    try {
      if (wire.body.length > 0) given = JSON.parse(textOf(wire.body)) as Record<string, unknown>;
    } catch {
      return wire; // a malformed body is what the case is testing: send it as it is
    }
    if (given === null || typeof given !== "object" || Array.isArray(given)) return wire;
    const accessKey = "accessKey" in given ? given["accessKey"] : this.options.accessKey;
    const timestamp = "timestamp" in given ? given["timestamp"] : Date.now();
    const secret = auth === "wrong" ? `${this.options.secretKey}-wrong` : (this.options.secretKey ?? "");
    const body: Record<string, unknown> = { accessKey, timestamp, ...given };
    if (!("signature" in given)) body["signature"] = advanceSignature(String(accessKey), secret, String(timestamp));
    for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key];
    return { ...wire, body: Buffer.from(JSON.stringify(body)) };
  }

  async review(
    operation: OperationInfo,
    _call: PreparedCall,
    response: ReceivedResponse,
    auth: AuthMode,
  ): Promise<ResponseReview> {
    const code = (response.json as { code?: unknown } | undefined)?.code;
    const retry = auth === "valid" && operation.secured && code === "IAM_FAILED" && this.tokens.canRefresh;
    return { response, ...(retry ? { retryWithFreshAuth: true } : {}) };
  }

  refreshAuth(): void {
    this.tokens.invalidate();
  }
}
