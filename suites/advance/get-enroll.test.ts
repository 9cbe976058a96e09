// ADVANCE.AI Face Authentication Get Enroll API: https://doc-center-acmp.advance.ai/docs/face-auth-get-enroll-api
import { defineSuite } from "../../src/suite/define.ts";
import { accept, anything, captured, face, image, present, reject } from "../../src/suite/dsl.ts";
import type { FlowStep } from "../../src/suite/types.ts";

const enrollAs = (subject: number): FlowStep => ({
  operationId: "advance.enroll",
  input: { set: { userId: captured("user"), faceImage: image(face(subject)) } },
  expect: accept(),
});

export default defineSuite(
  {
    operationId: "advance.getEnroll",
    cases: [
      {
        name: "unknown-user",
        title: 'a userId never enrolled gets "UserId is invalid"',
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
        name: "empty-user-id",
        title: "an empty userId",
        kind: "negative",
        input: { set: { userId: "" } },
        expect: reject("empty:userId"),
      },
      {
        name: "numeric-user-id",
        title: "userId as a JSON number",
        kind: "negative",
        input: { set: { userId: 12345 } },
        expect: reject("wrong-type:userId"),
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
        name: "enroll-then-list",
        title: "an enrolled face is listed by get-enroll",
        operationId: "advance.getEnroll",
        shared: { user: "userId" },
        needsRealFace: true,
        steps: [
          enrollAs(11),
          { operationId: "advance.getEnroll", input: { set: { userId: captured("user") } }, expect: present("user") },
        ],
        cleanup: [
          { operationId: "advance.deleteEnroll", input: { set: { userId: captured("user") } }, expect: anything() },
        ],
      },
      {
        name: "six-enrolls-keep-five",
        title: 'after six enrolls get-enroll lists at most five image URLs ("Up to 5 images")',
        operationId: "advance.getEnroll",
        shared: { user: "userId" },
        needsRealFace: true,
        steps: [21, 22, 23, 24, 25, 26]
          .map(enrollAs)
          .concat([
            { operationId: "advance.getEnroll", input: { set: { userId: captured("user") } }, expect: present("user") },
          ]),
        cleanup: [
          { operationId: "advance.deleteEnroll", input: { set: { userId: captured("user") } }, expect: anything() },
        ],
      },
    ],
  },
  import.meta.url,
);
