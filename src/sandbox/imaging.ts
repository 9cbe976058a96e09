// What the sandbox needs to know about an uploaded image: container format (from magic bytes, so a
// GIF is "gif" even when it cannot be decoded), decodability, dimensions, whether it is uniform
// (the sandbox's stand-in for "no face") and a perceptual hash for face matching.
import { createHash } from "node:crypto";
import sharp from "sharp";

export type ContainerFormat = "jpeg" | "png" | "gif" | "webp" | "bmp" | "tiff" | "heic" | "unknown";

export interface ImageFacts {
  format: ContainerFormat;
  bytes: number;
  decodable: boolean;
  width: number;
  height: number;
  /** No visible structure: every channel's standard deviation is below 2 (the "no face" rule). */
  uniform: boolean;
  /** 64-bit difference hash, 16 hex chars ("" when undecodable). */
  perceptualHash: string;
  sha256: string;
}

export function detectFormat(b: Uint8Array): ContainerFormat {
  const at = (i: number) => b[i] ?? -1;
  const ascii = (from: number, len: number) => Buffer.from(b.subarray(from, from + len)).toString("latin1");
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "jpeg";
  if (at(0) === 0x89 && ascii(1, 3) === "PNG") return "png";
  if (ascii(0, 4) === "GIF8") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 4) === "WEBP") return "webp";
  if (ascii(0, 2) === "BM") return "bmp";
  if (ascii(0, 4) === "II*\u0000" || ascii(0, 4) === "MM\u0000*") return "tiff";
  if (ascii(4, 4) === "ftyp") return "heic";
  return "unknown";
}

const cache = new Map<string, ImageFacts>();

export async function analyseImage(bytes: Uint8Array): Promise<ImageFacts> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const hit = cache.get(sha256);
  if (hit) return hit;
  const facts = await analyse(bytes, sha256);
  if (cache.size > 256) cache.clear();
  cache.set(sha256, facts);
  return facts;
}

async function analyse(bytes: Uint8Array, sha256: string): Promise<ImageFacts> {
  const format = detectFormat(bytes);
  const base: ImageFacts = { format, bytes: bytes.length, decodable: false, width: 0, height: 0, uniform: false, perceptualHash: "", sha256 };
  if (bytes.length === 0 || format === "unknown") return base;
  try {
    // failOn "error" rejects truncated data instead of decoding a grey remainder.
    const img = sharp(bytes, { failOn: "error", limitInputPixels: 10_000 * 10_000 });
    const meta = await img.metadata();
    const stats = await img.stats();
    const { data } = await sharp(bytes, { failOn: "error" }).greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer({ resolveWithObject: true });
    let bits = 0n;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        bits = (bits << 1n) | ((data[y * 9 + x] ?? 0) > (data[y * 9 + x + 1] ?? 0) ? 1n : 0n);
      }
    }
    return {
      ...base,
      decodable: true,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      uniform: stats.channels.slice(0, 3).every((c) => c.stdev < 2),
      perceptualHash: bits.toString(16).padStart(16, "0"),
    };
  } catch {
    return base;
  }
}

/**
 * Similarity band → uqudo match level (1 worst .. 5 best) from the Hamming distance of two 64-bit
 * difference hashes: 0–4 → 5, 5–10 → 4, 11–16 → 3, 17–24 → 2, more → 1.
 */
export function matchLevel(hashA: string, hashB: string): 1 | 2 | 3 | 4 | 5 {
  if (!hashA || !hashB) return 1;
  let x = BigInt(`0x${hashA}`) ^ BigInt(`0x${hashB}`);
  let d = 0;
  while (x > 0n) {
    d += Number(x & 1n);
    x >>= 1n;
  }
  if (d <= 4) return 5;
  if (d <= 10) return 4;
  if (d <= 16) return 3;
  if (d <= 24) return 2;
  return 1;
}
