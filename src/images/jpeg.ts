// JPEG structure: marker segments up to SOS, SOF detection, and COM-segment padding.
import { concat, putU16be, u16be } from "./bytes.ts";

export interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  at: number;
  /** Total segment size including marker bytes. */
  size: number;
}

/** Marker segments from SOI up to and including SOS (entropy-coded data follows). Stops quietly on garbage. */
export function jpegSegments(b: Uint8Array): JpegSegment[] {
  const out: JpegSegment[] = [];
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) break;
    let q = p;
    while (b[q] === 0xff && q < b.length) q++; // fill bytes
    const marker = b[q] ?? 0;
    const len = u16be(b, q + 1);
    if (len < 2) break;
    const seg = { marker, at: p, size: q + 1 + len - p };
    out.push(seg);
    if (marker === 0xda) break;
    p = seg.at + seg.size;
  }
  return out;
}

export const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** JPEG: COM segments after the APPn run (EXIF stays where strict readers look), 0xFF fill bytes for a 1–3 byte rest. */
export function padJpeg(b: Uint8Array, deficit: number): Uint8Array {
  let insertAt = 2;
  for (const s of jpegSegments(b)) {
    let m = s.at;
    while (b[m] === 0xff) m++;
    const marker = b[m] ?? 0;
    if (marker < 0xe0 || marker > 0xef) break;
    insertAt = s.at + s.size;
  }
  const parts: Uint8Array[] = [];
  let rest = deficit;
  while (rest >= 4) {
    let size = Math.min(rest, 65537);
    if (rest - size > 0 && rest - size < 4) size -= 4;
    const seg = new Uint8Array(size);
    seg[0] = 0xff;
    seg[1] = 0xfe;
    putU16be(seg, 2, size - 2);
    parts.push(seg);
    rest -= size;
  }
  // ITU T.81 B.1.1.2: any marker may be preceded by any number of 0xFF fill bytes.
  if (rest > 0) parts.push(new Uint8Array(rest).fill(0xff));
  return concat([b.subarray(0, insertAt), ...parts, b.subarray(insertAt)]);
}
