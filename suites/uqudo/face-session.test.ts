// uqudo Face session API: https://docs.uqudo.com/docs/kyc/uqudo-api/face
import { defineSuite } from "../../src/suite/define.ts";
import { MB, accept, image, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "uqudo.faceSession",
    cases: [
      {
        name: "jpeg-photo",
        title: "a multipart JPEG idPhoto gets 201 with a sessionId",
        kind: "positive",
        needsRealFace: true,
        expect: accept(),
      },
      {
        name: "png-photo",
        title: "a multipart PNG idPhoto",
        kind: "positive",
        needsRealFace: true,
        input: { set: { idPhoto: image({ format: "png", subject: 61 }, "multipart") } },
        expect: accept(),
      },
      {
        name: "exactly-5mb",
        title: "a 5 MB photo (the documented maximum)",
        kind: "positive",
        needsRealFace: true,
        input: { set: { idPhoto: image({ width: 512, height: 512, targetBytes: 5 * MB, subject: 62 }, "multipart") } },
        expect: accept(),
      },
      {
        name: "over-5mb",
        title: "a photo over 5 MB gets 413",
        kind: "negative",
        input: { set: { idPhoto: image({ width: 512, height: 512, targetBytes: 5 * MB + 1 }, "multipart") } },
        expect: reject("image-too-large"),
      },
      {
        name: "gif",
        title: "a GIF gets 415",
        kind: "negative",
        input: { set: { idPhoto: image({ format: "gif" }, "multipart") } },
        expect: reject("image-format"),
      },
      {
        name: "missing-photo",
        title: "no idPhoto part gets 400",
        kind: "negative",
        input: { omit: ["idPhoto"], set: { note: "no photo" } },
        expect: reject("missing:idPhoto"),
      },
      {
        name: "json-body",
        title: "a JSON body where multipart is documented",
        kind: "negative",
        input: { raw: { text: '{"idPhoto": "x"}', contentType: "application/json" } },
        expect: reject("wrong-content-type"),
      },
    ],
    auth: ["none", "wrong", "expired"],
  },
  import.meta.url,
);
