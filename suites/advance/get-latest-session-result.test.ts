// ADVANCE.AI Get Latest Session Result By UserId API:
// https://doc-center-acmp.advance.ai/docs/idvs-3-profile-get-latest-session-result
import { defineSuite } from "../../src/suite/define.ts";
import { accept, anything, captured, face, image, reject } from "../../src/suite/dsl.ts";

const user = { userId: captured("user") };
const enroll = {
  operationId: "advance.enroll",
  input: { set: { ...user, faceImage: image(face(41)) } },
  expect: accept(),
};
const cleanup = [{ operationId: "advance.deleteEnroll", input: { set: user }, expect: anything() }];

export default defineSuite(
  {
    operationId: "advance.getLatestSessionResult",
    cases: [
      {
        name: "unknown-user",
        title: 'an unknown userId gets "externalUserId does not exist."',
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
    ],
    auth: ["none", "wrong", "expired"],
    flows: [
      {
        name: "known-user-latest-session",
        title: "a known user's latest session, across all solution codes and for code 101",
        operationId: "advance.getLatestSessionResult",
        shared: { user: "userId" },
        needsRealFace: true,
        steps: [
          enroll,
          { operationId: "advance.getLatestSessionResult", input: { set: user }, expect: accept() },
          {
            operationId: "advance.getLatestSessionResult",
            input: { set: { ...user, solutionCode: "101" } },
            expect: accept(),
          },
        ],
        cleanup,
      },
      {
        name: "wrong-solution-code",
        title: 'an unknown solutionCode gets "solutionCode is wrong."',
        operationId: "advance.getLatestSessionResult",
        shared: { user: "userId" },
        needsRealFace: true,
        steps: [
          enroll,
          {
            operationId: "advance.getLatestSessionResult",
            input: { set: { ...user, solutionCode: "999999" } },
            expect: reject("out-of-range:solutionCode"),
          },
        ],
        cleanup,
      },
    ],
  },
  import.meta.url,
);
