import { generateKeyPair, type KeyObject } from "node:crypto";
import { loadPrivateKey, loadPublicKey } from "../../auth/keys.ts";
import { decryptZolozBody, encryptZolozBody, signZolozRequest, verifyZolozResponse } from "../../auth/zoloz.ts";
import type { OperationInfo } from "../../openapi/types.ts";
import type { AuthMode, ReceivedResponse } from "../../types.ts";
import { parseBody, type WireRequest } from "../wire.ts";
import type { PreparedCall, ResponseReview, VendorClient } from "../vendor-client.ts";
import { textOf } from "../../bytes.ts";

export interface ZolozClientOptions {
  clientId: string;
  /** PEM text or a path to a PEM file. */
  merchantPrivateKey: string;
  platformPublicKey: string;
  /** RSA_AES mode: encrypt requests for the platform key, decrypt responses with the merchant key. */
  encrypt?: boolean;
}

let strangerKey: Promise<KeyObject> | undefined;
// A key the platform has never seen: what "wrong credentials" means for a signed gateway. Generated off the event
// loop, from the first client on: an RSA-2048 key pair costs a third of a second of CPU.
function stranger(): Promise<KeyObject> {
  strangerKey ??= new Promise((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength: 2048 }, (error, _publicKey, privateKey) =>
      error ? reject(error) : resolve(privateKey),
    ),
  );
  return strangerKey;
}

export class ZolozClient implements VendorClient {
  private readonly merchantKey: KeyObject;
  private readonly platformKey: KeyObject;

  constructor(private readonly options: ZolozClientOptions) {
    this.merchantKey = loadPrivateKey(options.merchantPrivateKey, "ZOLOZ_MERCHANT_PRIVATE_KEY");
    this.platformKey = loadPublicKey(options.platformPublicKey, "ZOLOZ_PLATFORM_PUBLIC_KEY");
    void stranger().catch(() => undefined);
  }

  async prepare(operation: OperationInfo, wire: WireRequest, auth: AuthMode): Promise<PreparedCall> {
    // ZOLOZ signs the API path (/api/v1/...), not a base-URL prefix in front of it (a proxy, the sandbox's /zoloz).
    const sent = new URL(wire.url).pathname;
    const path = sent.endsWith(operation.path) ? operation.path : sent;
    let body: string | Uint8Array = wire.body;
    let encryptHeader: string | undefined;
    if (this.options.encrypt && auth === "valid") {
      const encrypted = encryptZolozBody(textOf(wire.body), this.platformKey);
      body = encrypted.body;
      encryptHeader = encrypted.encryptHeader;
    }
    const now = auth === "expired" ? new Date(Date.now() - 3600_000) : new Date();
    const headers = signZolozRequest({
      path,
      clientId: this.options.clientId,
      body,
      privateKey: auth === "wrong" ? await stranger() : this.merchantKey,
      now,
      ...(encryptHeader !== undefined ? { encryptHeader } : {}),
    });
    const out: Record<string, string> = { ...wire.headers };
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined && !(auth === "none" && name === "signature")) out[name] = value;
    // A case that sends raw bytes with its own content type keeps it: that is what it tests.
    if (wire.headers["content-type"] && wire.headers["content-type"] !== "application/json")
      out["content-type"] = wire.headers["content-type"];
    return {
      wire: { ...wire, headers: out, body: typeof body === "string" ? Buffer.from(body) : body },
      state: { path, encrypted: encryptHeader !== undefined },
    };
  }

  async review(_operation: OperationInfo, call: PreparedCall, response: ReceivedResponse): Promise<ResponseReview> {
    const { path } = call.state as { path: string; encrypted: boolean };
    const signature = verifyZolozResponse({
      path,
      clientId: this.options.clientId,
      headers: response.headers,
      body: response.body,
      publicKey: this.platformKey,
    });
    const encrypt = response.headers["encrypt"];
    if (encrypt === undefined) return { response, signature };
    try {
      const json = decryptZolozBody(response.body, encrypt, this.merchantKey);
      return { response: { ...response, ...parseBody(Buffer.from(json), "application/json") }, signature };
    } catch (error) {
      return {
        response: { ...response, parseError: `encrypted response does not decrypt: ${(error as Error).message}` },
        signature,
      };
    }
  }

  refreshAuth(): void {}
}
