// How image bytes travel inside JSON. The docs say only "Base64": we treat RFC 4648 §4 standard Base64, padded
// or not, as the documented encoding and every other spelling as image-undecodable (inferred: our reading).
import type { ImageViolation } from "./oracle.ts";

export const BASE64_TRANSPORTS = ["base64", "base64-unpadded", "base64-mime", "base64url", "data-uri"] as const;
export type Base64Transport = (typeof BASE64_TRANSPORTS)[number];

export interface EncodedImage {
  transport: Base64Transport;
  value: string;
  violations: ImageViolation[];
  /** True when `violations` is our reading of "Base64", not the docs' words. */
  inferred: boolean;
}

const STANDARD_ALPHABET = /^[A-Za-z0-9+/]*$/;

/** True for strict standard Base64 (padded or unpadded, no whitespace, no prefix). */
export function isStrictBase64(s: string): boolean {
  // Checked without a repeated-group regex: those recurse per group and overflow the stack on megabyte images.
  const body = s.endsWith("==") ? s.slice(0, -2) : s.endsWith("=") ? s.slice(0, -1) : s;
  const padded = body.length !== s.length;
  return STANDARD_ALPHABET.test(body) && body.length % 4 !== 1 && (!padded || s.length % 4 === 0);
}

/** Strict standard Base64 (padded or unpadded, no whitespace, no prefix); null for anything else. */
export function decodeStrictBase64(s: string): Uint8Array | null {
  return isStrictBase64(s) ? new Uint8Array(Buffer.from(s, "base64")) : null;
}

export function encodeTransport(bytes: Uint8Array, transport: Base64Transport): EncodedImage {
  const std = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let value: string;
  switch (transport) {
    case "base64":
      value = std;
      break;
    case "base64-unpadded":
      value = std.replace(/=+$/, "");
      break;
    case "base64-mime":
      // RFC 2045: 76-character lines separated by CRLF.
      value = std.replace(/(.{76})(?=.)/g, "$1\r\n");
      break;
    case "base64url":
      value = std.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      break;
    case "data-uri":
      value = `data:image/jpeg;base64,${std}`;
      break;
  }
  // Judge the produced string, not the transport name: short MIME output has no line break and url-safe output
  // without '-'/'_' is plain unpadded Base64, so both are then valid. Node's own standard output (padded or not) is
  // valid by construction: a multi-megabyte image is not scanned again.
  const valid = transport === "base64" || transport === "base64-unpadded" || isStrictBase64(value);
  return { transport, value, violations: valid ? [] : ["image-undecodable"], inferred: !valid };
}
