import { describe, expect, it } from "vitest";
import type { ImageLimits } from "../openapi/types.ts";
import { ADVANCE_FACE, UQUDO_FACE, ZOLOZ_FACE } from "../arbitraries/testing/limits.ts";
import {
  BASE64_TRANSPORTS,
  decodeStrictBase64,
  encodeTransport,
  inspectImage,
  renderImage,
  violationsFor,
  violationsFromFacts,
  type ImageDescription,
} from "./index.ts";

const MB = 1024 * 1024;
const ADVANCE = ADVANCE_FACE;
const ZOLOZ = ZOLOZ_FACE;
const UQUDO = UQUDO_FACE;

/** Predicted violations must equal those observed on the real bytes. */
async function agree(desc: ImageDescription, limits: ImageLimits): Promise<string[]> {
  const bytes = await renderImage(desc);
  const observed = violationsFromFacts(await inspectImage(bytes), limits);
  expect(violationsFor(desc, limits, bytes.length), JSON.stringify(desc)).toEqual(observed);
  expect(violationsFor(desc, limits), `${JSON.stringify(desc)} without actual size`).toEqual(observed);
  return observed;
}

describe("violationsFor", () => {
  it("ADVANCE edges", async () => {
    expect(await agree({ format: "png", width: 4097, height: 10 }, ADVANCE)).toEqual(["image-dimensions"]);
    expect(await agree({ format: "png", width: 256, height: 256 }, ADVANCE)).toEqual([]);
    expect(await agree({ format: "png", width: 255, height: 256 }, ADVANCE)).toEqual(["image-dimensions"]);
    expect(await agree({ format: "jpeg", width: 4096, height: 4096 }, ADVANCE)).toEqual([]);
    expect(await agree({ format: "jpeg", width: 300, height: 300, targetBytes: 2 * MB + 1 }, ADVANCE)).toEqual([
      "image-too-large",
    ]);
    expect(await agree({ format: "jpeg", width: 300, height: 300, targetBytes: 2 * MB }, ADVANCE)).toEqual([
      "image-too-large",
    ]); // "less than 2M"
    expect(await agree({ format: "jpeg", width: 300, height: 300, targetBytes: 2 * MB - 1 }, ADVANCE)).toEqual([]);
    expect(await agree({ format: "gif", width: 300, height: 300 }, ADVANCE)).toEqual(["image-format"]);
    expect(await agree({ format: "jpeg", width: 300, height: 300, content: "uniform" }, ADVANCE)).toEqual([
      "image-no-face",
    ]);
    expect(await agree({ format: "jpeg", width: 300, height: 300, corruption: "truncated" }, ADVANCE)).toEqual([
      "image-undecodable",
    ]);
    expect(
      await agree(
        { format: "png", width: 1, height: 1, declaredDimensions: { width: 50_000, height: 50_000 } },
        ADVANCE,
      ),
    ).toEqual(["image-dimensions", "image-undecodable"]);
  });

  it("ZOLOZ 1 MB boundary (inclusive) and JPEG only", async () => {
    expect(await agree({ format: "jpeg", width: 300, height: 300, targetBytes: MB }, ZOLOZ)).toEqual([]);
    expect(await agree({ format: "jpeg", width: 300, height: 300, targetBytes: MB + 1 }, ZOLOZ)).toEqual([
      "image-too-large",
    ]);
    expect(await agree({ format: "png", width: 300, height: 300 }, ZOLOZ)).toEqual(["image-format"]);
    expect(await agree({ format: "jpeg", width: 1, height: 2000 }, ZOLOZ)).toEqual([]);
  });

  it("uqudo 5 MB, wrong formats, empty and garbage", async () => {
    expect(await agree({ format: "png", width: 300, height: 300, targetBytes: 5 * MB }, UQUDO)).toEqual([]);
    expect(await agree({ format: "png", width: 300, height: 300, targetBytes: 5 * MB + 1 }, UQUDO)).toEqual([
      "image-too-large",
    ]);
    expect(await agree({ format: "empty", width: 0, height: 0 }, UQUDO)).toEqual(["image-empty"]);
    expect(await agree({ format: "pdf", width: 0, height: 0 }, UQUDO)).toEqual(["image-format", "image-undecodable"]);
    expect(await agree({ format: "text", width: 0, height: 0 }, UQUDO)).toEqual(["image-format", "image-undecodable"]);
    expect(await agree({ format: "jpeg", width: 300, height: 300, corruption: "zero-bytes" }, UQUDO)).toEqual([
      "image-format",
      "image-undecodable",
    ]);
    expect(await agree({ format: "bmp", width: 700, height: 700 }, UQUDO)).toEqual(["image-format"]);
    expect(await agree({ format: "bmp", width: 1400, height: 1400 }, UQUDO)).toEqual([
      "image-too-large",
      "image-format",
    ]);
    expect(await agree({ format: "jpeg", width: 1, height: 1 }, UQUDO)).toEqual(["image-no-face"]);
  });
});

describe("encodeTransport", () => {
  const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x10]); // Base64 "+/+/ABA=": has '+', '/' and padding
  it("standard Base64, padded or not, is the documented encoding", () => {
    expect(encodeTransport(bytes, "base64")).toMatchObject({ value: "+/+/ABA=", violations: [], inferred: false });
    expect(encodeTransport(bytes, "base64-unpadded")).toMatchObject({ value: "+/+/ABA", violations: [] });
  });
  it("url-safe, data: URIs and MIME line breaks are image-undecodable (inferred)", () => {
    expect(encodeTransport(bytes, "base64url")).toMatchObject({
      value: "-_-_ABA",
      violations: ["image-undecodable"],
      inferred: true,
    });
    expect(encodeTransport(bytes, "data-uri")).toMatchObject({
      value: "data:image/jpeg;base64,+/+/ABA=",
      violations: ["image-undecodable"],
    });
    const long = new Uint8Array(100).fill(7);
    const mime = encodeTransport(long, "base64-mime");
    expect(mime.value).toContain("\r\n");
    expect(mime.violations).toEqual(["image-undecodable"]);
  });
  it("judges the produced string: short MIME and '+/'-free url-safe output are plain Base64", () => {
    expect(encodeTransport(bytes, "base64-mime").violations).toEqual([]);
    expect(encodeTransport(Uint8Array.from([1, 2, 3]), "base64url")).toMatchObject({ value: "AQID", violations: [] });
  });
  it("decodeStrictBase64 round-trips and rejects the rest", () => {
    expect(decodeStrictBase64("+/+/ABA=")).toEqual(bytes);
    expect(decodeStrictBase64("+/+/ABA")).toEqual(bytes);
    for (const bad of ["-_-_ABA", "data:image/jpeg;base64,AQID", "AQ\r\nID", "A", "AQID===", " AQID"])
      expect(decodeStrictBase64(bad), bad).toBeNull();
  });
  it("encodeTransport's verdict is the strict decoder's, for every transport and length", () => {
    for (let n = 0; n < 120; n++) {
      const sample = Uint8Array.from({ length: n }, (_, i) => (i * 67 + n * 13) % 256);
      for (const transport of BASE64_TRANSPORTS) {
        const encoded = encodeTransport(sample, transport);
        expect(encoded.violations.length === 0, `${transport} ${n}`).toBe(decodeStrictBase64(encoded.value) !== null);
      }
    }
  });
});
