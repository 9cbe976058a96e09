// Byte-level surgery on encoded files, dispatched per container (jpeg.ts, png.ts, gif.ts, webp.ts, bmp.ts): header
// dimensions, padding without touching pixels, header patching for decompression bombs, truncation. No decoding here.
import { ascii, concat, i32le, putU16be, putU16le, putU32be, u16be, u16le, u32be, u32le } from "./bytes.ts";
import { crc32 } from "./crc32.ts";
import { isSof, jpegSegments, padJpeg } from "./jpeg.ts";
import { padPng, pngChunks } from "./png.ts";
import { gifBlocksStart, gifImageDescriptor, padGif } from "./gif.ts";
import { padWebp } from "./webp.ts";
import { padBmp } from "./bmp.ts";
import { sniffFormat } from "./sniff.ts";

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
