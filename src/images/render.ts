// renderImage: description → real encoded bytes (sharp for pixels, byte surgery for padding/bombs/corruption).
import sharp, { type Sharp } from "sharp";
import { cached } from "./cache.ts";
import { encodeBmp } from "./bmp.ts";
import { padTo, patchDeclaredSize, truncate } from "./containers.ts";
import {
  canonicalKey,
  normaliseDescription,
  type ImageDescription,
  type NormalisedDescription,
} from "./description.ts";
import { buildGrid } from "./pattern.ts";

// Keep libvips' own operation cache from holding decoded 4096² images between renders.
sharp.cache({ memory: 32, files: 0, items: 50 });

const TEXT_BYTES = new TextEncoder().encode("This is plain text, not an image.\n");

/** A minimal one-page PDF (valid xref), the document-instead-of-image case. */
function minimalPdf(): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 256 256] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

async function encodePixels(n: NormalisedDescription): Promise<Uint8Array> {
  const grid = buildGrid(n);
  const small = (): Sharp => sharp(grid.data, { raw: { width: grid.width, height: grid.height, channels: 3 } });
  const scaled = grid.width !== n.width || grid.height !== n.height;
  // Nearest-neighbour from a ≤48² grid: flat blocks keep big files small; libvips streams, so no full-size JS buffer.
  const up = (img: Sharp): Sharp => (scaled ? img.resize(n.width, n.height, { kernel: "nearest", fit: "fill" }) : img);
  let img: Sharp;
  if (n.colour === "cmyk") {
    // Convert the grid, not the full image: a full-size sRGB→CMYK transform costs seconds at 4096².
    const cmyk = await small().toColourspace("cmyk").jpeg({ quality: 100 }).toBuffer();
    img = up(sharp(cmyk).pipelineColourspace("cmyk")).toColourspace("cmyk");
  } else if (n.format === "gif") {
    // Quantise the grid once and reuse its palette: quantising 16M pixels costs ~5 s.
    const palette = await small().gif({ effort: 1, dither: 0 }).toBuffer();
    img = up(sharp(palette));
  } else {
    img = up(small());
  }
  return encodeStored(img, n);
}

/** How hard encodeStored squeezes: 0 is the normal encoding; higher levels trade quality for bytes (derived photos). */
export const SQUEEZE_LEVELS = 5;

/**
 * Colour, EXIF orientation tag and container for pixels already laid out as stored: the synthetic grid and a
 * derived photo go through the same encoder.
 */
export async function encodeStored(img: Sharp, n: NormalisedDescription, squeeze = 0): Promise<Uint8Array> {
  if (n.colour === "grayscale") img = img.greyscale();
  if (n.colour === "rgba") img = img.ensureAlpha(1);
  if (n.exifOrientation !== 1) img = img.withMetadata({ orientation: n.exifOrientation });
  const quality = 90 - squeeze * 12;
  switch (n.format) {
    case "jpeg":
      return new Uint8Array(await img.jpeg({ quality, progressive: n.progressive }).toBuffer());
    case "png":
      // A photo's PNG is large; a palette of fewer colours at each level is what makes it smaller.
      return new Uint8Array(
        await img
          .png({
            progressive: n.progressive,
            compressionLevel: squeeze === 0 ? 6 : 9,
            ...(squeeze > 0 ? { palette: true, colours: 256 >> (squeeze - 1) } : {}),
          })
          .toBuffer(),
      );
    case "gif":
      return new Uint8Array(
        await img.gif({ progressive: n.progressive, reuse: true, effort: 1, dither: 0 }).toBuffer(),
      );
    case "webp":
      return new Uint8Array(await img.webp({ quality }).toBuffer());
    case "bmp": {
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      return encodeBmp(data, info.width, info.height, info.channels);
    }
    default:
      throw new Error(`not a pixel format: ${n.format}`);
  }
}

async function renderUncached(n: NormalisedDescription): Promise<Uint8Array> {
  if (n.format === "empty") return new Uint8Array(0);
  let bytes: Uint8Array;
  if (n.format === "text") bytes = TEXT_BYTES.slice();
  else if (n.format === "pdf") bytes = minimalPdf();
  else bytes = await encodePixels(n);
  return finishBytes(bytes, n);
}

/** The byte surgery after encoding: a bomb's declared size, truncation, padding, corruption. */
export function finishBytes(bytes: Uint8Array, n: NormalisedDescription): Uint8Array {
  if (n.declaredDimensions) bytes = patchDeclaredSize(bytes, n.declaredDimensions.width, n.declaredDimensions.height);
  // Truncate before padding: the pad goes near the start, so the file is still cut inside its pixel data.
  if (n.corruption === "truncated") bytes = truncate(bytes);
  if (n.targetBytes > 0) bytes = padTo(bytes, n.targetBytes, n.format);
  if (n.corruption === "bad-magic") bytes.set([0x42, 0x41, 0x44, 0x21].slice(0, bytes.length), 0); // "BAD!"
  if (n.corruption === "zero-bytes") bytes.fill(0);
  return bytes;
}

/**
 * Real encoded bytes for a description. Cached by canonical key (memory LRU + disk); the second call for a
 * 4096² image is a cache read. Returns a fresh copy the caller may mutate.
 */
export async function renderImage(desc: ImageDescription): Promise<Uint8Array> {
  const n = normaliseDescription(desc);
  const bytes = await cached(canonicalKey(desc), () => renderUncached(n), n.format !== "empty" && n.format !== "text");
  return bytes.slice();
}
