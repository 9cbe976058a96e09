// Text of request and response bodies. Buffer.from(aUint8Array) copies element by element, which for a body carrying a
// multi-megabyte image costs more than decoding it: a Buffer view over the same memory decodes it directly.

/** A Buffer over the same memory as `bytes` (no copy). */
export function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The bytes decoded as `encoding` (UTF-8 by default), exactly as Buffer.toString does. */
export function textOf(bytes: Uint8Array, encoding: BufferEncoding = "utf8"): string {
  return bufferOf(bytes).toString(encoding);
}
