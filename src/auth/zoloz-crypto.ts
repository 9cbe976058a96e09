// ZOLOZ RSA_AES body encryption: the `Encrypt` header, AES-ECB bodies, and the RSA PKCS#1 v1.5 key wrap
// (with a fallback for Nodes that refuse PKCS#1 v1.5 decryption).

import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { SignatureHeaderError, ZolozCryptoError } from "./errors.ts";
import {
  decodeBase64Value,
  parseParams,
  STD,
  ZOLOZ_ENCRYPT_ALGORITHM,
  type SignatureEncoding,
} from "./zoloz-format.ts";
import { textOf } from "../bytes.ts";

export interface ParsedEncryptHeader {
  algorithm: string;
  /** RSA-encrypted AES key bytes. */
  symmetricKey: Buffer;
  encoding: SignatureEncoding;
}

export function formatEncryptHeader(encryptedKeyBase64: string): string {
  return `algorithm=${ZOLOZ_ENCRYPT_ALGORITHM}, symmetricKey=${encodeURIComponent(encryptedKeyBase64)}`;
}

export function parseEncryptHeader(value: string): ParsedEncryptHeader {
  const params = parseParams(value, "Encrypt");
  const algorithm = params.get("algorithm");
  if (algorithm === undefined || algorithm === "") throw new SignatureHeaderError("Encrypt header has no algorithm=");
  const raw = params.get("symmetrickey");
  if (raw === undefined || raw === "") throw new SignatureHeaderError("Encrypt header has no symmetricKey=");
  const { bytes, encoding } = decodeBase64Value(raw, "symmetricKey");
  return { algorithm, symmetricKey: bytes, encoding };
}

/**
 * Encrypt a JSON body as the SDKs do: random AES key (256 bits by default, like the Java
 * TwoWayAuthProtocol; 128 like the older clients), AES-ECB with PKCS#7, Base64 body; the key is
 * RSA/ECB/PKCS1Padding-encrypted for the recipient. Sign the returned `body`, not the JSON.
 */
export function encryptZolozBody(
  json: string,
  recipientPublicKey: KeyObject,
  options: { keyBits?: 128 | 256; aesKey?: Uint8Array } = {},
): { body: string; encryptHeader: string; aesKey: Buffer } {
  const aesKey = options.aesKey ? Buffer.from(options.aesKey) : randomBytes((options.keyBits ?? 256) / 8);
  const body = aesEcb("encrypt", aesKey, Buffer.from(json, "utf8")).toString("base64");
  const wrapped = publicEncrypt({ key: recipientPublicKey, padding: constants.RSA_PKCS1_PADDING }, aesKey);
  return { body, encryptHeader: formatEncryptHeader(wrapped.toString("base64")), aesKey };
}

/** Decrypt an RSA_AES body to its JSON text. Throws ZolozCryptoError / SignatureHeaderError (one line). */
export function decryptZolozBody(body: string | Uint8Array, encryptHeader: string, privateKey: KeyObject): string {
  return decryptZolozEnvelope(body, encryptHeader, privateKey).json;
}

/** Like decryptZolozBody, also returning the AES key (the sandbox answers with the same key). */
export function decryptZolozEnvelope(
  body: string | Uint8Array,
  encryptHeader: string,
  privateKey: KeyObject,
): { json: string; aesKey: Buffer } {
  const aesKey = unwrapZolozKey(encryptHeader, privateKey);
  return { json: decryptZolozBodyWithKey(body, aesKey), aesKey };
}

