import { describe, expect, it } from "vitest";
import { cacheStats, clearMemoryCache, inspectImage, matchLevel, renderImage, type ImageDescription } from "./index.ts";
import { hammingDistance } from "./hash.ts";

const face = (over: Partial<ImageDescription> = {}): ImageDescription => ({
  format: "jpeg",
  width: 256,
  height: 256,
  ...over,
});

describe("renderImage + inspectImage", () => {
  it("renders every pixel format to real, decodable bytes of the described size", async () => {
    for (const format of ["jpeg", "png", "gif", "webp", "bmp"] as const) {
      const facts = await inspectImage(await renderImage(face({ format, width: 300, height: 200 })));
      expect(facts, format).toMatchObject({
        format,
        width: 300,
        height: 200,
        decodable: true,
        uniform: false,
        declaredPixels: 60_000,
      });
      expect(facts.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it("a 4097×4097 PNG really decodes to 4097×4097, and the second render comes from the cache", async () => {
    const desc = face({ format: "png", width: 4097, height: 4097, subject: 7 });
    const t0 = performance.now();
    const bytes = await renderImage(desc);
    const cold = performance.now() - t0;
    const facts = await inspectImage(bytes);
    expect(facts).toMatchObject({ format: "png", width: 4097, height: 4097, decodable: true });
    clearMemoryCache();
    const t1 = performance.now();
    const again = await renderImage(desc);
    const warm = performance.now() - t1;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(warm).toBeLessThan(Math.max(200, cold));
  });

  it("pads to exactly targetBytes without changing pixels (jpeg, png, gif, bmp)", async () => {
    for (const [format, target] of [
      ["jpeg", 2 * 1024 * 1024 + 1],
      ["jpeg", 100_002],
      ["png", 1024 * 1024],
      ["gif", 300_001],
      ["bmp", 300_001],
    ] as const) {
      const plain = await inspectImage(await renderImage(face({ format })));
      const padded = await inspectImage(await renderImage(face({ format, targetBytes: target })));
      expect(padded.bytes, `${format} ${target}`).toBe(target);
      expect(padded.decodable).toBe(true);
      expect(padded.perceptualHash).toBe(plain.perceptualHash);
    }
    const webp = await inspectImage(await renderImage(face({ format: "webp", targetBytes: 300_001 })));
    expect(webp.bytes).toBeGreaterThanOrEqual(300_001);
    expect(webp.decodable).toBe(true);
  });

  it("pads with 0xFF fill bytes when a JPEG is 1–3 bytes short", async () => {
    const natural = (await renderImage(face())).length;
    for (const extra of [1, 2, 3, 4, 5]) {
      const facts = await inspectImage(await renderImage(face({ targetBytes: natural + extra })));
      expect(facts.bytes).toBe(natural + extra);
      expect(facts.decodable).toBe(true);
    }
  });

  it("truncated files keep their header but fail to decode", async () => {
    for (const format of ["jpeg", "png", "gif", "webp", "bmp"] as const) {
      for (const size of [1, 256]) {
        const facts = await inspectImage(
          await renderImage(face({ format, width: size, height: size, corruption: "truncated" })),
        );
        expect(facts, `${format} ${size}`).toMatchObject({
          format,
          decodable: false,
          perceptualHash: null,
          width: size,
        });
      }
    }
    const padded = await inspectImage(await renderImage(face({ corruption: "truncated", targetBytes: 1024 * 1024 })));
    expect(padded).toMatchObject({ bytes: 1024 * 1024, decodable: false });
  });

  it("bombs report the declared pixels without decoding them", async () => {
    for (const format of ["jpeg", "png", "gif"] as const) {
      const t0 = performance.now();
      const bytes = await renderImage(
        face({ format, width: 8, height: 8, declaredDimensions: { width: 60_000, height: 50_000 } }),
      );
      const facts = await inspectImage(bytes);
      expect(bytes.length).toBeLessThan(2000);
      expect(facts).toMatchObject({
        format,
        width: 60_000,
        height: 50_000,
        declaredPixels: 3_000_000_000,
        decodable: false,
      });
      expect(performance.now() - t0).toBeLessThan(2000);
    }
    // Under the decode limit the header still lies about the data: decoding is attempted and fails.
    const small = await inspectImage(
      await renderImage(
        face({ format: "png", width: 8, height: 8, declaredDimensions: { width: 4000, height: 4000 } }),
      ),
    );
    expect(small).toMatchObject({ declaredPixels: 16_000_000, decodable: false });
  });

  it("EXIF orientations 1–8 show the same upright face", async () => {
    const upright = await inspectImage(await renderImage(face({ width: 300, height: 200, subject: 3 })));
    for (const format of ["jpeg", "png"] as const) {
      for (let o = 1; o <= 8; o++) {
        const rotated = o >= 5;
        const facts = await inspectImage(
          await renderImage(
            face({
              format,
              width: rotated ? 200 : 300,
              height: rotated ? 300 : 200,
              subject: 3,
              exifOrientation: o as 1,
            }),
          ),
        );
        expect(facts.orientation ?? 1, `${format} ${o}`).toBe(o);
        expect(matchLevel(upright.perceptualHash, facts.perceptualHash), `${format} ${o}`).toBe(5);
      }
    }
  });

  it("colour variants decode and keep the subject", async () => {
    const base = await inspectImage(await renderImage(face()));
    for (const [format, colour] of [
      ["jpeg", "grayscale"],
      ["jpeg", "cmyk"],
      ["png", "rgba"],
      ["png", "grayscale"],
    ] as const) {
      const facts = await inspectImage(await renderImage(face({ format, colour, progressive: true })));
      expect(facts.decodable).toBe(true);
      expect(matchLevel(base.perceptualHash, facts.perceptualHash), `${format} ${colour}`).toBeGreaterThanOrEqual(4);
    }
  });

  it("uniform content is 'no face'; faces, even 1×2000 ones, are not", async () => {
    expect((await inspectImage(await renderImage(face({ content: "uniform" })))).uniform).toBe(true);
    expect(
      (await inspectImage(await renderImage(face({ format: "png", content: "uniform", width: 1000, height: 20 }))))
        .uniform,
    ).toBe(true);
    expect((await inspectImage(await renderImage(face({ format: "png", width: 1, height: 2000 })))).uniform).toBe(
      false,
    );
    expect((await inspectImage(await renderImage(face({ format: "png", width: 1, height: 1 })))).uniform).toBe(true);
  });

  it("never throws on garbage", async () => {
    const garbage = [
      new Uint8Array(0),
      new Uint8Array(5000),
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff),
      new TextEncoder().encode("GIF89a"),
      Uint8Array.from([0xff, 0xd8, 0xff]),
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "),
      new TextEncoder().encode("BM"),
      await renderImage({ format: "pdf", width: 0, height: 0 }),
      await renderImage({ format: "text", width: 0, height: 0 }),
      await renderImage(face({ corruption: "bad-magic" })),
      await renderImage(face({ corruption: "zero-bytes" })),
    ];
    for (const bytes of garbage) {
      const facts = await inspectImage(bytes);
      expect(facts.decodable).toBe(false);
      expect(facts.bytes).toBe(bytes.length);
      expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect((await inspectImage(garbage[8]!)).format).toBe("pdf");
    expect((await inspectImage(garbage[10]!)).format).toBe("unknown");
  });

  it("uses the disk cache across processes (memory cleared)", async () => {
    const desc = face({ width: 640, height: 480, subject: 11 });
    await renderImage(desc);
    clearMemoryCache();
    const before = cacheStats.diskHits;
    await renderImage(desc);
    expect(cacheStats.diskHits).toBe(before + 1);
  });
});

describe("matchLevel", () => {
  it("maps Hamming distance bands to levels", () => {
    const zero = "0000000000000000";
    const withBits = (n: number): string =>
      BigInt.asUintN(64, (1n << BigInt(n)) - 1n)
        .toString(16)
        .padStart(16, "0");
    const levels = [0, 4, 5, 10, 11, 14, 15, 20, 21, 64].map((d) => matchLevel(zero, withBits(d)));
    expect(levels).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(matchLevel(null, zero)).toBe(1);
    expect(matchLevel("xyz", zero)).toBe(1);
  });

  it("same subject ≥ 4 across variants, sizes and formats; different subjects ≤ 2", async () => {
    const hashes: string[] = [];
    for (let s = 0; s < 16; s++) {
      const base = (await inspectImage(await renderImage(face({ width: 320, height: 320, subject: s }))))
        .perceptualHash!;
      hashes.push(base);
      for (const over of [{ variant: 1 }, { variant: 2 }, { format: "png" as const, width: 640, height: 600 }]) {
        const other = (await inspectImage(await renderImage(face({ width: 320, height: 320, subject: s, ...over }))))
          .perceptualHash;
        expect(
          matchLevel(base, other),
          `subject ${s} ${JSON.stringify(over)} d=${hammingDistance(base, other!)}`,
        ).toBeGreaterThanOrEqual(4);
      }
    }
    for (let a = 0; a < hashes.length; a++)
      for (let b = a + 1; b < hashes.length; b++)
        expect(matchLevel(hashes[a], hashes[b]), `${a} vs ${b}`).toBeLessThanOrEqual(2);
  });
});
