// WebP padding: an unknown RIFF chunk appended, with the RIFF size updated.
import { concat, putU32le } from "./bytes.ts";

/** WebP: an unknown RIFF chunk appended (decoders skip unknown chunks); RIFF size updated. Chunks are even-sized. */
export function padWebp(b: Uint8Array, deficit: number): Uint8Array {
  let size = Math.max(8, deficit);
  if (size % 2) size += 1;
  const chunk = new Uint8Array(size);
  chunk.set([0x50, 0x41, 0x44, 0x20], 0); // "PAD "
  putU32le(chunk, 4, size - 8);
  const out = concat([b, chunk]);
  putU32le(out, 4, out.length - 8);
  return out;
}
