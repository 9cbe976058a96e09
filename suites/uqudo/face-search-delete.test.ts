// uqudo 1:N Search Delete API: https://docs.uqudo.com/docs/kyc/uqudo-api/face
import { defineSuite } from "../../src/suite/define.ts";
import { absent, accept, anything, captured, face, image, reject } from "../../src/suite/dsl.ts";

const id = { pathParams: { oneToNVerificationId: captured("face") } };

export default defineSuite(
  {
    operationId: "uqudo.faceSearchDelete",
    cases: [
      {
        name: "unknown-id",
        title: "deleting an unknown oneToNVerificationId gets 404",
        kind: "negative",
        expect: reject("unknown-id"),
      },
    ],
    auth: ["none", "wrong", "expired"],
    flows: [
      {
        name: "insert-delete-delete",
        title: "insert → delete gets 204 → delete again gets 404",
        operationId: "uqudo.faceSearchDelete",
        needsRealFace: true,
        steps: [
          {
            operationId: "uqudo.faceSearchInsert",
            input: { set: { idPhoto: image(face(941)) } },
            expect: accept(),
            capture: { face: "/oneToNVerificationId" },
          },
          { operationId: "uqudo.faceSearchDelete", input: id, expect: accept() },
          { operationId: "uqudo.faceSearchDelete", input: id, expect: absent("face") },
        ],
        cleanup: [{ operationId: "uqudo.faceSearchDelete", input: id, expect: anything() }],
      },
    ],
  },
  import.meta.url,
);
