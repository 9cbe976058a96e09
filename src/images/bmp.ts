// BMP: encoding from raw pixels (sharp cannot write BMP), decoding uncompressed 24/32-bit files, and padding.
import { concat, i32le, putU16le, putU32le, u16le, u32le } from "./bytes.ts";
import { sniffFormat } from "./sniff.ts";

/** BMP: bytes after the pixel array, with bfSize updated; readers use the pixel offset and dimensions. */
export function padBmp(b: Uint8Array, deficit: number): Uint8Array {
  const out = concat([b, new Uint8Array(deficit)]);
  if (sniffFormat(out) === "bmp") putU32le(out, 2, out.length);
  return out;
}

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
