// Which container a byte string is, from its magic bytes alone.
import { ascii } from "./bytes.ts";

export type SniffedFormat = "jpeg" | "png" | "gif" | "webp" | "bmp" | "pdf" | "unknown";

export function sniffFormat(b: Uint8Array): SniffedFormat {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, "PNG\r\n\x1a\n")) return "png";
  if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return "gif";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "webp";
  if (b.length >= 26 && ascii(b, 0, "BM")) return "bmp";
  if (ascii(b, 0, "%PDF-")) return "pdf";
  return "unknown";
}
