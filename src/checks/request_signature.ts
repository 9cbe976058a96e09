// Client side (the proxy): a ZOLOZ request's Signature verifies with the merchant public key the user gave
// (--zoloz-merchant-public-key), over "POST <path>\n<Client-Id>.<Request-Time>.<body as sent>". The proxy verifies
// with src/auth (verifyZolozRequest, the sandbox gateway's own code) and records the verdict; this check judges it.
import { finding, type Check } from "./types.ts";

export const requestSignature: Check = {
  name: "request_signature",
  rule: "Every ZOLOZ request carries Client-Id, Request-Time and a Signature (SHA256withRSA over POST <path>\\n<Client-Id>.<Request-Time>.<body>) that verifies with the merchant public key.",
  appliesTo: (context) => context.operation.vendor === "zoloz" && context.client?.zolozSignature !== undefined,
  run(context) {
    const verification = context.client!.zolozSignature!;
    if (verification.status === "valid") return [];
    return [
      finding(this, context, {
        message: `request signature ${verification.status === "missing" ? "is missing" : "does not verify"}: ${verification.detail}`,
        pointer: "/headers/signature",
        expected: "a Signature that verifies with the merchant public key",
        actual: verification.problem ?? verification.status,
        rule: {
          text: this.rule,
          docUrl: "https://docs.zoloz.com/zoloz/saas/apireference/sign_validate",
          specPointer: "specs/zoloz.yaml#/x-signature",
        },
      }),
    ];
  },
};
