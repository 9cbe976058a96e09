// uqudo Face match API: https://docs.uqudo.com/docs/kyc/uqudo-api/face
import { defineSuite } from "../../src/suite/define.ts";
import { MB, accept, face, image, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "uqudo.faceMatch",
    cases: [
      {
        name: "same-person",
        title: "two photos of one face get 200 with match and matchLevel",
        kind: "positive",
        needsRealFace: true,
        expect: accept(),
      },
      {
        name: "default-level",
        title: "minimumMatchLevel omitted (documented default 3)",
        kind: "positive",
        needsRealFace: true,
        input: { omit: ["minimumMatchLevel"] },
        expect: accept(),
      },
      {
        name: "level-1",
        title: "minimumMatchLevel 1 (documented minimum)",
        kind: "positive",
        needsRealFace: true,
        input: { set: { minimumMatchLevel: 1 } },
        expect: accept(),
      },
      {
        name: "level-5",
        title: "minimumMatchLevel 5 (documented maximum)",
        kind: "positive",
        needsRealFace: true,
        input: { set: { minimumMatchLevel: 5 } },
        expect: accept(),
      },
      {
        name: "different-people",
        title: "two different faces still get 200 (match false)",
        kind: "positive",
        needsRealFace: true,
        input: { set: { targetImage: image(face(8)) } },
        expect: accept(),
      },
      {
        name: "level-0",
        title: "minimumMatchLevel 0 is outside 1..5",
        kind: "negative",
        input: { set: { minimumMatchLevel: 0 } },
        expect: reject("out-of-range:minimumMatchLevel"),
      },
      {
        name: "level-6",
        title: "minimumMatchLevel 6 is outside 1..5",
        kind: "negative",
        input: { set: { minimumMatchLevel: 6 } },
        expect: reject("out-of-range:minimumMatchLevel"),
      },
      {
        name: "level-2.5",
        title: "minimumMatchLevel 2.5 is not an integer",
        kind: "negative",
        input: { set: { minimumMatchLevel: 2.5 } },
        expect: reject("wrong-type:minimumMatchLevel"),
      },
      {
        name: "missing-source",
        title: "no sourceImage",
        kind: "negative",
        input: { omit: ["sourceImage"] },
        expect: reject("missing:sourceImage"),
      },
      {
        name: "empty-target",
        title: "an empty targetImage (minLength 1)",
        kind: "negative",
        input: { set: { targetImage: "" } },
        expect: reject("empty:targetImage"),
      },
      {
        name: "over-5mb",
        title: "a source image over 5 MB gets 413",
        kind: "negative",
        input: { set: { sourceImage: image({ width: 512, height: 512, targetBytes: 5 * MB + 1 }) } },
        expect: reject("image-too-large"),
      },
      {
        name: "gif",
        title: "a GIF gets 415",
        kind: "negative",
        input: { set: { sourceImage: image({ format: "gif" }) } },
        expect: reject("image-format"),
      },
      {
        name: "malformed-json",
        title: "a body that is not JSON gets 400",
        kind: "negative",
        input: { raw: { text: '{"sourceImage": ', contentType: "application/json" } },
        expect: reject("malformed-body"),
      },
    ],
    auth: ["none", "wrong", "expired"],
    fuzz: ["image", "params"],
  },
  import.meta.url,
);
