// uqudo 1:N Search Insert API: https://docs.uqudo.com/docs/kyc/uqudo-api/face
import { defineSuite } from "../../src/suite/define.ts";
import { MB, accept, image, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "uqudo.faceSearchInsert",
    cases: [
      {
        name: "insert-jpeg",
        title: "a Base64 JPEG is inserted and gets a oneToNVerificationId",
        kind: "positive",
        needsRealFace: true,
        expect: accept(),
      },
      {
        name: "insert-png",
        title: "a Base64 PNG is inserted",
        kind: "positive",
        needsRealFace: true,
        input: { set: { idPhoto: image({ format: "png", subject: 931 }) } },
        expect: accept(),
      },
      {
        name: "missing-photo",
        title: "no idPhoto",
        kind: "negative",
        input: { omit: ["idPhoto"] },
        expect: reject("missing:idPhoto"),
      },
      {
        name: "over-5mb",
        title: "a photo over 5 MB gets 413",
        kind: "negative",
        input: { set: { idPhoto: image({ width: 512, height: 512, targetBytes: 5 * MB + 1 }) } },
        expect: reject("image-too-large"),
      },
      {
        name: "bmp",
        title: "a BMP gets 415",
        kind: "negative",
        input: { set: { idPhoto: image({ format: "bmp" }) } },
        expect: reject("image-format"),
      },
    ],
    auth: ["none", "wrong", "expired"],
  },
  import.meta.url,
);
