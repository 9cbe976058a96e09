import { UqudoTokenProvider, type UqudoTokenSend } from "../../auth/uqudo.ts";
import type { OperationInfo } from "../../openapi/types.ts";
import type { AuthMode, ReceivedResponse } from "../../types.ts";
import { sendTokenCall } from "../token-call.ts";
import { type WireOptions, type WireRequest } from "../wire.ts";
import { withHeader, type PreparedCall, type ResponseReview, type VendorClient } from "../vendor-client.ts";
import { expiredJwt, wrongToken } from "./tokens.ts";
import { textOf } from "../../bytes.ts";

export interface UqudoClientOptions {
  authUrl: string;
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  /** A token the vendor issued that has since expired (UQUDO_EXPIRED_TOKEN): sent as the expired credential. */
  expiredToken?: string;
  tokenSigningSecret?: string;
  wire?: WireOptions;
}

export class UqudoClient implements VendorClient {
  private readonly tokens: UqudoTokenProvider;

  constructor(private readonly options: UqudoClientOptions) {
    const send: UqudoTokenSend = async (request) => {
      const response = await sendTokenCall(
        { method: "POST", url: request.url, headers: request.headers, body: Buffer.from(request.body) },
        options.wire,
        "uqudo",
      );
      return { status: response.status, ...(response.json !== undefined ? { json: response.json } : {}) };
    };
    this.tokens = options.accessToken
      ? new UqudoTokenProvider({ accessToken: options.accessToken })
      : new UqudoTokenProvider({
          authUrl: options.authUrl,
          clientId: options.clientId ?? "",
          clientSecret: options.clientSecret ?? "",
          send,
        });
  }

  async prepare(operation: OperationInfo, wire: WireRequest, auth: AuthMode): Promise<PreparedCall> {
    if (operation.operationId === "oauthToken") return { wire: this.fillCredentials(wire, auth) };
    if (!operation.secured) return { wire };
    switch (auth) {
      case "none":
        return { wire };
      case "wrong":
        return { wire: withHeader(wire, "authorization", `Bearer ${wrongToken()}`) };
      case "expired":
        return {
          wire: withHeader(
            wire,
            "authorization",
            `Bearer ${this.options.expiredToken ?? expiredJwt("HS256", { client_id: this.options.clientId ?? "unknown", scope: ["read", "write"] }, this.options.tokenSigningSecret)}`,
          ),
        };
      case "valid":
        return { wire: withHeader(wire, "authorization", await this.tokens.authorization()) };
    }
  }

  // Cases name the grant fields they vary; the client fills in the credentials it holds.
  private fillCredentials(wire: WireRequest, auth: AuthMode): WireRequest {
    if (auth === "none" || !this.options.clientId) return wire;
    const given = new URLSearchParams(textOf(wire.body));
    const fields = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.options.clientId,
      client_secret: auth === "wrong" ? `${this.options.clientSecret}-wrong` : (this.options.clientSecret ?? ""),
    });
    for (const [key, value] of given) fields.set(key, value);
    return {
      ...wire,
      headers: { ...wire.headers, "content-type": "application/x-www-form-urlencoded" },
      body: Buffer.from(fields.toString()),
    };
  }

  async review(
    operation: OperationInfo,
    _call: PreparedCall,
    response: ReceivedResponse,
    auth: AuthMode,
  ): Promise<ResponseReview> {
    const retry = auth === "valid" && operation.secured && response.status === 401 && this.tokens.canRefresh;
    return { response, ...(retry ? { retryWithFreshAuth: true } : {}) };
  }

  refreshAuth(): void {
    this.tokens.invalidate();
  }
}
