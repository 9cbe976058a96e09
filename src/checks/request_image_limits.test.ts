import { describe, expect, it } from "vitest";
import { renderImage, type ImageDescription } from "../images/index.ts";
import { requestImageLimits } from "./request_image_limits.ts";
import { runClientCheck } from "./testing/request.ts";

const enroll = async (desc: ImageDescription) =>
  runClientCheck(requestImageLimits, "advance.enroll", {
    headers: { "x-access-token": "t" },
    json: { userId: "u1", region: "PHL", faceImage: Buffer.from(await renderImage(desc)).toString("base64") },
  });

describe("request_image_limits", () => {
  it("passes a face JPEG within ADVANCE's documented size and dimensions", async () => {
    expect(await enroll({ format: "jpeg", width: 512, height: 512 })).toEqual([]);
  });

  it("fails an image above the documented byte size, decoded from the real bytes", async () => {
    const found = await enroll({ format: "jpeg", width: 512, height: 512, targetBytes: 3 * 1024 * 1024 });
    expect(found).toEqual([
      expect.objectContaining({
        check: "request_image_limits",
        pointer: "/faceImage",
        severity: "failure",
        actual: expect.any(Number),
      }),
    ]);
    expect(found[0]!.message).toContain("image-too-large");
  });

  it("fails dimensions below 256×256 and a format the docs do not list", async () => {
    expect((await enroll({ format: "jpeg", width: 128, height: 128 })).map((f) => f.message)).toEqual([
      expect.stringContaining("image-dimensions"),
    ]);
    expect((await enroll({ format: "gif", width: 512, height: 512 })).map((f) => f.message)).toEqual([
      expect.stringContaining("image-format"),
    ]);
  });

  it("reports a near-uniform picture (the kit's 'no face') as a warning only", async () => {
    const found = await enroll({ format: "jpeg", width: 512, height: 512, content: "uniform" });
    expect(found.map((f) => [f.severity, f.actual])).toEqual([["warning", "image-no-face"]]);
  });
});
