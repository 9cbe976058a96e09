// Image descriptions concentrated on one image field's documented edges (size, dimensions, format), plus the
// undocumented-but-real ones (truncation, bombs, EXIF rotation, colour models, progressive, no face).
import fc from "fast-check";
import type { ImageLimits } from "../openapi/types.ts";
import {
  IMAGE_FORMATS,
  type ExifOrientation,
  type ImageColour,
  type ImageCorruption,
  type ImageDescription,
  type ImageFormat,
} from "../images/description.ts";
import { naturalBytesUpperBound, predictedBytes, sizeAmbiguous, violationsFor } from "../images/oracle.ts";
import { labeled, type Labeled } from "./_internals/labeled.ts";

const MB = 1024 * 1024;
const CORRUPTIONS: readonly ImageCorruption[] = ["none", "truncated", "bad-magic", "zero-bytes"];
const COLOURS: readonly ImageColour[] = ["rgb", "grayscale", "cmyk", "rgba"];
/** Declared bomb sizes, all far above any real size generated (so "no bomb" is always smaller). */
const BOMBS: readonly { width: number; height: number }[] = [
  { width: 20_000, height: 20_000 },
  { width: 50_000, height: 50_000 },
  { width: 65_535, height: 65_535 },
];

export interface ImageDescriptionConstraints {
  /** Largest side generated (default 4097, or maxWidth/maxHeight + 1). Lower it to keep rendering cheap. */
  maxSide?: number;
}

/** The field's accepted formats first (simplest), then the wrong ones. */
export function formatOrder(limits: ImageLimits): ImageFormat[] {
  return [...limits.formats, ...IMAGE_FORMATS.filter((f) => !(limits.formats as string[]).includes(f))];
}

function sideEdges(limits: ImageLimits, maxSide: number): number[] {
  const edges = new Set([1, 2, 16, 255, 256, 257, 512, 2000, 4095, 4096, 4097]);
  for (const e of [limits.minWidth, limits.minHeight, limits.maxWidth, limits.maxHeight])
    if (e !== undefined) for (const d of [-1, 0, 1]) edges.add(e + d);
  return [...edges].filter((n) => n >= 1 && n <= maxSide).sort((a, b) => a - b);
}

function byteEdges(limits: ImageLimits): number[] {
  const edges = new Set<number>();
  for (const e of [MB, 2 * MB, 5 * MB, limits.maxBytes, limits.otherReadingMaxBytes ?? limits.maxBytes])
    for (const d of [-1, 0, 1]) edges.add(e + d);
  return [...edges].sort((a, b) => a - b);
}

function fromList<T>(list: readonly T[]): fc.Arbitrary<T> {
  return fc.integer({ min: 0, max: list.length - 1 }).map((i) => list[i] as T);
}

/**
 * Labeled image descriptions for a field with these limits. Edges are drawn from sorted lists by index and
 * free values from integer ranges, so shrinking heads to 1×1, no padding, the first accepted format, no corruption.
 * Descriptions whose natural (unpadded) size could reach the limit or the requested pad are filtered out, so the
 * size verdict is exact without rendering.
 */
export function imageDescription(
  limits: ImageLimits,
  constraints: ImageDescriptionConstraints = {},
): fc.Arbitrary<Labeled<ImageDescription>> {
  const maxSide = constraints.maxSide ?? Math.max(4097, (limits.maxWidth ?? 0) + 1, (limits.maxHeight ?? 0) + 1);
  const edges = sideEdges(limits, maxSide);
  const side = fc.oneof(
    { weight: 4, arbitrary: fromList(edges) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: maxSide }) },
  );
  const formats = formatOrder(limits);
  const lowestLimit =
    Math.min(limits.maxBytes, limits.otherReadingMaxBytes ?? limits.maxBytes) + (limits.exclusiveMaxBytes ? 0 : 1);
  const format = fc.oneof(
    { weight: 3, arbitrary: fromList(limits.formats as ImageFormat[]) },
    { weight: 2, arbitrary: fromList(formats) },
  );
  return (
    fc
      // tuple, not record: fast-check 4's record shrinker also offers the unchanged value (not strictly smaller).
      .tuple(
        format,
        side,
        side,
        fc.option(fromList(byteEdges(limits)), { freq: 3, nil: undefined }),
        fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) }),
        fc.option(fromList(BOMBS), { freq: 10, nil: undefined }),
        fc.option(fc.integer({ min: 2, max: 8 }), { freq: 5, nil: undefined }),
        fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) }),
        fc.boolean(),
        fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(
        ([
          format,
          width,
          height,
          targetBytes,
          corruption,
          declared,
          orientation,
          colour,
          progressive,
          uniform,
          subject,
          variant,
        ]): ImageDescription => {
          const d: ImageDescription = { format, width, height, subject, variant };
          if (targetBytes !== undefined) d.targetBytes = targetBytes;
          if (corruption !== 0) d.corruption = CORRUPTIONS[corruption] as ImageCorruption;
          if (declared) d.declaredDimensions = declared;
          if (orientation !== undefined) d.exifOrientation = orientation as ExifOrientation;
          if (colour !== 0) d.colour = COLOURS[colour] as ImageColour;
          if (progressive) d.progressive = true;
          if (uniform) d.content = "uniform";
          return d;
        },
      )
      .filter((d) => naturalBytesUpperBound(d) < (d.targetBytes ?? lowestLimit) || d.format === "bmp")
      // A size that only one reading of the documented unit allows is labeled inferred: no verdict is expected.
      .map((d) => labeled(d, violationsFor(d, limits), describe(d), sizeAmbiguous(predictedBytes(d) ?? 0, limits)))
  );
}

function describe(d: ImageDescription): string {
  const parts = [`${d.format} ${d.width}x${d.height}`];
  if (d.targetBytes !== undefined) parts.push(`${d.targetBytes}B`);
  if (d.declaredDimensions) parts.push(`bomb ${d.declaredDimensions.width}x${d.declaredDimensions.height}`);
  for (const k of ["corruption", "colour", "exifOrientation", "content"] as const)
    if (d[k] !== undefined) parts.push(`${k}=${d[k]}`);
  if (d.progressive) parts.push("progressive");
  return parts.join(" ");
}

/**
 * Size for shrinking checks: every generated field contributes a term that only decreases when that field shrinks
 * (header pixels, pad bytes, format rank, corruption, orientation, colour, progressive, content, subject, variant).
 */
export function imageDescriptionSize(limits: ImageLimits): (v: Labeled<ImageDescription>) => number {
  const formats = formatOrder(limits);
  return ({ value: d }) =>
    d.width * d.height +
    (d.declaredDimensions ? d.declaredDimensions.width * d.declaredDimensions.height : 0) +
    (d.targetBytes ?? 0) +
    formats.indexOf(d.format) +
    CORRUPTIONS.indexOf(d.corruption ?? "none") +
    ((d.exifOrientation ?? 1) - 1) +
    COLOURS.indexOf(d.colour ?? "rgb") +
    (d.progressive ? 1 : 0) +
    (d.content === "uniform" ? 1 : 0) +
    (d.subject ?? 0) +
    (d.variant ?? 0);
}
