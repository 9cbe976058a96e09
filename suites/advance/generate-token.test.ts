// ADVANCE.AI Token Authentication API: https://doc-center-acmp.advance.ai/docs/common-token-authentication-api
import { defineSuite } from "../../src/suite/define.ts";
import { accept, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "advance.generateToken",
    cases: [
      {
        name: "signed-request",
        title: "a correctly signed request gets SUCCESS with a token and expiredTime",
        kind: "positive",
        expect: accept(),
      },
      {
        name: "period-120-number",
        title: "periodSecond 120 as a number (the documented example)",
        kind: "positive",
        input: { set: { periodSecond: 120 } },
        expect: accept(),
      },
      {
        name: "period-120-string",
        title: 'periodSecond "120" as a string (the documented type)',
        kind: "positive",
        input: { set: { periodSecond: "120" } },
        expect: accept(),
      },
      {
        name: "period-minimum",
        title: "periodSecond at the documented minimum 60",
        kind: "positive",
        input: { set: { periodSecond: 60 } },
        expect: accept(),
      },
      {
        name: "period-maximum",
        title: "periodSecond at the documented maximum 86400",
        kind: "positive",
        input: { set: { periodSecond: 86400 } },
        expect: accept(),
      },
      {
        name: "period-below-minimum",
        title: "periodSecond 59 is below the documented minimum",
        kind: "negative",
        input: { set: { periodSecond: 59 } },
        expect: reject("out-of-range:periodSecond"),
      },
      {
        name: "period-above-maximum",
        title: "periodSecond 86401 is above the documented maximum",
        kind: "negative",
        input: { set: { periodSecond: 86401 } },
        expect: reject("out-of-range:periodSecond"),
      },
      {
        name: "stale-timestamp",
        title: 'a timestamp far from now gets "Timestamp error"',
        kind: "negative",
        input: { set: { timestamp: 1665993522952 } },
        expect: reject("out-of-range:timestamp"),
      },
      {
        name: "empty-access-key",
        title: "an empty accessKey",
        kind: "negative",
        input: { set: { accessKey: "" } },
        expect: reject("empty:accessKey", "auth-invalid"),
      },
      {
        name: "unsigned",
        title: "no accessKey, timestamp or signature",
        kind: "negative",
        input: { auth: "none" },
        expect: reject("missing:accessKey", "missing:timestamp", "missing:signature"),
      },
      {
        name: "wrong-signature",
        title: 'a signature made with the wrong secret gets "Signature error"',
        kind: "negative",
        input: { auth: "wrong" },
        expect: reject("auth-invalid"),
      },
      {
        name: "malformed-json",
        title: "a body that is not JSON",
        kind: "negative",
        input: { raw: { text: '{"accessKey":', contentType: "application/json" } },
        expect: reject("malformed-body"),
      },
    ],
  },
  import.meta.url,
);
