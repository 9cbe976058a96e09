// Model of ZOLOZ's official Python sample, zoloz.py (zoloz-pte-ltd/zoloz-api-sdk-python), ApiClient.call_api.
// URL `server_url + "/api/" + api.replace(".", "/")`, signed path `/api/<api with dots as slashes>`. Request-Time
// `strftime("%Y-%m-%dT%H:%M:%S%z")`. Encrypted (its default): a 16-character ASCII AES-128 key from a fixed alphabet,
// wrapped with PKCS#1 v1.5 to the server key; body Base64(AES-ECB(request padded per character)); Signature and
// symmetricKey are `parse.quote(b64, "utf-8")` (the second argument is `safe`, so "/" is encoded too; upper-case hex).
// Plain mode sends an EMPTY body (its `data` is only set when encrypting). The response is never verified; when
// encrypted it is always decrypted with the request's own key (base64.b64decode, which skips non-alphabet
// characters; AES-ECB; strip as many bytes as the last one says; UTF-8 decode), whatever the headers say.
import { createSign, randomInt, type KeyObject } from "node:crypto";
import { aesEcbDecryptRaw, aesEcbEncrypt, post, rsaPkcs1Encrypt, type RawRequest, type RawResponse } from "./wire.ts";

export interface PythonOptions {
  serverUrl: string;
  /** e.g. "v1.zoloz.authentication.test". */
  api: string;
  merchantId: string;
  merchantPrivateKey: KeyObject;
  serverPublicKey: KeyObject;
  /** The JSON text the caller passes as `request`. */
  request: string;
  encrypted: boolean;
  requestTime: string;
}

export interface PythonRun {
  request: RawRequest;
  response: RawResponse;
  /** What call_api returns, or the exception it raises. */
  result: { returned: string } | { raised: string };
}

const KEY_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZabcdefhijkmnprstwxyz2345678";

/** urllib.parse.quote(s, safe="utf-8"): unreserved ASCII stays, everything else is %XX upper-case. */
export function pyQuote(s: string): string {
  return [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** base64.b64decode(s) (validate=False): non-alphabet characters are discarded, then the padding must add up. */
export function pyB64decode(s: string): Buffer {
  const kept = s.replace(/[^A-Za-z0-9+/=]/g, "");
  const firstPad = kept.indexOf("=");
  const data = firstPad === -1 ? kept : kept.slice(0, firstPad);
  const pads = firstPad === -1 ? 0 : kept.length - firstPad;
  if (data.length % 4 === 1)
    throw new Error(
      `binascii.Error: Invalid base64-encoded string: number of data characters (${data.length}) cannot be 1 more than a multiple of 4`,
    );
  if (data.length % 4 !== 0 && pads < 4 - (data.length % 4)) throw new Error("binascii.Error: Incorrect padding");
  return Buffer.from(data, "base64");
}

export async function runPythonClient(o: PythonOptions): Promise<PythonRun> {
  const path = `/api/${o.api.replace(/\./g, "/")}`;
  const headers: [string, string][] = [];
  let data = "";
  let aesKey: Buffer | undefined;
  if (o.encrypted) {
    aesKey = Buffer.from(
      Array.from({ length: 16 }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join(""),
      "utf8",
    );
    const wrapped = pyQuote(rsaPkcs1Encrypt(o.serverPublicKey, aesKey).toString("base64"));
    const padLen = 16 - (o.request.length % 16);
    data = aesEcbEncrypt(
      aesKey,
      Buffer.from(o.request + String.fromCharCode(padLen).repeat(padLen), "utf8"),
      false,
    ).toString("base64");
    headers.push(
      ["Encrypt", `algorithm=RSA_AES, symmetricKey=${wrapped}`],
      ["Content-Type", "text/plain; charset=UTF-8"],
    );
  } else {
    headers.push(["Content-Type", "application/json; charset=UTF-8"]);
  }
  const content = `POST ${path}\n${o.merchantId}.${o.requestTime}.${data}`;
  headers.push([
    "Signature",
    `algorithm=RSA256, signature=${pyQuote(createSign("sha256").update(content, "utf8").sign(o.merchantPrivateKey).toString("base64"))}`,
  ]);
  headers.push(["Client-Id", o.merchantId], ["Request-Time", o.requestTime]);
  // requests adds its defaults before the caller's headers.
  const request: RawRequest = {
    url: `${o.serverUrl}${path}`,
    headers: [
      ["User-Agent", "python-requests/2.32.3"],
      ["Accept-Encoding", "gzip, deflate"],
      ["Accept", "*/*"],
      ...headers,
    ],
    body: Buffer.from(data, "utf8"),
  };
  const response = await post(request);
  const text = response.body.toString("utf8");
  if (!aesKey) return { request, response, result: { returned: text } };
  try {
    const cipher = pyB64decode(text);
    if (cipher.length % 16 !== 0) throw new Error("ValueError: Data must be padded to 16 byte boundary in ECB mode");
    const raw = aesEcbDecryptRaw(aesKey, cipher);
    const n = raw[raw.length - 1] ?? 0;
    const unpadded = raw.subarray(0, n === 0 ? 0 : Math.max(0, raw.length - n)); // s[:-ord(s[-1:])]
    return { request, response, result: { returned: new TextDecoder("utf-8", { fatal: true }).decode(unpadded) } };
  } catch (error) {
    const message =
      error instanceof TypeError ? "UnicodeDecodeError: 'utf-8' codec can't decode bytes" : (error as Error).message;
    return { request, response, result: { raised: message } };
  }
}
