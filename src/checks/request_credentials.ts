// Client side (the proxy): a secured operation's request carries the credential its vendor's scheme names — the raw
// ADVANCE token in X-ACCESS-TOKEN, a uqudo "Authorization: Bearer <token>", a ZOLOZ Signature (verified by
// request_signature). Presence only: whether a token is valid is the vendor's answer to judge.
import { ADVANCE_TOKEN_HEADER } from "../auth/advance.ts";
import { bearerToken } from "../auth/uqudo.ts";
import type { Vendor } from "../types.ts";
import { finding, type Check } from "./types.ts";

const SCHEME: Record<
  Vendor,
  { header: string; present: (value: string | undefined) => boolean; expected: string; pointer: string }
> = {
  advance: {
    header: ADVANCE_TOKEN_HEADER,
    present: (v) => (v ?? "").trim() !== "",
    expected: "X-ACCESS-TOKEN: <token from generateToken>",
    pointer: "specs/advance.yaml#/components/securitySchemes/accessToken",
  },
  uqudo: {
    header: "authorization",
    present: (v) => bearerToken(v) !== undefined,
    expected: "Authorization: Bearer <access_token>",
    pointer: "specs/uqudo.yaml#/components/securitySchemes/bearerAuth",
  },
  zoloz: {
    header: "signature",
    present: (v) => (v ?? "").trim() !== "",
    expected: "Signature: algorithm=RSA256, signature=<sig>",
    pointer: "specs/zoloz.yaml#/components/securitySchemes/zolozSignature",
  },
};

export const requestCredentials: Check = {
  name: "request_credentials",
  wfc: 205,
  rule: "Every secured operation is called with its vendor's credential: ADVANCE X-ACCESS-TOKEN, uqudo Authorization: Bearer, ZOLOZ Signature.",
  appliesTo: (context) => context.client !== undefined && context.operation.secured,
  run(context) {
    const scheme = SCHEME[context.operation.vendor];
    const value = context.exchange.request.headers[scheme.header];
    if (scheme.present(value)) return [];
    return [
      finding(this, context, {
        message:
          value === undefined
            ? `request has no ${scheme.expected.split(":")[0]} header`
            : `${scheme.expected.split(":")[0]} header is not ${scheme.expected}`,
        pointer: `/headers/${scheme.header}`,
        expected: scheme.expected,
        actual: value === undefined ? "absent" : "present but malformed",
        rule: { text: this.rule, docUrl: context.operation.docPage.url, specPointer: scheme.pointer },
      }),
    ];
  },
};
