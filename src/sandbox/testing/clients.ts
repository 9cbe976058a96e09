// Test-only helpers: small synthetic images and thin clients for the three vendors. Not exported from index.ts.
import { renderImage, type ImageDescription } from "../../images/index.ts";
import { advanceSignature } from "../../auth/advance.ts";
import { decryptZolozEnvelope, encryptZolozBody, signZolozRequest, verifyZolozResponse } from "../../auth/zoloz.ts";
import { sandboxSecrets } from "../credentials.ts";
import type { Sandbox } from "../server.ts";

/** A synthetic face (src/images renderImage): same subject → similar hashes, different subjects → far apart. */
export async function faceImage(
  subject = 1,
  opts: {
    format?: "jpeg" | "png" | "gif" | "webp" | "bmp";
    size?: number;
    width?: number;
    height?: number;
    targetBytes?: number;
  } = {},
): Promise<Buffer> {
  const desc: ImageDescription = {
    format: opts.format ?? "jpeg",
    width: opts.width ?? opts.size ?? 300,
    height: opts.height ?? opts.size ?? 300,
    subject,
  };
  if (opts.targetBytes !== undefined) desc.targetBytes = opts.targetBytes;
  return Buffer.from(await renderImage(desc));
}

/** Near-uniform grey: the kit's "no face". */
export async function uniformImage(size = 300): Promise<Buffer> {
  return Buffer.from(await renderImage({ format: "jpeg", width: size, height: size, content: "uniform" }));
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any;
}

async function answer(r: Response): Promise<Answer> {
  const text = await r.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const headers: Record<string, string> = {};
  r.headers.forEach((v, k) => (headers[k] = v));
  return { status: r.status, headers, text, json };
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  return answer(await fetch(url, init));
}

// ---------------------------------------------------------------- ADVANCE

export const ADV = "/intl/openapi/identity-risk/idvs-h5/ekyc/v1";

export async function advanceToken(s: Sandbox, nowMs = Date.now(), periodSecond?: number): Promise<string> {
  const { accessKey, secretKey } = s.credentials.advance;
  const body: Record<string, unknown> = {
    accessKey,
    timestamp: nowMs,
    signature: advanceSignature(accessKey, secretKey, nowMs),
  };
  if (periodSecond !== undefined) body["periodSecond"] = periodSecond;
  const r = await call(`${s.baseUrls.advance}/openapi/auth/ticket/v1/generate-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.json?.code !== "SUCCESS") throw new Error(`token refused: ${r.text}`);
  return r.json.data.token as string;
}

export function advance(s: Sandbox, path: string, body: unknown, token: string | undefined): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers["x-access-token"] = token;
  return call(`${s.baseUrls.advance}${ADV}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

// ---------------------------------------------------------------- ZOLOZ

export interface ZolozCallOptions {
  /** Default true. */
  sign?: boolean;
  encrypt?: boolean;
  clientId?: string;
  /** Change the body after signing. */
  tamper?: boolean;
  /** Path to sign (default the vendor path). */
  signPath?: string;
  /** Path to verify the response over (default: the vendor path, which the sandbox always signs over). */
  verifyPath?: string;
  rawBody?: string;
  contentType?: string;
  /** AES key size of an encrypted request (default 256). */
  keyBits?: 128 | 256;
  /** Replace the ciphertext by Base64 that is not a multiple of 16 bytes. */
  garbleCiphertext?: boolean;
  /** Send this Encrypt header instead of the real one. */
  encryptHeader?: string;
}

export async function zoloz(
  s: Sandbox,
  path: string,
  body: unknown,
  o: ZolozCallOptions = {},
): Promise<Answer & { verified: string; plain: any; requestKey?: Buffer; responseKey?: Buffer }> {
  const keys = sandboxSecrets().keys;
  const clientId = o.clientId ?? s.credentials.zoloz.clientId;
  let wire = o.rawBody ?? JSON.stringify(body);
  let encryptHeader: string | undefined;
  let requestKey: Buffer | undefined;
  if (o.encrypt) {
    const enc = encryptZolozBody(wire, keys.platformPublic, { keyBits: o.keyBits ?? 256 });
    wire = o.garbleCiphertext ? Buffer.from("not sixteen").toString("base64") : enc.body;
    encryptHeader = o.encryptHeader ?? enc.encryptHeader;
    requestKey = enc.aesKey;
  }
  const signed = signZolozRequest({
    path: o.signPath ?? path,
    clientId,
    body: wire,
    privateKey: keys.merchantPrivate,
    ...(encryptHeader ? { encryptHeader } : {}),
  });
  const headers: Record<string, string> = { ...(signed as Record<string, string>) };
  if (o.sign === false) delete headers["signature"];
  if (o.contentType) headers["content-type"] = o.contentType;
  if (o.tamper)
    wire = requestKey
      ? encryptZolozBody('{"x":1}', keys.platformPublic, { aesKey: requestKey }).body
      : wire.replace(/}$/, ', "x": 1}');
  const r = await call(`${s.baseUrls.zoloz}${path}`, { method: "POST", headers, body: wire });
  const verified = verifyZolozResponse({
    path: o.verifyPath ?? path,
    clientId,
    headers: r.headers,
    body: r.text,
    publicKey: keys.platformPublic,
  }).status;
  let plain = r.json;
  let responseKey: Buffer | undefined;
  if (r.headers["encrypt"]) {
    const opened = decryptZolozEnvelope(r.text, r.headers["encrypt"], keys.merchantPrivate);
    plain = JSON.parse(opened.json);
    responseKey = opened.aesKey;
  }
  return { ...r, verified, plain, ...(requestKey ? { requestKey } : {}), ...(responseKey ? { responseKey } : {}) };
}

// ---------------------------------------------------------------- uqudo

export async function uqudoToken(s: Sandbox): Promise<string> {
  const { clientId, clientSecret } = s.credentials.uqudo;
  const r = await call(`${s.baseUrls.uqudoAuth}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
  });
  if (r.status !== 200) throw new Error(`uqudo token refused: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

export function uqudo(
  s: Sandbox,
  path: string,
  body: unknown,
  token: string | undefined,
  method = "POST",
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers["authorization"] = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  return call(`${s.baseUrls.uqudo}${path}`, init);
}

export function photoForm(bytes: Buffer, type = "image/jpeg", field = "idPhoto"): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), "photo");
  return form;
}

export const b64 = (b: Buffer) => b.toString("base64");
