// inspectImage: what a server would learn from the bytes. Never throws, never decodes more than
// MAX_DECODE_PIXELS (bombs are judged from their header alone).
import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";
import { decodeBmp } from "./bmp.ts";
import { headerSize } from "./containers.ts";
import { sniffFormat, type SniffedFormat } from "./sniff.ts";
import { dHash } from "./hash.ts";

/** Largest image inspectImage decodes (8192²); anything the header declares above that is undecodable. */
export const MAX_DECODE_PIXELS = 8192 * 8192;

/**
 * "No face" rule: the Rec. 601 luma standard deviation of the 32×32 greyscale thumbnail (EXIF orientation applied)
 * is below this. Near-uniform renders measure < 2, synthetic faces > 20; a thumbnail ignores codec noise.
 */
export const UNIFORM_STDDEV_THRESHOLD = 6;

export interface ImageFacts {
  format: SniffedFormat;
  /** Header width (stored, before EXIF orientation); absent when the header is unreadable. */
  width?: number;
  height?: number;
  /** File size. */
  bytes: number;
  /** The whole file decodes (truncation, bad data and over-limit headers → false). */
  decodable: boolean;
  /** width × height as declared by the header (0 when unreadable): a bomb shows here without being decoded. */
  declaredPixels: number;
  /** EXIF orientation when present. */
  orientation?: number;
  /** Luma standard deviation of the thumbnail; absent when not decodable. */
  lumaStdDev?: number;
  /** lumaStdDev < UNIFORM_STDDEV_THRESHOLD: the kit's "no face". false when not decodable. */
  uniform: boolean;
  /** 64-bit dHash as 16 hex digits, on the upright image; null when not decodable. */
  perceptualHash: string | null;
  sha256: string;
  /** Why decoding failed, for messages. */
  decodeError?: string;
}

const THUMB = 32;

async function thumbnail(
  bytes: Uint8Array,
  format: SniffedFormat,
): Promise<{ grey: Uint8Array; orientation?: number }> {
  let input: Sharp;
  if (format === "bmp") {
    const bmp = decodeBmp(bytes, MAX_DECODE_PIXELS);
    if (!bmp) throw new Error("unsupported or short BMP");
    input = sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: 3 } });
  } else {
    // failOn 'truncated' turns libjpeg's "premature end" warning into an error; the pixel limit stops bombs.
    input = sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_DECODE_PIXELS, sequentialRead: true });
  }
  const orientation = format === "bmp" ? undefined : (await input.metadata()).orientation;
  const grey = await input
    .autoOrient()
    .flatten({ background: "#ffffff" })
    .greyscale()
    .resize(THUMB, THUMB, { fit: "fill" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (grey.info.channels !== 1) throw new Error(`unexpected ${grey.info.channels} channels`);
  return orientation === undefined
    ? { grey: new Uint8Array(grey.data) }
    : { grey: new Uint8Array(grey.data), orientation };
}

/** Box-filter downsample of single-channel pixels with fractional coverage (exact, no codec or colourspace surprises). */
export function areaResample(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
  const out = new Uint8Array(dw * dh);
  const fx = sw / dw;
  const fy = sh / dh;
  for (let oy = 0; oy < dh; oy++) {
    for (let ox = 0; ox < dw; ox++) {
      let sum = 0;
      let weight = 0;
      for (let y = Math.floor(oy * fy); y < Math.min(sh, Math.ceil((oy + 1) * fy)); y++) {
        const wy = Math.min(y + 1, (oy + 1) * fy) - Math.max(y, oy * fy);
        for (let x = Math.floor(ox * fx); x < Math.min(sw, Math.ceil((ox + 1) * fx)); x++) {
          const w = wy * (Math.min(x + 1, (ox + 1) * fx) - Math.max(x, ox * fx));
          sum += w * (src[y * sw + x] ?? 0);
          weight += w;
        }
      }
      out[oy * dw + ox] = Math.round(sum / weight);
    }
  }
  return out;
}

function stdDev(values: Uint8Array): number {
  let sum = 0;
  let sq = 0;
  for (const v of values) {
    sum += v;
    sq += v * v;
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, sq / values.length - mean * mean));
}

export async function inspectImage(input: Uint8Array): Promise<ImageFacts> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const format = sniffFormat(bytes);
  const size = format === "unknown" || format === "pdf" ? null : headerSize(bytes);
  const declaredPixels = size ? size.width * size.height : 0;
  const facts: ImageFacts = {
    format,
    bytes: bytes.length,
    decodable: false,
    declaredPixels,
    uniform: false,
    perceptualHash: null,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  if (size) {
    facts.width = size.width;
    facts.height = size.height;
  }
  if (format === "unknown" || format === "pdf") {
    facts.decodeError = format === "pdf" ? "a PDF is not an image" : "unrecognised format";
    return facts;
  }
  if (!size || declaredPixels === 0) {
    facts.decodeError = "unreadable header";
    return facts;
  }
  if (declaredPixels > MAX_DECODE_PIXELS) {
    facts.decodeError = `header declares ${size.width}×${size.height}, above the ${MAX_DECODE_PIXELS}-pixel decode limit`;
    return facts;
  }
  try {
    const { grey, orientation } = await thumbnail(bytes, format);
    const hashInput = areaResample(grey, THUMB, THUMB, 9, 8);
    facts.decodable = true;
    if (orientation !== undefined) facts.orientation = orientation;
    facts.lumaStdDev = Math.round(stdDev(grey) * 100) / 100;
    facts.uniform = facts.lumaStdDev < UNIFORM_STDDEV_THRESHOLD;
    facts.perceptualHash = dHash(hashInput);
  } catch (e) {
    facts.decodeError = e instanceof Error ? e.message.split("\n")[0] : String(e);
  }
  return facts;
}
