// An image request value around a field's documented limits, with the violations it carries.
import fc from "fast-check";
import type { ImageDescription } from "../images/index.ts";
import { violationsFor } from "../images/oracle.ts";
import { encodeTransport, type Base64Transport } from "../images/transport.ts";
import type { ImageLimits } from "../spec/types.ts";

export interface ImageEdgeCase {
  description: ImageDescription;
  transport: Base64Transport | "multipart";
  violations: string[];
  label: string;
}

const uniq = (values: number[]) => [...new Set(values.filter((v) => v >= 1))];

/** Every list starts with the valid baseline, so shrinking walks toward the simplest valid image. */
export function imageEdgeCase(limits: ImageLimits): fc.Arbitrary<ImageEdgeCase> {
  const minW = limits.minWidth ?? 256;
  const maxW = limits.maxWidth ?? 4096;
  const side = fc.constantFrom(320, ...uniq([minW - 1, minW, minW + 1, maxW, maxW + 1, 1]));
  const size = fc.constantFrom<number | undefined>(undefined, limits.maxBytes - 1, limits.maxBytes, limits.maxBytes + 1);
  const format = fc.constantFrom<ImageDescription["format"]>(...limits.formats, "gif", "webp", "bmp", "pdf", "text", "empty");
  const transports: (Base64Transport | "multipart")[] = limits.transports.includes("multipart") ? ["multipart"] : ["base64", "base64-unpadded", "base64-mime", "base64url", "data-uri"];
  return fc
    .record({
      format,
      // One edge at a time keeps edge images cheap: the other side stays at a valid 320.
      width: side,
      height: fc.constantFrom(320, ...uniq([minW - 1, minW])),
      targetBytes: size,
      corruption: fc.constantFrom<NonNullable<ImageDescription["corruption"]>>("none", "truncated", "bad-magic"),
      content: fc.constantFrom<NonNullable<ImageDescription["content"]>>("face", "uniform"),
      progressive: fc.boolean(),
      colour: fc.constantFrom<NonNullable<ImageDescription["colour"]>>("rgb", "grayscale", "cmyk", "rgba"),
      exifOrientation: fc.constantFrom<NonNullable<ImageDescription["exifOrientation"]>>(1, 6, 3, 8),
      subject: fc.integer({ min: 100, max: 120 }),
      transport: fc.constantFrom(...transports),
    })
    .map(({ transport, ...rest }) => {
      const description: ImageDescription = { ...rest, ...(rest.targetBytes === undefined ? {} : { targetBytes: rest.targetBytes }) };
      if (description.targetBytes === undefined) delete description.targetBytes;
      const violations = new Set<string>(violationsFor(description, limits));
      if (transport !== "multipart") for (const v of encodeTransport(new Uint8Array([1, 2, 3, 4]), transport).violations) violations.add(v);
      const label = `${description.format} ${description.width}×${description.height}${description.targetBytes ? ` padded to ${description.targetBytes} B` : ""}${description.corruption !== "none" ? `, ${description.corruption}` : ""}${description.content === "uniform" ? ", no face" : ""}, ${transport}`;
      return { description, transport, violations: [...violations].sort(), label };
    });
}
