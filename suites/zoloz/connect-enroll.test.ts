// ZOLOZ Connect enroll: https://docs.zoloz.com/zoloz/saas/apireference/connect-enroll
import { defineSuite } from "../../src/suite/define.ts";
import { MB, accept, generated, image, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "zoloz.connectEnroll",
    cases: [
      {
        name: "jpeg-face",
        title: "bizId, userId and a Base64 JPG face get S / SUCCESS with a transactionId",
        kind: "positive",
        needsRealFace: true,
        expect: accept(),
      },
      {
        name: "max-lengths",
        title: "bizId of 32 and userId of 64 characters (the documented maxima)",
        kind: "positive",
        needsRealFace: true,
        input: { set: { bizId: generated("bizId", 32), userId: generated("userId", 64) } },
        expect: accept(),
      },
      {
        name: "under-1mb-both-readings",
        title: "a 700 kB JPG: under 1 MB as bytes and as Base64 text",
        kind: "positive",
        needsRealFace: true,
        input: { set: { base64ImageContent: image({ width: 512, height: 512, targetBytes: 700_000, subject: 51 }) } },
        expect: accept(),
      },
      {
        name: "biz-id-33",
        title: "bizId of 33 characters",
        kind: "negative",
        input: { set: { bizId: "b".repeat(33) } },
        expect: reject("too-long:bizId"),
      },
      {
        name: "user-id-65",
        title: "userId of 65 characters",
        kind: "negative",
        input: { set: { userId: "u".repeat(65) } },
        expect: reject("too-long:userId"),
      },
      {
        name: "missing-biz-id",
        title: "no bizId",
        kind: "negative",
        input: { omit: ["bizId"] },
        expect: reject("missing:bizId"),
      },
      {
        name: "missing-user-id",
        title: "no userId",
        kind: "negative",
        input: { omit: ["userId"] },
        expect: reject("missing:userId"),
      },
      {
        name: "missing-image",
        title: "no base64ImageContent",
        kind: "negative",
        input: { omit: ["base64ImageContent"] },
        expect: reject("missing:base64ImageContent"),
      },
      {
        name: "empty-image",
        title: "an empty base64ImageContent",
        kind: "negative",
        input: { set: { base64ImageContent: "" } },
        expect: reject("empty:base64ImageContent"),
      },
      {
        name: "over-1mb",
        title: "a JPG over 1 MB",
        kind: "negative",
        input: { set: { base64ImageContent: image({ width: 512, height: 512, targetBytes: MB + 1 }) } },
        expect: reject("image-too-large"),
      },
      {
        name: "gif",
        title: "a GIF where a JPG is documented",
        kind: "negative",
        input: { set: { base64ImageContent: image({ format: "gif" }) } },
        expect: reject("image-format"),
      },
      {
        name: "truncated-jpeg",
        title: "a truncated JPG",
        kind: "negative",
        input: { set: { base64ImageContent: image({ corruption: "truncated" }) } },
        expect: reject("image-undecodable"),
      },
      {
        name: "no-face",
        title: "an image without a face gets UNABLE_GET_IMAGE",
        kind: "negative",
        input: { set: { base64ImageContent: image({ content: "uniform" }) } },
        expect: reject("image-no-face"),
      },
      {
        name: "malformed-json",
        title: "a body that is not JSON gets MSG_PARSE_ERROR",
        kind: "negative",
        input: { raw: { text: '{"bizId": ', contentType: "application/json; charset=UTF-8" } },
        expect: reject("malformed-body"),
      },
    ],
    auth: ["none", "wrong"],
    fuzz: ["image", "params"],
  },
  import.meta.url,
);
