// ZOLOZ Connect unenroll: https://docs.zoloz.com/zoloz/saas/apireference/connect-unenroll
import { defineSuite } from "../../src/suite/define.ts";
import { accept, anything, captured, reject } from "../../src/suite/dsl.ts";

const ids = { bizId: captured("biz"), userId: captured("user") };

export default defineSuite(
  {
    operationId: "zoloz.connectUnenroll",
    cases: [
      {
        name: "unknown-user",
        title: "unenrolling a user never enrolled",
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
        name: "biz-id-33",
        title: "bizId of 33 characters",
        kind: "negative",
        input: { set: { bizId: "b".repeat(33) } },
        expect: reject("too-long:bizId"),
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
    flows: [
      {
        name: "enroll-then-unenroll",
        title: "an enrolled user is unenrolled with S / SUCCESS",
        operationId: "zoloz.connectUnenroll",
        shared: { biz: "bizId", user: "userId" },
        needsRealFace: true,
        steps: [
          { operationId: "zoloz.connectEnroll", input: { set: ids }, expect: accept() },
          { operationId: "zoloz.connectUnenroll", input: { set: ids }, expect: accept() },
        ],
        cleanup: [{ operationId: "zoloz.connectUnenroll", input: { set: ids }, expect: anything() }],
      },
    ],
  },
  import.meta.url,
);
