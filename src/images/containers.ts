// Byte-level surgery on encoded files: sniffing, header dimensions, padding without touching pixels, header
// patching for decompression bombs, truncation. Pure functions over Uint8Array; no decoding here.
import { crc32 } from "./crc32.ts";

export type SniffedFormat = "jpeg" | "png" | "gif" | "webp" | "bmp" | "pdf" | "unknown";

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (at + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};
const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, at: number): number =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
const u32le = (b: Uint8Array, at: number): number =>
  (((b[at + 3] ?? 0) << 24) | ((b[at + 2] ?? 0) << 16) | ((b[at + 1] ?? 0) << 8) | (b[at] ?? 0)) >>> 0;
const i32le = (b: Uint8Array, at: number): number => u32le(b, at) | 0;

function putU32be(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}
function putU16be(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}
function putU16le(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}
function putU32le(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

export function sniffFormat(b: Uint8Array): SniffedFormat {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, "PNG\r\n\x1a\n")) return "png";
  if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return "gif";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "webp";
  if (b.length >= 26 && ascii(b, 0, "BM")) return "bmp";
  if (ascii(b, 0, "%PDF-")) return "pdf";
  return "unknown";
}

// ---------------------------------------------------------------- JPEG

interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  at: number;
  /** Total segment size including marker bytes. */
  size: number;
}

