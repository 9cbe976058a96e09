// What the proxy learns from an app's request before the client-side checks judge it: the body as the app meant
// it (decrypted only when the keys were given), each image field's facts from its decoded bytes, and the ZOLOZ
// request signature verified with the merchant public key. Nothing here changes what is forwarded.
import type { KeyObject } from "node:crypto";
import { decryptZolozBody, verifyZolozRequest } from "../auth/zoloz.ts";
import type { ClientEvidence } from "../checks/types.ts";
import { decodeStrictBase64 } from "../images/transport.ts";
import { inspectImage } from "../images/inspect.ts";
import type { OperationInfo } from "../openapi/types.ts";
import type { SentRequest } from "../types.ts";
import { textOf } from "../bytes.ts";

export interface EvidenceKeys {
  /** Verifies ZOLOZ request signatures (--zoloz-merchant-public-key). */
  zolozMerchantPublic?: KeyObject;
  /** Decrypts RSA_AES request bodies, for checking only (the sandbox's, or --zoloz-platform-private-key). */
  zolozPlatformPrivate?: KeyObject;
}

function readBody(request: SentRequest, keys: EvidenceKeys): { body?: unknown; bodyUnreadable?: string } {
  if (request.body.length === 0) return {};
  let text = textOf(request.body);
  const encrypt = request.headers["encrypt"];
  if (encrypt !== undefined) {
    if (!keys.zolozPlatformPrivate)
      return { bodyUnreadable: "the body is encrypted (RSA_AES) and no key to decrypt it was given" };
    try {
      text = decryptZolozBody(request.body, encrypt, keys.zolozPlatformPrivate);
    } catch (error) {
      return { bodyUnreadable: `the encrypted body does not decrypt: ${(error as Error).message}` };
    }
  }
  const type = (request.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded"))
    return { body: Object.fromEntries(new URLSearchParams(text)) };
  if (type.startsWith("multipart/")) return { bodyUnreadable: "multipart bodies are forwarded but not decoded" };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    // Not JSON: the schema check reports it as the wrong type, as the vendor would read it.
    return { body: text };
  }
}

/** The value of an image field as the bytes a server would decode (a URL is the vendor's to fetch, so skipped). */
function imageBytes(value: unknown): Uint8Array | undefined {
  if (typeof value !== "string" || /^https?:\/\//i.test(value.trim())) return undefined;
  const compact = value.replace(/\s+/g, "");
  return decodeStrictBase64(compact) ?? new Uint8Array(Buffer.from(value, "utf8"));
}

export async function clientEvidence(
  operation: OperationInfo,
  request: SentRequest,
  pathParams: Record<string, string>,
  keys: EvidenceKeys,
): Promise<ClientEvidence> {
  const read = readBody(request, keys);
  const query = Object.fromEntries(new URL(request.path, "http://x").searchParams);
  const images: ClientEvidence["images"] = [];
  if (typeof read.body === "object" && read.body !== null) {
    for (const { field } of operation.imageFields) {
      const bytes = imageBytes((read.body as Record<string, unknown>)[field]);
      if (bytes) images.push({ field, facts: await inspectImage(bytes) });
    }
  }
  const evidence: ClientEvidence = { ...read, query, pathParams, images };
  if (operation.vendor === "zoloz" && keys.zolozMerchantPublic) {
    evidence.zolozSignature = verifyZolozRequest({
      path: request.path,
      headers: request.headers,
      body: request.body,
      publicKey: keys.zolozMerchantPublic,
    });
  }
  return evidence;
}
