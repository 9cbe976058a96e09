// PNG structure: chunk listing, chunk encoding (with CRC), and padding with a private ancillary chunk.
import { concat, putU32be, u32be } from "./bytes.ts";
import { crc32 } from "./crc32.ts";

export interface PngChunk {
  type: string;
  at: number;
  length: number;
}

export function pngChunks(b: Uint8Array): PngChunk[] {
  const out: PngChunk[] = [];
  let p = 8;
  while (p + 12 <= b.length) {
    const length = u32be(b, p);
    const type = String.fromCharCode(b[p + 4] ?? 0, b[p + 5] ?? 0, b[p + 6] ?? 0, b[p + 7] ?? 0);
    out.push({ type, at: p, length });
    if (type === "IEND") break;
    p += 12 + length;
  }
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  putU32be(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  putU32be(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** PNG: one private ancillary chunk "paDd" after IHDR (12 bytes overhead, so a 1–11 byte deficit overshoots). */
export function padPng(b: Uint8Array, deficit: number): Uint8Array {
  const chunk = pngChunk("paDd", new Uint8Array(Math.max(0, deficit - 12)));
  return concat([b.subarray(0, 33), chunk, b.subarray(33)]);
}
