// What the three ZOLOZ client models share: a raw HTTP exchange that keeps header names and order as sent and
// received, and the few primitives each client performs with its own tools. Written from reading the clients
// (docs/sandbox.md, "ZOLOZ clients"); deliberately independent of src/auth so the sandbox is tested against code
// that did not come from the kit.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  type KeyObject,
} from "node:crypto";
import { request } from "node:http";

export interface RawRequest {
  url: string;
  /** Header lines in the order the client writes them, names cased as it writes them. */
  headers: [string, string][];
  body: Buffer;
}

export interface RawResponse {
  status: number;
  /** Header lines as received, names cased as the server wrote them. */
  headers: [string, string][];
  body: Buffer;
}

/** One POST over HTTP/1.1, byte for byte what `req` holds (plus Host and Content-Length, as every client sends). */
export function post(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const r = request(
      // An object keeps insertion order and the names' case; node:http adds Host and Connection.
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { ...Object.fromEntries(req.headers), "Content-Length": String(req.body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

/** The header block as `curl -D file` writes it. */
export function curlHeaderFile(res: RawResponse): string {
  return [`HTTP/1.1 ${res.status} OK`, ...res.headers.map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
}

/**
 * bash `printf "$x"` with no arguments: `x` is a format, so backslash escapes and `%` directives are interpreted.
 * Covers what can occur in JSON and Base64: \\ \" \n \t \r \xHH \NNN and %% (any other directive prints nothing).
 */
export function bashPrintf(format: string): string {
  return format.replace(
    /\\(\\|"|n|t|r|x[0-9A-Fa-f]{1,2}|[0-7]{1,3})|%(%|[-+ #0-9.]*[a-zA-Z])/g,
    (_m, esc: string | undefined, pct: string | undefined) => {
      if (pct !== undefined) return pct === "%" ? "%" : /[diouxX]$/.test(pct) ? "0" : "";
      if (esc === "\\") return "\\";
      if (esc === '"') return '"';
      if (esc === "n") return "\n";
      if (esc === "t") return "\t";
      if (esc === "r") return "\r";
      if (esc!.startsWith("x")) return String.fromCharCode(parseInt(esc!.slice(1), 16));
      return String.fromCharCode(parseInt(esc!, 8));
    },
  );
}

/** AES-ECB; PKCS#7 padding unless `pad` is false (the caller padded already). */
export function aesEcbEncrypt(key: Buffer, plain: Buffer, pad = true): Buffer {
  const c = createCipheriv(`aes-${key.length * 8}-ecb`, key, null);
  c.setAutoPadding(pad);
  return Buffer.concat([c.update(plain), c.final()]);
}

/** Raw AES-ECB decryption without padding removal (each client strips padding its own way). */
export function aesEcbDecryptRaw(key: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv(`aes-${key.length * 8}-ecb`, key, null);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(data), d.final()]);
}

export function rsaPkcs1Encrypt(publicKey: KeyObject, data: Buffer): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, data);
}

/**
 * RSAES-PKCS1-v1_5 decryption as openssl rsautl, PyCryptodome and Node <= 20.10 perform it. Node 20.11+ refuses the
 * padding in privateDecrypt (CVE-2023-46809), so the block is opened raw and unpadded here (test code, no oracle).
 */
export function rsaPkcs1Decrypt(privateKey: KeyObject, data: Buffer): Buffer {
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, data);
  const sep = em.indexOf(0, 2);
  if (em[0] !== 0 || em[1] !== 2 || sep < 10) throw new Error("RSA_padding_check_PKCS1_type_2:pkcs decoding error");
  return em.subarray(sep + 1);
}

/** A header's value, looked up exactly as given (case-sensitive), as a Java Map or a grep would. */
export function exactHeader(res: RawResponse, name: string): string | undefined {
  return res.headers.find(([k]) => k === name)?.[1];
}
