// uqudo OAuth token: https://docs.uqudo.com/docs/kyc/uqudo-api/authorisation
import { defineSuite } from "../../src/suite/define.ts";
import { accept, reject } from "../../src/suite/dsl.ts";

export default defineSuite(
  {
    operationId: "uqudo.oauthToken",
    cases: [
      {
        name: "client-credentials",
        title: "client credentials get an access token, bearer, expires_in",
        kind: "positive",
        expect: accept(),
      },
      {
        name: "wrong-secret",
        title: "a wrong client secret gets 401",
        kind: "negative",
        input: { auth: "wrong" },
        expect: reject("auth-invalid"),
      },
      {
        name: "no-credentials",
        title: "no client_id or client_secret",
        kind: "negative",
        input: { auth: "none", set: { grant_type: "client_credentials" } },
        expect: reject("missing:client_id", "missing:client_secret"),
      },
      {
        name: "wrong-grant",
        title: "grant_type password",
        kind: "negative",
        input: { set: { grant_type: "password" } },
        expect: reject("out-of-range:grant_type"),
      },
    ],
  },
  import.meta.url,
);
