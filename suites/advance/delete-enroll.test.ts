// ADVANCE.AI Face Authentication Delete Enroll API: https://doc-center-acmp.advance.ai/docs/face-auth-delete-enroll-api
import { defineSuite } from "../../src/suite/define.ts";
import { absent, accept, anything, captured, face, image, present, reject } from "../../src/suite/dsl.ts";

const user = { userId: captured("user") };

export default defineSuite(
  {
    operationId: "advance.deleteEnroll",
    cases: [
      {
        name: "unknown-user",
        title: "deleting a userId never enrolled",
        kind: "negative",
        expect: reject("unknown-id"),
      },
      {
        name: "missing-user-id",
        title: "no userId",
        kind: "negative",
        input: { omit: ["userId"] },
        expect: reject("missing:userId"),
      },
      {
        name: "malformed-json",
        title: "a body that is not JSON",
        kind: "negative",
        input: { raw: { text: '{"userId": ', contentType: "application/json" } },
        expect: reject("malformed-body"),
      },
    ],
    auth: ["none", "wrong", "expired"],
    flows: [
      {
        name: "enroll-list-delete-list",
        title: "enroll → get-enroll lists it → delete-enroll → get-enroll no longer lists it",
        operationId: "advance.deleteEnroll",
        shared: { user: "userId" },
        needsRealFace: true,
        steps: [
          { operationId: "advance.enroll", input: { set: { ...user, faceImage: image(face(31)) } }, expect: accept() },
          { operationId: "advance.getEnroll", input: { set: user }, expect: present("user") },
          { operationId: "advance.deleteEnroll", input: { set: user }, expect: accept() },
          { operationId: "advance.getEnroll", input: { set: user }, expect: absent("user") },
        ],
        cleanup: [{ operationId: "advance.deleteEnroll", input: { set: user }, expect: anything() }],
      },
    ],
  },
  import.meta.url,
);
