// deriveFromPhoto against an independent reader: inspectImage (header parsing + a full sharp decode) and the oracle
// must see in every derived image exactly what its description promises, whatever the photo's own shape.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exifRotatedJpegPhoto, largeJpegPhoto, smallPngPhoto } from "../../test/testing/photos.ts";
import { buildRequest, type BuildContext } from "../suite/build.ts";
import { image } from "../suite/dsl.ts";
import { validFace } from "../suite/defaults.ts";
import type { ImageLimits } from "../openapi/types.ts";
import { cacheStats } from "./cache.ts";
import { DERIVED_NATURAL_MAX_BYTES, deriveFromPhoto, derivesFromPhoto, UnderivableImage } from "./derive.ts";
import { inspectImage, matchLevel, violationsFor, violationsFromFacts, type ImageDescription } from "./index.ts";

const MB = 1024 * 1024;
/** ADVANCE enroll's documented limits (specs/advance.yaml x-image): the strictest of the three vendors. */
const LIMITS: ImageLimits = {
  formats: ["jpeg", "png"],
  maxBytes: 2 * MB,
  exclusiveMaxBytes: true,
  minWidth: 256,
  minHeight: 256,
  maxWidth: 4096,
  maxHeight: 4096,
  transports: ["base64", "url"],
  source: "test",
};

const face = (over: Partial<ImageDescription>): ImageDescription => ({
  format: "jpeg",
  width: 320,
  height: 320,
  content: "face",
  subject: 1,
  ...over,
});

/** What the suites ask of a face, accepted and rejected alike. */
const DESCRIPTIONS: ImageDescription[] = [
  face({}),
  face({ width: 256, height: 256 }),
  face({ width: 255, height: 300 }),
  face({ width: 4097, height: 300 }),
  face({ width: 512, height: 512, targetBytes: 2 * MB - 4096 }),
  face({ width: 512, height: 512, targetBytes: 2 * MB }),
  face({ width: 512, height: 512, targetBytes: 2 * MB + 1 }),
  face({ format: "png" }),
  face({ format: "png", colour: "rgba", progressive: true }),
  face({ format: "png", targetBytes: 1 * MB }),
  face({ format: "gif" }),
  face({ format: "webp" }),
  face({ format: "bmp" }),
  face({ corruption: "truncated" }),
  face({ corruption: "bad-magic" }),
  face({ colour: "cmyk" }),
  face({ colour: "grayscale", progressive: true }),
  face({ exifOrientation: 6, width: 300, height: 400 }),
  face({ declaredDimensions: { width: 20000, height: 20000 } }),
];

let photos: Array<[string, Uint8Array]>;
let cacheDir: string;

beforeAll(async () => {
  // Derived faces are a real person's: they must never reach the disk cache.
  cacheDir = mkdtempSync(join(tmpdir(), "ekyc-derive-cache-"));
  process.env["EKYC_IMAGE_CACHE_DIR"] = cacheDir;
  photos = [
    ["300x300 PNG", await smallPngPhoto()],
    ["3000x4000 JPEG", await largeJpegPhoto()],
    ["EXIF-rotated JPEG", await exifRotatedJpegPhoto()],
  ];
}, 60_000);

