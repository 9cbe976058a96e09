// A real face photo (CONFORMANCE_FACE_IMAGE) turned into what an image description asks for, so a live vendor's
// face detection sees a face in every case that describes one: the photo's own size, format and EXIF orientation
// never matter, the description's dimensions, format, colour, orientation, byte size and corruption do.
import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";
import { cached } from "./cache.ts";
import {
  canonicalKey,
  isPixelFormat,
  normaliseDescription,
  type ExifOrientation,
  type ImageDescription,
  type NormalisedDescription,
} from "./description.ts";
import { encodeStored, finishBytes, SQUEEZE_LEVELS } from "./render.ts";

/**
 * Unpadded derived images stay below this, under every documented limit for positive data (ZOLOZ's stricter
 * reading of 1 MB is 786432 bytes), as synthetic renders do: a photo never turns an accepted case into an oversized one.
 */
export const DERIVED_NATURAL_MAX_BYTES = 700_000;

/** The padding around a photo resized into other proportions: mid grey, as plain as a passport background. */
const BACKGROUND = { r: 128, g: 128, b: 128, alpha: 1 };

/** A case whose image cannot be made from the given photo: the case is skipped with this reason, never failed. */
export class UnderivableImage extends Error {
  override name = "UnderivableImage";
}

/** Faces in a pixel format come from the photo; "no face" images, PDFs, text and empty files stay synthetic. */
export function derivesFromPhoto(desc: ImageDescription): boolean {
  const n = normaliseDescription(desc);
  return n.content === "face" && isPixelFormat(n.format);
}

// The inverse of each EXIF orientation (held pixel-exact by derive.test.ts): a viewer that applies the tag to the
// stored pixels shows the upright photo.
const STORED_FROM_UPRIGHT: Record<ExifOrientation, (img: Sharp) => Sharp> = {
  1: (img) => img,
  2: (img) => img.flop(),
  3: (img) => img.rotate(180),
  4: (img) => img.flip(),
  5: (img) => img.rotate(270).flop(),
  6: (img) => img.rotate(270),
  7: (img) => img.rotate(90).flop(),
  8: (img) => img.rotate(90),
};

/** The variant's brightness shift (±10 at most, as the synthetic faces): the same person in other light. */
const brightness = (variant: number): number => (variant === 0 ? 0 : ((variant * 7) % 21) - 10);

async function storedPixels(photo: Uint8Array, n: NormalisedDescription): Promise<Sharp> {
  const swapped = n.exifOrientation >= 5;
  const width = swapped ? n.height : n.width;
  const height = swapped ? n.width : n.height;
  let upright = sharp(photo, { failOn: "none" })
    .rotate()
    .resize(width, height, { fit: "contain", background: BACKGROUND })
    .removeAlpha();
  const shift = brightness(n.variant);
  if (shift !== 0) upright = upright.linear(1, shift);
  // Raw pixels carry none of the photo's metadata (camera, GPS): only what encodeStored writes reaches the vendor.
  const { data, info } = await upright.raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const stored = STORED_FROM_UPRIGHT[n.exifOrientation](sharp(data, raw));
  if (n.colour !== "cmyk") return stored;
  const cmyk = await stored.toColourspace("cmyk").jpeg({ quality: 100 }).toBuffer();
  return sharp(cmyk).pipelineColourspace("cmyk").toColourspace("cmyk");
}

async function derive(photo: Uint8Array, n: NormalisedDescription, desc: ImageDescription): Promise<Uint8Array> {
  const budget = n.targetBytes > 0 ? n.targetBytes : DERIVED_NATURAL_MAX_BYTES;
  let smallest = Infinity;
  // Most descriptions fit at the first level; a large photo-sized file is squeezed until it fits its byte budget.
  const stored = await storedPixels(photo, n);
  for (let squeeze = 0; squeeze <= SQUEEZE_LEVELS; squeeze++) {
    const bytes = await encodeStored(stored.clone(), n, squeeze);
    if (bytes.length <= budget) return finishBytes(bytes, n);
    smallest = Math.min(smallest, bytes.length);
    if (n.format === "gif" || n.format === "bmp") break; // no quality to give up
  }
  const what = `${n.format} ${n.width}x${n.height}`;
  const wanted =
    n.targetBytes > 0
      ? `the ${n.targetBytes} bytes the case pads it to`
      : `${DERIVED_NATURAL_MAX_BYTES} bytes (under every documented limit)`;
  throw new UnderivableImage(
    `CONFORMANCE_FACE_IMAGE cannot be made into ${what} (${canonicalKey(desc)}): it encodes to at least ${smallest} bytes, more than ${wanted}`,
  );
}

/**
 * The photo as the description asks. Cached in memory only, by photo hash and description: derived faces are a
 * real person's, so they never go to the disk cache. Returns a fresh copy the caller may mutate.
 */
export async function deriveFromPhoto(photo: Uint8Array, desc: ImageDescription): Promise<Uint8Array> {
  if (!derivesFromPhoto(desc)) throw new Error(`not a face in a pixel format: ${canonicalKey(desc)}`);
  const n = normaliseDescription(desc);
  const key = `photo:${createHash("sha256").update(photo).digest("hex")}:${canonicalKey(desc)}`;
  try {
    return (await cached(key, () => derive(photo, n, desc), false)).slice();
  } catch (error) {
    if (error instanceof UnderivableImage) throw error;
    throw new UnderivableImage(
      `CONFORMANCE_FACE_IMAGE cannot be decoded as an image: ${(error as Error).message.split("\n")[0]}`,
    );
  }
}
