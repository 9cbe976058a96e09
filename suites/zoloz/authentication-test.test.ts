// ZOLOZ gateway probe (vendor SDK samples): POST /api/v1/zoloz/authentication/test echoes its body.
import { defineSuite } from "../../src/suite/define.ts";
import { accept, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "zoloz.authenticationTest",
    cases: [
      {
        name: "signed-probe",
        title: "a signed probe is answered and its response signature verifies",
        kind: "positive",
        expect: accept(),
      },
      {
        name: "unicode-probe",
        title: "a probe body with non-ASCII text (the signature covers UTF-8 bytes)",
        kind: "positive",
        input: { set: { title: "ünïcødé ✓ 你好" } },
        expect: accept(),
      },
      {
        name: "malformed-json",
        title: "a body that is not JSON gets MSG_PARSE_ERROR",
        kind: "negative",
        input: { raw: { text: "{not json", contentType: "application/json; charset=UTF-8" } },
        expect: reject("malformed-body"),
      },
    ],
    auth: ["none", "wrong"],
  },
  import.meta.url,
);
