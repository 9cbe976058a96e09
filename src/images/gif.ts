// GIF structure: the first image descriptor, where the blocks start, and comment-extension padding.
import { concat } from "./bytes.ts";

/** Offset of the first image descriptor (0x2C), skipping the global colour table and extensions. */
export function gifImageDescriptor(b: Uint8Array): number {
  let p = gifBlocksStart(b);
  while (p < b.length) {
    const tag = b[p];
    if (tag === 0x2c) return p;
    if (tag !== 0x21) return -1;
    p += 2;
    while (p < b.length && (b[p] ?? 0) !== 0) p += (b[p] ?? 0) + 1;
    p += 1;
  }
  return -1;
}

export function gifBlocksStart(b: Uint8Array): number {
  const flags = b[10] ?? 0;
  return 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
}

/** GIF: one comment extension right after the global colour table: 3 bytes + sub-blocks of 2..256 bytes each. */
export function padGif(b: Uint8Array, deficit: number): Uint8Array {
  const at = Math.min(b.length, gifBlocksStart(b));
  // Sub-blocks must total deficit-3, each 2..256 bytes (length byte + 1..255 data); a total of 1 overshoots to 2.
  let rest = Math.max(0, deficit - 3);
  if (rest === 1) rest = 2;
  const ext = new Uint8Array(3 + rest).fill(0x20);
  ext[0] = 0x21;
  ext[1] = 0xfe;
  let p = 2;
  while (rest > 0) {
    let size = Math.min(256, rest);
    if (rest - size === 1) size -= 1;
    ext[p] = size - 1;
    p += size;
    rest -= size;
  }
  ext[p] = 0;
  return concat([b.subarray(0, at), ext, b.subarray(at)]);
}
