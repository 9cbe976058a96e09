// The spellings of "Base64" an image can travel in, each labeled with what the docs make of it (see
// src/images/transport.ts: standard padded/unpadded is documented; the rest is image-undecodable, inferred).
import fc from "fast-check";
import { BASE64_TRANSPORTS, encodeTransport, type Base64Transport } from "../images/transport.ts";
import { labeled, type Labeled } from "./_internals/labeled.ts";

export interface Base64Encoded {
  transport: Base64Transport;
  encoded: string;
}

/** 100 bytes whose Base64 has '+', '/', "==" padding and more than one 76-character MIME line. */
export const TRANSPORT_PROBE_BYTES: Uint8Array = Uint8Array.from(
  { length: 100 },
  (_, i) => [0xfb, 0xff, 0xbf][i % 3] ?? 0,
);

/** Encodings of `bytes` (default: a probe that makes every transport differ), simplest (padded Base64) first. */
export function base64Transport(bytes: Uint8Array = TRANSPORT_PROBE_BYTES): fc.Arbitrary<Labeled<Base64Encoded>> {
  return fc.integer({ min: 0, max: BASE64_TRANSPORTS.length - 1 }).map((i) => {
    const transport = BASE64_TRANSPORTS[i] as Base64Transport;
    const e = encodeTransport(bytes, transport);
    return labeled({ transport, encoded: e.value }, e.violations, transport, e.inferred);
  });
}

export const base64TransportSize = (v: Labeled<Base64Encoded>): number => BASE64_TRANSPORTS.indexOf(v.value.transport);
