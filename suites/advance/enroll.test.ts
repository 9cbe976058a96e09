// ADVANCE.AI Face Authentication Save Enroll API: https://doc-center-acmp.advance.ai/docs/face-auth-save-enroll-api
import { defineSuite } from "../../src/suite/define.ts";
import { MB, accept, acceptUnder, image, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "advance.enroll",
    cases: [
      { name: "jpeg-face", title: "a Base64 JPEG face, valid userId and region", kind: "positive", needsRealFace: true, expect: accept() },
      { name: "png-face", title: "a Base64 PNG face", kind: "positive", needsRealFace: true, input: { set: { faceImage: image({ format: "png", subject: 2 }) } }, expect: accept() },
      { name: "url-face", title: "faceImage as an http URL", kind: "positive", needsRealFace: true, input: { set: { faceImage: image({ subject: 3 }, "url") } }, expect: accept() },
      { name: "smallest-dimensions", title: "256×256 is the documented minimum", kind: "positive", needsRealFace: true, input: { set: { faceImage: image({ width: 256, height: 256, subject: 4 }) } }, expect: accept() },
      { name: "just-under-2mb", title: "a file just under 2 MB in either reading (1,995,904 bytes)", kind: "positive", needsRealFace: true, input: { set: { faceImage: image({ width: 512, height: 512, targetBytes: 2_000_000 - 4096, subject: 5 }) } }, expect: accept() },
      { name: "2000000-bytes", title: "2,000,000 bytes: under 2M as 2 MiB, not as 2,000,000 (advance-image-size-measure)", kind: "positive", needsRealFace: true, input: { set: { faceImage: image({ width: 512, height: 512, targetBytes: 2_000_000, subject: 5 }) } }, expect: acceptUnder("advance-image-size-measure") },
      { name: "2097151-bytes", title: "one byte under 2 MiB: under 2M as 2 MiB only (advance-image-size-measure)", kind: "positive", needsRealFace: true, input: { set: { faceImage: image({ width: 512, height: 512, targetBytes: 2 * MB - 1, subject: 5 }) } }, expect: acceptUnder("advance-image-size-measure") },
      { name: "region-alpha-2", title: "region as ISO alpha-2 (PH) gets \"Region is wrong\"", kind: "negative", input: { set: { region: "PH" } }, expect: reject("region-invalid") },
      { name: "region-lower-case", title: "region in lower case", kind: "negative", input: { set: { region: "phl" } }, expect: reject("region-invalid") },
      { name: "region-unknown", title: "an alpha-3 code that is not a country", kind: "negative", input: { set: { region: "ZZZ" } }, expect: reject("region-invalid") },
      { name: "missing-region", title: "no region", kind: "negative", input: { omit: ["region"] }, expect: reject("missing:region") },
      { name: "missing-user-id", title: "no userId", kind: "negative", input: { omit: ["userId"] }, expect: reject("missing:userId") },
      { name: "empty-user-id", title: "an empty userId gets \"UserId is invalid\"", kind: "negative", input: { set: { userId: "" } }, expect: reject("empty:userId") },
      { name: "missing-face-image", title: "no faceImage", kind: "negative", input: { omit: ["faceImage"] }, expect: reject("missing:faceImage") },
      { name: "empty-face-image", title: "an empty faceImage gets \"Face image is empty\"", kind: "negative", input: { set: { faceImage: "" } }, expect: reject("empty:faceImage") },
      { name: "zero-byte-image", title: "a zero-byte image", kind: "negative", input: { set: { faceImage: image({ format: "empty" }) } }, expect: reject("image-empty") },
      { name: "exactly-2mb", title: "a 2 MB file: the docs say the size must be less than 2M", kind: "negative", input: { set: { faceImage: image({ width: 512, height: 512, targetBytes: 2 * MB }) } }, expect: reject("image-too-large") },
      { name: "over-2mb", title: "a file over 2 MB", kind: "negative", input: { set: { faceImage: image({ width: 512, height: 512, targetBytes: 2 * MB + 1 }) } }, expect: reject("image-too-large") },
      { name: "255-wide", title: "255×300 is under the 256×256 minimum", kind: "negative", input: { set: { faceImage: image({ width: 255, height: 300 }) } }, expect: reject("image-dimensions") },
      { name: "4097-wide", title: "4097×300 is over the 4096×4096 maximum", kind: "negative", input: { set: { faceImage: image({ width: 4097, height: 300 }) } }, expect: reject("image-dimensions") },
      { name: "gif", title: "a GIF gets \"Invalid image format\"", kind: "negative", input: { set: { faceImage: image({ format: "gif" }) } }, expect: reject("image-format") },
      { name: "webp", title: "a WebP image", kind: "negative", input: { set: { faceImage: image({ format: "webp" }) } }, expect: reject("image-format") },
      { name: "truncated-jpeg", title: "a truncated JPEG gets \"Face image cannot decode\"", kind: "negative", input: { set: { faceImage: image({ corruption: "truncated" }) } }, expect: reject("image-undecodable") },
      { name: "not-base64", title: "faceImage that is neither Base64 nor a URL", kind: "negative", input: { set: { faceImage: "7ac66c0f148de9519b8bd264312c4d64!" } }, expect: reject("image-undecodable") },
      { name: "unreachable-url", title: "a URL that cannot be downloaded gets \"Face image cannot download\"", kind: "negative", input: { set: { faceImage: "http://face-images.invalid/missing.jpg" } }, expect: reject("image-unreachable") },
      { name: "no-face", title: "a near-uniform image (no face) gets IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE", kind: "negative", input: { set: { faceImage: image({ content: "uniform" }) } }, expect: reject("image-no-face") },
      { name: "malformed-json", title: "a body that is not JSON", kind: "negative", input: { raw: { text: '{"userId": "x", ', contentType: "application/json" } }, expect: reject("malformed-body") },
    ],
    auth: ["none", "wrong", "expired"],
    fuzz: ["image", "params"],
  },
  import.meta.url,
);
