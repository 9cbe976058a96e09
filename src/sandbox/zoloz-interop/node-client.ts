// Model of the community Node client TrustMetric/zoloz-node-open-api (OpenAPIClient.callOpenAPI, axios).
// URL hostURL + apiName; signs `POST <apiName>\n<clientID>.<time>.<body as sent>`; Request-Time in local time as
// yyyy-MM-ddTHH:mm:ss+hhmm. Encrypted (opt-in): 32 random bytes, AES-256-ECB with manual PKCS#5 padding, key wrapped
// with PKCS#1 v1.5; Signature and symmetricKey escaped with querystring.escape (upper-case hex). axios parses a JSON
// body (responseType "json"), so the response signature is checked over JSON.stringify of the parsed body (the raw
// text when it is not JSON), after `headers["signature"].split("signature=")[1]` and querystring.unescape. When
// encrypted it reads the key from the response's Encrypt header and decrypts with AES-256-ECB. Any failure,
// a non-2xx status included (axios throws), makes callOpenAPI return null.
import { createSign, createVerify, randomBytes, type KeyObject } from "node:crypto";
import { escape, unescape } from "node:querystring";
import {
  aesEcbDecryptRaw,
  aesEcbEncrypt,
  post,
  rsaPkcs1Decrypt,
  rsaPkcs1Encrypt,
  type RawRequest,
  type RawResponse,
} from "./wire.ts";

export interface NodeOptions {
  hostURL: string;
  apiName: string;
  clientID: string;
  merchantPrivateKey: KeyObject;
  openAPIPublicKey: KeyObject;
  request: unknown;
  encrypted: boolean;
  formattedTime: string;
}

export interface NodeRun {
  request: RawRequest;
  response: RawResponse;
  /** What callOpenAPI resolves to (null on any failure) and, for a null, why. */
  returned: unknown;
  failure?: string;
}

/** axios: header lookup is case-insensitive. */
const header = (res: RawResponse, name: string) => res.headers.find(([k]) => k.toLowerCase() === name)?.[1];

export async function runNodeClient(o: NodeOptions): Promise<NodeRun> {
  let requestString = JSON.stringify(o.request);
  const headers: [string, string][] = [];
  if (o.encrypted) {
    const aesKey = randomBytes(32);
    requestString = aesEcbEncrypt(aesKey, Buffer.from(requestString, "utf8")).toString("base64");
    headers.push(
      ["Content-Type", "text/plain; charset=UTF-8"],
      [
        "Encrypt",
        `algorithm=RSA_AES, symmetricKey=${escape(rsaPkcs1Encrypt(o.openAPIPublicKey, aesKey).toString("base64"))}`,
      ],
    );
  } else {
    headers.push(["Content-Type", "application/json; charset=UTF-8"]);
  }
  const unsigned = `POST ${o.apiName}\n${o.clientID}.${o.formattedTime}.${requestString}`;
  const signature = escape(createSign("sha256").update(unsigned).sign(o.merchantPrivateKey).toString("base64"));
  headers.push(
    ["Client-Id", o.clientID],
    ["Request-Time", o.formattedTime],
    ["Signature", `algorithm=RSA256, signature=${signature}`],
  );
  const request: RawRequest = {
    url: `${o.hostURL}${o.apiName}`,
    headers: [
      ["Accept", "application/json, text/plain, */*"],
      ...headers,
      ["User-Agent", "axios/1.8.1"],
      ["Accept-Encoding", "gzip, compress, deflate, br"],
    ],
    body: Buffer.from(requestString, "utf8"),
  };
  const response = await post(request);
  const fail = (failure: string): NodeRun => ({ request, response, returned: null, failure });
  if (response.status < 200 || response.status >= 300)
    return fail(`axios: Request failed with status code ${response.status}`);
  const text = response.body.toString("utf8");
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // silentJSONParsing: the raw text stays
  }
  try {
    const parts = (header(response, "signature") ?? "").split("signature=");
    if (parts.length < 2) return fail("signature not found");
    const responseTime = (header(response, "response-time") ?? "").trim();
    const content = `POST ${o.apiName}\n${o.clientID}.${responseTime}.${typeof data === "string" ? data : JSON.stringify(data)}`;
    if (
      !createVerify("RSA-SHA256")
        .update(content)
        .verify(o.openAPIPublicKey, Buffer.from(unescape(parts[1]!), "base64"))
    )
      return fail("signature verification failed!");
    if (!o.encrypted) return { request, response, returned: data };
    const keyParts = (header(response, "encrypt") ?? "").split("symmetricKey=");
    if (keyParts.length < 2) return fail("symmetricKey not found");
    const key = rsaPkcs1Decrypt(o.merchantPrivateKey, Buffer.from(unescape(keyParts[1]!), "base64"));
    if (key.length !== 32) return fail("Invalid key length (aes-256-ecb)");
    const raw = aesEcbDecryptRaw(key, Buffer.from(String(data), "base64"));
    return {
      request,
      response,
      returned: JSON.parse(raw.subarray(0, raw.length - (raw[raw.length - 1] ?? 0)).toString()),
    };
  } catch (error) {
    return fail((error as Error).message);
  }
}
