// Perceptual hash and the sandbox's similarity rule.

/**
 * dHash: 9×8 greyscale, one bit per horizontally adjacent pair (left brighter than right → 1), row-major,
 * most significant bit first, as 16 lower-case hex digits. Brightness shifts leave it unchanged; small shifts
 * and re-encodings flip a few bits; unrelated images differ in ~half the bits.
 */
export function dHash(grey9x8: Uint8Array): string {
  let hex = "";
  for (let nibble = 0; nibble < 16; nibble++) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const bit = nibble * 4 + k;
      const y = Math.floor(bit / 8);
      const x = bit % 8;
      const left = grey9x8[y * 9 + x] ?? 0;
      const right = grey9x8[y * 9 + x + 1] ?? 0;
      v = (v << 1) | (left > right ? 1 : 0);
    }
    hex += v.toString(16);
  }
  return hex;
}

const HEX64 = /^[0-9a-f]{16}$/i;

/** Number of differing bits between two 64-bit hex hashes; 64 when either is not a 64-bit hex hash. */
export function hammingDistance(a: string, b: string): number {
  if (!HEX64.test(a) || !HEX64.test(b)) return 64;
  let d = 0;
  for (let i = 0; i < 16; i++) {
    let x = parseInt(a[i] ?? "0", 16) ^ parseInt(b[i] ?? "0", 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

export type MatchLevel = 1 | 2 | 3 | 4 | 5;

/**
 * The sandbox's deterministic similarity rule, on the Hamming distance d of two dHashes:
 *   d ≤ 4  → 5 (same picture: re-encoded, resized, other format, EXIF-rotated; measured 0–4)
 *   d ≤ 10 → 4 (same subject, another variant; measured 0–9)
 *   d ≤ 14 → 3 (gap: neither population lands here in practice)
 *   d ≤ 20 → 2 (tail of different subjects)
 *   else   → 1 (different subjects: measured 16–46, mean ~31 over 780 pairs)
 * So "same person" is level ≥ 4 and "different person" ≤ 2 for the synthetic faces (held by images.test.ts).
 * A missing or malformed hash (undecodable image) is level 1.
 */
export function matchLevel(hashA: string | null | undefined, hashB: string | null | undefined): MatchLevel {
  if (!hashA || !hashB) return 1;
  const d = hammingDistance(hashA, hashB);
  if (d <= 4) return 5;
  if (d <= 10) return 4;
  if (d <= 14) return 3;
  if (d <= 20) return 2;
  return 1;
}