afterAll(() => {
  delete process.env["EKYC_IMAGE_CACHE_DIR"];
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("deriveFromPhoto", () => {
  it("the test photos have the shapes users send", async () => {
    const [small, large, rotated] = await Promise.all(photos.map(([, p]) => sharp(p).metadata()));
    expect(small).toMatchObject({ format: "png", width: 300, height: 300 });
    expect(large).toMatchObject({ format: "jpeg", width: 3000, height: 4000 });
    expect(photos[1]![1].length).toBeGreaterThan(2 * MB);
    expect(rotated).toMatchObject({ format: "jpeg", width: 640, height: 480, orientation: 6 });
  });

  it("every derived image is what its description says, to inspectImage and to the oracle, from every photo", async () => {
    for (const [name, photo] of photos) {
      for (const desc of DESCRIPTIONS) {
        const label = `${name} → ${JSON.stringify(desc)}`;
        const bytes = await deriveFromPhoto(photo, desc);
        const facts = await inspectImage(bytes);
        expect(violationsFromFacts(facts, LIMITS), label).toEqual(violationsFor(desc, LIMITS));
        if (desc.corruption === "bad-magic") continue;
        const header = desc.declaredDimensions ?? desc;
        expect({ format: facts.format, width: facts.width, height: facts.height }, label).toEqual({
          format: desc.format,
          width: header.width,
          height: header.height,
        });
        if (desc.targetBytes && desc.format !== "png") expect(facts.bytes, label).toBe(desc.targetBytes);
        if (!desc.targetBytes) expect(facts.bytes, label).toBeLessThanOrEqual(DERIVED_NATURAL_MAX_BYTES);
        if (!desc.corruption && !desc.declaredDimensions)
          expect({ decodable: facts.decodable, uniform: facts.uniform }, label).toEqual({
            decodable: true,
            uniform: false,
          });
        if (desc.corruption === "truncated") expect(facts.decodable, label).toBe(false);
      }
    }
  }, 120_000);

  it("the photo's own orientation, size and format do not change who is in the picture", async () => {
    // Same proportions as the photos' upright view (1:1 and 3:4), so only the person decides the perceptual hash.
    const [small, large, rotated] = photos.map(([, p]) => p);
    const hash = async (photo: Uint8Array, desc: ImageDescription) =>
      (await inspectImage(await deriveFromPhoto(photo, desc))).perceptualHash!;
    const upright = face({ width: 300, height: 400 });
    const reference = await hash(large!, upright);
    expect(matchLevel(reference, await hash(rotated!, upright))).toBeGreaterThanOrEqual(4);
    expect(
      matchLevel(
        reference,
        await hash(rotated!, { ...upright, format: "png", exifOrientation: 8, width: 400, height: 300 }),
      ),
    ).toBeGreaterThanOrEqual(4);
    expect(matchLevel(reference, await hash(large!, { ...upright, variant: 1 }))).toBeGreaterThanOrEqual(4);
    expect(
      matchLevel(
        await hash(small!, face({})),
        await hash(small!, face({ format: "webp", colour: "grayscale", width: 1000, height: 1000 })),
      ),
    ).toBeGreaterThanOrEqual(4);
  });

  it("stores pixels so that applying each EXIF orientation shows the upright photo, pixel for pixel", async () => {
    const photo = photos[0]![1];
    const view = async (desc: ImageDescription) =>
      sharp(await deriveFromPhoto(photo, desc))
        .rotate()
        .raw()
        .toBuffer();
    const upright = await view(face({ format: "png", width: 30, height: 40 }));
    for (const o of [2, 3, 4, 5, 6, 7, 8] as const) {
      const stored = o >= 5 ? { width: 40, height: 30 } : { width: 30, height: 40 };
      expect(
        Buffer.compare(await view(face({ format: "png", exifOrientation: o, ...stored })), upright),
        `orientation ${o}`,
      ).toBe(0);
    }
  });

  it("sends none of the photo's own metadata", async () => {
    const tagged = await sharp(photos[0]![1])
      .jpeg()
      .withExif({ IFD0: { Make: "AcmeCam", Model: "Secret Model 9" } })
      .toBuffer();
    expect(tagged.includes("AcmeCam")).toBe(true);
    for (const desc of [face({}), face({ exifOrientation: 6, width: 320, height: 240 })]) {
      const bytes = Buffer.from(await deriveFromPhoto(tagged, desc));
      expect(bytes.includes("AcmeCam") || bytes.includes("Secret Model")).toBe(false);
    }
  });

  it("a description the photo cannot meet is an UnderivableImage naming what and why", async () => {
    const large = photos[1]![1];
    const small = face({ format: "bmp", width: 2000, height: 2000, targetBytes: 100_000 });
    await expect(deriveFromPhoto(large, small)).rejects.toThrow(UnderivableImage);
    await expect(deriveFromPhoto(large, small)).rejects.toThrow(
      /cannot be made into bmp 2000x2000 .*more than the 100000 bytes the case pads it to/,
    );
    await expect(deriveFromPhoto(new TextEncoder().encode("not a photo"), face({}))).rejects.toThrow(
      /CONFORMANCE_FACE_IMAGE cannot be decoded as an image/,
    );
  });

  it("derives only faces in pixel formats; caches in memory and writes nothing to disk", async () => {
    expect(derivesFromPhoto(face({}))).toBe(true);
    expect(derivesFromPhoto(face({ content: "uniform" }))).toBe(false);
    expect(derivesFromPhoto(face({ format: "pdf" }))).toBe(false);
    const desc = face({ width: 333, height: 333 });
    const before = cacheStats.renders;
    const first = await deriveFromPhoto(photos[0]![1], desc);
    const second = await deriveFromPhoto(photos[0]![1], desc);
    expect(cacheStats.renders).toBe(before + 1);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});

describe("buildRequest with a face photo", () => {
  const context = (photo: Uint8Array, identityMatters = false, otherFace?: Uint8Array): BuildContext => ({
    newId: () => "ekc000000-u1",
    captured: new Map(),
    imageUrl: async () => "http://unused.invalid",
    realFace: photo,
    ...(otherFace ? { otherFace } : {}),
    ...(identityMatters ? { identityMatters } : {}),
  });

  it("sends the photo made into the case's image, never the photo as it is", async () => {
    const photo = photos[1]![1];
    const request = await buildRequest(
      "advance.enroll",
      { set: { faceImage: image({ width: 4097, height: 300 }) } },
      context(photo),
    );
    const sent = Buffer.from((request.body as { value: { faceImage: string } }).value.faceImage, "base64");
    expect(sent.equals(Buffer.from(photo))).toBe(false);
    expect(await inspectImage(sent)).toMatchObject({
      format: "jpeg",
      width: 4097,
      height: 300,
      decodable: true,
      uniform: false,
    });
    const uniform = await buildRequest(
      "advance.enroll",
      { set: { faceImage: image({ content: "uniform" }) } },
      context(photo),
    );
    expect(
      (await inspectImage(Buffer.from((uniform.body as { value: { faceImage: string } }).value.faceImage, "base64")))
        .uniform,
    ).toBe(true);
  });

  it("two different people in one request cannot come from one photo when the case is about who is pictured", async () => {
    const photo = photos[0]![1];
    const input = { set: { targetImage: image({ subject: 8 }) } };
    await expect(buildRequest("uqudo.faceMatch", input, context(photo, true))).rejects.toThrow(/two different people/);
    await expect(buildRequest("uqudo.faceMatch", {}, context(photo, true))).resolves.toBeDefined();
    await expect(buildRequest("uqudo.faceMatch", input, context(photo, false))).resolves.toBeDefined();
  });

  it("the second person a case names comes from the other photo, the first from the face photo", async () => {
    const [photo, other] = [photos[0]![1], photos[2]![1]];
    const request = await buildRequest(
      "uqudo.faceMatch",
      { set: { targetImage: image({ subject: 8 }) } },
      context(photo, true, other),
    );
    const body = (request.body as { value: Record<string, string> }).value;
    const source = Buffer.from(body["sourceImage"]!, "base64");
    const target = Buffer.from(body["targetImage"]!, "base64");
    expect(source.equals(Buffer.from(await deriveFromPhoto(photo, validFace(7))))).toBe(true);
    expect(target.equals(Buffer.from(await deriveFromPhoto(other, { ...validFace(), subject: 8 })))).toBe(true);
  });
});
