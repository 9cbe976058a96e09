// Model of ZOLOZ's official shell client, zoloz.sh (zoloz-pte-ltd/zoloz-api-script), as run on macOS where it was
// written: `base64` does not wrap lines there. (With GNU base64, which wraps at 76 columns, the script's unquoted
// `urlsafe_encode $(... | base64)` encodes only the first line of the signature, so no gateway can accept it.)
// What it does, step by step: -H host + -a path; Request-Time `date +%F'T'%T%z`; body through `printf "$REQ_DATA"`;
// encrypted mode (-e) draws 32 upper-case hex digits as an AES-128 key, wraps it with `openssl rsautl -pkcs` to the
// ZOLOZ public key and sends `Content-Type: text/plain`; signs `printf "POST <path>\n<id>.<time>.<body>"` with
// `openssl dgst -sha256 -sign`, Base64, then percent-encodes everything outside [a-zA-Z0-9.~_-] with lower-case hex.
// On the way back it greps the `curl -D` header file for `signature: `, `response-time: `, `content-type: ` and
// `encrypt: ` (case-sensitive), verifies `printf "POST <path>\n<id>.<response-time>.<body>"` (exit 4 unless
// "Verified OK"), and when the content type contains text/plain decrypts with `openssl enc -d -aes-128-ecb`.
import { createSign, createVerify, randomBytes, type KeyObject } from "node:crypto";
import {
  aesEcbDecryptRaw,
  aesEcbEncrypt,
  bashPrintf,
  curlHeaderFile,
  post,
  rsaPkcs1Decrypt,
  rsaPkcs1Encrypt,
  type RawRequest,
  type RawResponse,
} from "./wire.ts";

export interface ShellOptions {
  host: string;
  apiPath: string;
  clientId: string;
  merchantPrivateKey: KeyObject;
  zolozPublicKey: KeyObject;
  data: string;
  encrypt: boolean;
  requestTime: string;
}

export interface ShellRun {
  request: RawRequest;
  response: RawResponse;
  /** The script's exit status: 0, or 4 when the response signature does not verify. */
  exit: number;
  stdout: string;
  stderr: string;
}

/** `urlsafe_encode`: every byte outside [a-zA-Z0-9.~_-] becomes %xx, lower-case hex (`xxd -p`). */
export function urlsafeEncode(s: string): string {
  return [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[a-zA-Z0-9.~_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`,
    )
    .join("");
}

/** `urlsafe_decode`: "+" becomes a space, then %XX (either case) becomes the byte, through printf %b. */
export function urlsafeDecode(s: string): string {
  return s.replace(/\+/g, " ").replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** `parse_header file key [subkey]`: first line containing "key: ", value after the last ": ", then the "subkey=" item. */
export function parseHeader(file: string, key: string, subkey?: string): string {
  const line = file.split("\n").find((l) => l.includes(`${key}: `));
  if (line === undefined) return "";
  const clean = line.replace(/[\r\n]/g, "");
  const value = clean.slice(clean.lastIndexOf(": ") + 2);
  if (subkey === undefined) return value;
  for (const item of `${value}, `.split(", "))
    if (item.split("=")[0] === subkey) return item.slice(item.indexOf("=") + 1);
  return "";
}

/** `$(...)`: command substitution drops trailing newlines. */
const substitution = (s: string) => s.replace(/\n+$/, "");

export async function runShellClient(o: ShellOptions): Promise<ShellRun> {
  let body: string;
  let encryptHeader: string | undefined;
  if (o.encrypt) {
    const hexKey = randomBytes(16).toString("hex").toUpperCase();
    const key = Buffer.from(hexKey, "hex");
    encryptHeader = `algorithm=RSA_AES, symmetricKey=${urlsafeEncode(rsaPkcs1Encrypt(o.zolozPublicKey, key).toString("base64"))}`;
    body = aesEcbEncrypt(key, Buffer.from(bashPrintf(o.data), "utf8")).toString("base64");
  } else {
    body = o.data;
  }
  const signContent = bashPrintf(`POST ${o.apiPath}\\n${o.clientId}.${o.requestTime}.${body}`);
  const signature = urlsafeEncode(
    createSign("sha256").update(signContent, "utf8").sign(o.merchantPrivateKey).toString("base64"),
  );
  const headers: [string, string][] = [
    ["Content-Type", o.encrypt ? "text/plain" : "application/json; charset=UTF-8"],
    ["Client-Id", o.clientId],
    ["Request-Time", o.requestTime],
    ["Signature", `algorithm=RSA256, signature=${signature}`],
  ];
  if (encryptHeader !== undefined) headers.push(["Encrypt", encryptHeader]);
  // Encrypted: `-d "$REQ_BODY"`; plain: `--data-binary @<(printf "$REQ_BODY")`. curl's own User-Agent and Accept.
  const request: RawRequest = {
    url: `${o.host}${o.apiPath}`,
    headers: [["User-Agent", "curl/8.7.1"], ["Accept", "*/*"], ...headers],
    body: Buffer.from(o.encrypt ? body : bashPrintf(body), "utf8"),
  };
  const response = await post(request);
  const file = curlHeaderFile(response);
  const respBody = substitution(response.body.toString("utf8"));
  const respSignature = urlsafeDecode(parseHeader(file, "signature", "signature"));
  const respTime = parseHeader(file, "response-time");
  const verifyContent = bashPrintf(`POST ${o.apiPath}\\n${o.clientId}.${respTime}.${respBody}`);
  let verified = false;
  try {
    verified =
      respSignature !== "" &&
      createVerify("sha256")
        .update(verifyContent, "utf8")
        .verify(o.zolozPublicKey, Buffer.from(respSignature, "base64"));
  } catch {
    verified = false;
  }
  if (!verified)
    return { request, response, exit: 4, stdout: "", stderr: "verify response signature: Verification failure" };

  let data = respBody;
  let stderr = "";
  if (parseHeader(file, "content-type").includes("text/plain")) {
    try {
      const wrapped = Buffer.from(urlsafeDecode(parseHeader(file, "encrypt", "symmetricKey")), "base64");
      let key = rsaPkcs1Decrypt(o.merchantPrivateKey, wrapped);
      // `openssl enc -aes-128-ecb -K <hex>` keeps the first 16 bytes of a longer key.
      if (key.length > 16) {
        stderr += "hex string is too long, ignoring excess\n";
        key = key.subarray(0, 16);
      }
      const raw = aesEcbDecryptRaw(key, Buffer.from(bashPrintf(respBody), "base64"));
      const pad = raw[raw.length - 1] ?? 0;
      if (pad < 1 || pad > 16 || !raw.subarray(raw.length - pad).every((b) => b === pad)) {
        stderr += "bad decrypt\n";
        data = substitution(raw.toString("latin1"));
      } else {
        data = substitution(raw.subarray(0, raw.length - pad).toString("utf8"));
      }
    } catch (error) {
      stderr += `${(error as Error).message}\n`;
      data = "";
    }
  }
  return { request, response, exit: 0, stdout: bashPrintf(data), stderr };
}
