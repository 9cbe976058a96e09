// The image oracle: which documented image violations a description (predicted) or a byte string (observed)
// carries against an ImageField's limits. Vocabulary: docs/spec-conventions.md.
import type { ImageLimits } from "../openapi/types.ts";
import { headerDimensions, isPixelFormat, normaliseDescription, type ImageDescription } from "./description.ts";
import { UNIFORM_STDDEV_THRESHOLD, type ImageFacts } from "./inspect.ts";
import { buildGrid, gridLumaStdDev } from "./pattern.ts";

export const IMAGE_VIOLATIONS = [
  "image-too-large",
  "image-dimensions",
  "image-format",
  "image-undecodable",
  "image-empty",
  "image-no-face",
] as const;
export type ImageViolation = (typeof IMAGE_VIOLATIONS)[number];

const ORDER = new Map<string, number>(IMAGE_VIOLATIONS.map((v, i) => [v, i]));
const sorted = (set: Set<ImageViolation>): ImageViolation[] =>
  [...set].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));

export function isTooLarge(bytes: number, limits: ImageLimits): boolean {
  return limits.exclusiveMaxBytes ? bytes >= limits.maxBytes : bytes > limits.maxBytes;
}

/** True when the size is too large under one reading of the documented unit and fine under the other. */
export function sizeAmbiguous(bytes: number, limits: ImageLimits): boolean {
  if (limits.otherReadingMaxBytes === undefined) return false;
  return isTooLarge(bytes, limits) !== isTooLarge(bytes, { ...limits, maxBytes: limits.otherReadingMaxBytes });
}

/** Stored (header) dimensions against the limits; EXIF orientation is not applied (vendors document raw sizes). */
export function dimensionsViolate(width: number, height: number, limits: ImageLimits): boolean {
  return (
    (limits.minWidth !== undefined && width < limits.minWidth) ||
    (limits.minHeight !== undefined && height < limits.minHeight) ||
    (limits.maxWidth !== undefined && width > limits.maxWidth) ||
    (limits.maxHeight !== undefined && height > limits.maxHeight)
  );
}

/**
 * File size predicted without rendering: exact for padded files (targetBytes above the natural size — the
 * arbitraries only pad sizes that exceed it), exact for BMP, else undefined (the synthetic faces stay far below
 * every documented limit up to 4097² for jpeg/png/webp/gif; pass the rendered size to be exact anyway).
 */
export function predictedBytes(desc: ImageDescription): number | undefined {
  const n = normaliseDescription(desc);
  if (n.format === "empty") return 0;
  let natural: number | undefined;
  if (n.format === "bmp") {
    natural = 54 + ((n.width * 3 + 3) & ~3) * n.height;
    // Mirrors containers.truncate: header plus half the pixel array, at least 2 bytes short.
    if (n.corruption === "truncated") natural = Math.min(natural - 2, 54 + Math.floor((natural - 54) / 2));
  }
  if (n.targetBytes > 0) return Math.max(n.targetBytes, natural ?? 0);
  return natural;
}

/** True when the rendered image would be "no face" (near-uniform): uniform content, or a face too small to vary. */
export function predictedUniform(desc: ImageDescription): boolean {
  const n = normaliseDescription(desc);
  if (n.content === "uniform") return true;
  return gridLumaStdDev(buildGrid(n)) < UNIFORM_STDDEV_THRESHOLD;
}

/**
 * Violations a description carries against documented limits. `actualBytes` (the rendered length) makes the size
 * check exact; without it the size comes from predictedBytes.
 *
 * Rules (ours where the docs are silent):
 * - empty → image-empty only.
 * - bad-magic / zero-bytes, pdf, text → image-format and image-undecodable (no known image type: a server may
 *   call it either); gif/webp/bmp outside `formats` → image-format.
 * - truncated or bomb → image-undecodable; a bomb's dimensions are the declared ones.
 * - dimensions from the header; size against maxBytes honouring exclusiveMaxBytes.
 * - image-no-face when the image decodes and is near-uniform (inspectImage's rule).
 */
export function violationsFor(desc: ImageDescription, limits: ImageLimits, actualBytes?: number): ImageViolation[] {
  const n = normaliseDescription(desc);
  const out = new Set<ImageViolation>();
  const bytes = actualBytes ?? predictedBytes(desc);
  if (n.format === "empty" || bytes === 0) return ["image-empty"];
  const headerDestroyed = n.corruption === "bad-magic" || n.corruption === "zero-bytes";
  if (headerDestroyed || !isPixelFormat(n.format)) {
    out.add("image-format");
    out.add("image-undecodable");
  } else if (!(limits.formats as string[]).includes(n.format)) {
    out.add("image-format");
  }
  if (n.corruption === "truncated" || n.declaredDimensions) out.add("image-undecodable");
  const dims = headerDestroyed ? null : headerDimensions(desc);
  if (dims && dimensionsViolate(dims.width, dims.height, limits)) out.add("image-dimensions");
  if (bytes !== undefined && isTooLarge(bytes, limits)) out.add("image-too-large");
  if (!out.has("image-undecodable") && predictedUniform(desc)) out.add("image-no-face");
  return sorted(out);
}

/** Violations observed on real bytes (what the sandbox decides from inspectImage), same rules as violationsFor. */
export function violationsFromFacts(facts: ImageFacts, limits: ImageLimits): ImageViolation[] {
  if (facts.bytes === 0) return ["image-empty"];
  const out = new Set<ImageViolation>();
  if (facts.format === "unknown" || facts.format === "pdf") {
    out.add("image-format");
    out.add("image-undecodable");
  } else if (!(limits.formats as string[]).includes(facts.format)) {
    out.add("image-format");
  }
  if (!facts.decodable) out.add("image-undecodable");
  if (facts.width !== undefined && facts.height !== undefined && dimensionsViolate(facts.width, facts.height, limits))
    out.add("image-dimensions");
  if (isTooLarge(facts.bytes, limits)) out.add("image-too-large");
  if (facts.decodable && facts.uniform) out.add("image-no-face");
  return sorted(out);
}

/**
 * A generous upper bound on the unpadded rendered size (measured: 4097² faces are 60 KB webp … 900 KB CMYK
 * progressive JPEG; interlaced/CMYK/alpha cost ~2.5×). Arbitraries use it to keep size verdicts exact without
 * rendering; oracle tests hold real renders to it.
 */
export function naturalBytesUpperBound(desc: ImageDescription): number {
  const n = normaliseDescription(desc);
  if (!isPixelFormat(n.format)) return 4096;
  if (n.format === "bmp") return 54 + ((n.width * 3 + 3) & ~3) * n.height;
  const perPixel = { jpeg: 0.06, png: 0.06, gif: 0.08, webp: 0.03 }[n.format as "jpeg" | "png" | "gif" | "webp"];
  const heavy = n.colour === "cmyk" || n.colour === "rgba" || n.progressive ? 2.5 : 1;
  return Math.ceil(32_768 + n.width * n.height * perPixel * heavy);
}