/** The AES key an `Encrypt` header carries, RSA-decrypted. Throws ZolozCryptoError / SignatureHeaderError (one line). */
export function unwrapZolozKey(encryptHeader: string, privateKey: KeyObject): Buffer {
  const parsed = parseEncryptHeader(encryptHeader);
  if (parsed.algorithm !== ZOLOZ_ENCRYPT_ALGORITHM) {
    throw new ZolozCryptoError(
      `Encrypt algorithm "${parsed.algorithm.slice(0, 20)}" is not ${ZOLOZ_ENCRYPT_ALGORITHM}`,
    );
  }
  let aesKey: Buffer;
  try {
    aesKey = rsaPkcs1Decrypt(privateKey, parsed.symmetricKey);
  } catch {
    throw new ZolozCryptoError("symmetricKey does not decrypt with this private key (RSA/ECB/PKCS1Padding)");
  }
  if (![16, 24, 32].includes(aesKey.length)) {
    throw new ZolozCryptoError(`symmetricKey decrypts to ${aesKey.length} bytes, not an AES-128/192/256 key`);
  }
  return aesKey;
}

/** Decrypt a Base64 AES-ECB body with a known AES key. */
export function decryptZolozBodyWithKey(body: string | Uint8Array, aesKey: Uint8Array): string {
  // openssl-based clients wrap Base64 at 64 columns; whitespace is not part of the data.
  const text = (typeof body === "string" ? body : textOf(body, "latin1")).replace(/\s+/g, "");
  if (text === "" || !STD.test(text) || text.length % 4 !== 0) {
    throw new ZolozCryptoError("encrypted body is not standard Base64");
  }
  let plain: Buffer;
  try {
    plain = aesEcb("decrypt", Buffer.from(aesKey), Buffer.from(text, "base64"));
  } catch {
    throw new ZolozCryptoError(
      "encrypted body does not decrypt with the symmetric key (expected AES-ECB, PKCS#7 padding)",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw new ZolozCryptoError("decrypted body is not UTF-8 text");
  }
}

function aesEcb(direction: "encrypt" | "decrypt", key: Buffer, data: Buffer): Buffer {
  if (![16, 24, 32].includes(key.length))
    throw new ZolozCryptoError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  const algorithm = `aes-${key.length * 8}-ecb`;
  const cipher =
    direction === "encrypt" ? createCipheriv(algorithm, key, null) : createDecipheriv(algorithm, key, null);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

let nativePkcs1Decrypt: boolean | undefined;

/**
 * RSAES-PKCS1-v1_5 decryption. Node 20.20 refuses RSA_PKCS1_PADDING in privateDecrypt
 * (CVE-2023-46809, Marvin attack) unless started with --security-revert, which we do not use.
 * Fallback: raw RSA (RSA_NO_PADDING) and strip the type-2 padding here, without early exits.
 * This is acceptable for a test kit (no network-facing decryption oracle) but it is not a
 * hardened implementation: do not reuse it in a server that decrypts attacker-chosen data with a production key.
 */
export function rsaPkcs1Decrypt(privateKey: KeyObject, data: Uint8Array): Buffer {
  if (nativePkcs1Decrypt !== false) {
    try {
      const out = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, data);
      nativePkcs1Decrypt = true;
      return out;
    } catch (error) {
      if (!/security-revert/.test(String((error as Error).message))) throw error;
      nativePkcs1Decrypt = false;
    }
  }
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, data);
  const message = unpadPkcs1Type2(em);
  if (!message) throw new ZolozCryptoError("RSA PKCS#1 v1.5 padding check failed");
  return message;
}

/** Whether this Node decrypts PKCS#1 v1.5 natively (known only after the first rsaPkcs1Decrypt call). */
export function nativePkcs1DecryptAvailable(): boolean | undefined {
  return nativePkcs1Decrypt;
}

/** EM = 0x00 || 0x02 || PS (>= 8 non-zero bytes) || 0x00 || M. Scans the whole block either way. */
function unpadPkcs1Type2(em: Buffer): Buffer | undefined {
  let good = (em[0] === 0 ? 1 : 0) & (em[1] === 2 ? 1 : 0);
  let found = 0;
  let separator = 0;
  for (let i = 2; i < em.length; i++) {
    const zero = em[i] === 0 ? 1 : 0;
    const first = zero & (found ^ 1);
    separator = first * i + (1 - first) * separator;
    found |= zero;
  }
  good &= found & (separator >= 10 ? 1 : 0);
  return good === 1 ? Buffer.from(em.subarray(separator + 1)) : undefined;
}
