// uqudo 1:N Search API: https://docs.uqudo.com/docs/kyc/uqudo-api/face
import { defineSuite } from "../../src/suite/define.ts";
import { MB, accept, anything, captured, face, image, present, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "uqudo.faceSearch",
    cases: [
      {
        name: "search-only",
        title: "a search without insert gets 200",
        kind: "positive",
        needsRealFace: true,
        expect: accept(),
      },
      {
        name: "search-and-insert",
        title: "insert true adds the photo when not found",
        kind: "positive",
        needsRealFace: true,
        input: { set: { idPhoto: image(face(911)), insert: true } },
        expect: accept(),
      },
      {
        name: "insert-as-string",
        title: 'insert as the string "true"',
        kind: "negative",
        input: { set: { insert: "true" } },
        expect: reject("wrong-type:insert"),
      },
      {
        name: "missing-photo",
        title: "no idPhoto",
        kind: "negative",
        input: { omit: ["idPhoto"] },
        expect: reject("missing:idPhoto"),
      },
      {
        name: "gif",
        title: "a GIF gets 415",
        kind: "negative",
        input: { set: { idPhoto: image({ format: "gif" }) } },
        expect: reject("image-format"),
      },
      {
        name: "over-5mb",
        title: "a photo over 5 MB gets 413",
        kind: "negative",
        input: { set: { idPhoto: image({ width: 512, height: 512, targetBytes: 5 * MB + 1 }) } },
        expect: reject("image-too-large"),
      },
    ],
    auth: ["none", "wrong", "expired"],
    flows: [
      {
        name: "insert-then-search",
        title: "a face inserted by 1:N insert is found by 1:N search",
        operationId: "uqudo.faceSearch",
        needsRealFace: true,
        steps: [
          // A shared gallery may already hold this face (an earlier run): whatever this search finds is a copy of it.
          { operationId: "uqudo.faceSearch", input: { set: { idPhoto: image(face(921, 1)) } }, expect: accept() },
          {
            operationId: "uqudo.faceSearchInsert",
            input: { set: { idPhoto: image(face(921)) } },
            expect: accept(),
            capture: { face: "/oneToNVerificationId" },
          },
          {
            operationId: "uqudo.faceSearch",
            input: { set: { idPhoto: image(face(921, 1)) } },
            expect: present("face"),
          },
        ],
        cleanup: [
          {
            operationId: "uqudo.faceSearchDelete",
            input: { pathParams: { oneToNVerificationId: captured("face") } },
            expect: anything(),
          },
        ],
      },
    ],
    fuzz: ["image"],
  },
  import.meta.url,
);