/** Marker segments from SOI up to and including SOS (entropy-coded data follows). Stops quietly on garbage. */
function jpegSegments(b: Uint8Array): JpegSegment[] {
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

const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

// ---------------------------------------------------------------- PNG

interface PngChunk {
  type: string;
  at: number;
  length: number;
}

function pngChunks(b: Uint8Array): PngChunk[] {
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

// ---------------------------------------------------------------- GIF

/** Offset of the first image descriptor (0x2C), skipping the global colour table and extensions. */
function gifImageDescriptor(b: Uint8Array): number {
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

function gifBlocksStart(b: Uint8Array): number {
  const flags = b[10] ?? 0;
  return 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
}

// ---------------------------------------------------------------- dimensions

/** Width and height as the header announces them; never decodes. null when the header is unreadable. */
export function headerSize(b: Uint8Array): { width: number; height: number } | null {
  switch (sniffFormat(b)) {
    case "jpeg": {
      const sof = jpegSegments(b).find((s) => isSof(s.marker));
      if (!sof) return null;
      // Skip fill bytes to the marker byte, then: marker(1) length(2) precision(1) height(2) width(2).
      let m = sof.at;
      while (b[m] === 0xff) m++;
      if (m + 8 > b.length) return null;
      return { width: u16be(b, m + 6), height: u16be(b, m + 4) };
    }
    case "png":
      if (b.length < 24 || !ascii(b, 12, "IHDR")) return null;
      return { width: u32be(b, 16), height: u32be(b, 20) };
    case "gif":
      if (b.length < 10) return null;
      return { width: u16le(b, 6), height: u16le(b, 8) };
    case "webp": {
      if (ascii(b, 12, "VP8X") && b.length >= 30)
        return {
          width: 1 + ((b[24] ?? 0) | ((b[25] ?? 0) << 8) | ((b[26] ?? 0) << 16)),
          height: 1 + ((b[27] ?? 0) | ((b[28] ?? 0) << 8) | ((b[29] ?? 0) << 16)),
        };
      if (ascii(b, 12, "VP8 ") && b.length >= 30)
        return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
      if (ascii(b, 12, "VP8L") && b.length >= 25) {
        const bits = u32le(b, 21);
        return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      }
      return null;
    }
    case "bmp":
      return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
    default:
      return null;
  }
}

// ---------------------------------------------------------------- bombs

/** Rewrites the header dimensions without touching the (tiny) pixel data. Formats other than jpeg/png/gif: unchanged. */
export function patchDeclaredSize(src: Uint8Array, width: number, height: number): Uint8Array {
  const b = new Uint8Array(src);
  switch (sniffFormat(b)) {
    case "jpeg": {
      for (const s of jpegSegments(b)) {
        if (!isSof(s.marker)) continue;
        let m = s.at;
        while (b[m] === 0xff) m++;
        putU16be(b, m + 4, height);
        putU16be(b, m + 6, width);
      }
      return b;
    }
    case "png":
      putU32be(b, 16, width);
      putU32be(b, 20, height);
      putU32be(b, 29, crc32(b, 12, 29));
      return b;
    case "gif": {
      putU16le(b, 6, width);
      putU16le(b, 8, height);
      const d = gifImageDescriptor(b);
      if (d > 0) {
        putU16le(b, d + 5, width);
        putU16le(b, d + 7, height);
      }
      return b;
    }
    default:
      return b;
  }
}

// ---------------------------------------------------------------- truncation

/** Offset where the pixel payload starts, so truncation keeps the header (sniffable, dimensions readable). */
function payloadStart(b: Uint8Array): number {
  switch (sniffFormat(b)) {
    case "jpeg": {
      const sos = jpegSegments(b).find((s) => s.marker === 0xda);
      return sos ? sos.at + sos.size : Math.min(b.length, 2);
    }
    case "png": {
      const idat = pngChunks(b).find((c) => c.type === "IDAT");
      return idat ? idat.at + 8 : 33;
    }
    case "gif": {
      const d = gifImageDescriptor(b);
      return d > 0 ? d + 10 : gifBlocksStart(b);
    }
    case "webp":
      return Math.min(b.length, 30);
    case "bmp":
      return Math.min(b.length, u32le(b, 10));
    default:
      return 0;
  }
}

/** Keeps the header and the first half of the payload; always removes at least the last 2 bytes (EOI/IEND). */
export function truncate(b: Uint8Array): Uint8Array {
  const start = payloadStart(b);
  const keep = Math.min(b.length - 2, start + Math.floor((b.length - start) / 2));
  return b.slice(0, Math.max(0, keep));
}

// ---------------------------------------------------------------- padding

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** JPEG: COM segments after the APPn run (EXIF stays where strict readers look), 0xFF fill bytes for a 1–3 byte rest. */
function padJpeg(b: Uint8Array, deficit: number): Uint8Array {
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

/** PNG: one private ancillary chunk "paDd" after IHDR (12 bytes overhead, so a 1–11 byte deficit overshoots). */
function padPng(b: Uint8Array, deficit: number): Uint8Array {
  const chunk = pngChunk("paDd", new Uint8Array(Math.max(0, deficit - 12)));
  return concat([b.subarray(0, 33), chunk, b.subarray(33)]);
}

/** GIF: one comment extension right after the global colour table: 3 bytes + sub-blocks of 2..256 bytes each. */
function padGif(b: Uint8Array, deficit: number): Uint8Array {
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

/** WebP: an unknown RIFF chunk appended (decoders skip unknown chunks); RIFF size updated. Chunks are even-sized. */
function padWebp(b: Uint8Array, deficit: number): Uint8Array {
  let size = Math.max(8, deficit);
  if (size % 2) size += 1;
  const chunk = new Uint8Array(size);
  chunk.set([0x50, 0x41, 0x44, 0x20], 0); // "PAD "
  putU32le(chunk, 4, size - 8);
  const out = concat([b, chunk]);
  putU32le(out, 4, out.length - 8);
  return out;
}

/** BMP: bytes after the pixel array, with bfSize updated; readers use the pixel offset and dimensions. */
function padBmp(b: Uint8Array, deficit: number): Uint8Array {
  const out = concat([b, new Uint8Array(deficit)]);
  if (sniffFormat(out) === "bmp") putU32le(out, 2, out.length);
  return out;
}

/** Pads to at least `target` bytes (exactly, except the small overshoots noted per container). */
export function padTo(b: Uint8Array, target: number, format: string): Uint8Array {
  const deficit = target - b.length;
  if (deficit <= 0) return b;
  const sniffed = sniffFormat(b);
  if (format === "jpeg" && sniffed === "jpeg") return padJpeg(b, deficit);
  if (format === "png" && sniffed === "png") return padPng(b, deficit);
  if (format === "gif" && sniffed === "gif") return padGif(b, deficit);
  if (format === "webp" && sniffed === "webp") return padWebp(b, deficit);
  if (format === "bmp" && sniffed === "bmp") return padBmp(b, deficit);
  // pdf/text, or a header too damaged to find structure in: trailing spaces.
  return concat([b, new Uint8Array(deficit).fill(0x20)]);
}

// ---------------------------------------------------------------- BMP

/** 24-bit bottom-up BI_RGB BMP from RGB or greyscale raw pixels (sharp cannot write BMP). */
export function encodeBmp(raw: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const stride = (width * 3 + 3) & ~3;
  const out = new Uint8Array(54 + stride * height);
  out[0] = 0x42;
  out[1] = 0x4d;
  putU32le(out, 2, out.length);
  putU32le(out, 10, 54);
  putU32le(out, 14, 40);
  putU32le(out, 18, width);
  putU32le(out, 22, height);
  putU16le(out, 26, 1);
  putU16le(out, 28, 24);
  putU32le(out, 34, stride * height);
  putU32le(out, 38, 2835);
  putU32le(out, 42, 2835);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * channels;
      const r = raw[s] ?? 0;
      const g = channels >= 3 ? (raw[s + 1] ?? 0) : r;
      const bl = channels >= 3 ? (raw[s + 2] ?? 0) : r;
      out[row + x * 3] = bl;
      out[row + x * 3 + 1] = g;
      out[row + x * 3 + 2] = r;
    }
  }
  return out;
}

/** Decodes uncompressed 24/32-bit BMP to RGB raw; null for anything else or when the pixel array is short. */
export function decodeBmp(
  b: Uint8Array,
  maxPixels: number,
): { data: Uint8Array; width: number; height: number } | null {
  if (sniffFormat(b) !== "bmp" || b.length < 54) return null;
  const offset = u32le(b, 10);
  const width = i32le(b, 18);
  const rawHeight = i32le(b, 22);
  const bpp = u16le(b, 28);
  const compression = u32le(b, 30);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width * height > maxPixels || (bpp !== 24 && bpp !== 32) || compression !== 0)
    return null;
  const bytesPP = bpp / 8;
  const stride = (width * bytesPP + 3) & ~3;
  if (offset + stride * height > b.length) return null;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const s = row + x * bytesPP;
      const d = (y * width + x) * 3;
      data[d] = b[s + 2] ?? 0;
      data[d + 1] = b[s + 1] ?? 0;
      data[d + 2] = b[s] ?? 0;
    }
  }
  return { data, width, height };
}
