import { finding, type Check } from "./types.ts";

export const responseSignature: Check = {
  name: "response_signature",
  rule: "Every ZOLOZ response carries Response-Time and a Signature (SHA256withRSA over POST <path>\\n<Client-Id>.<Response-Time>.<body>) that verifies with the platform public key.",
  appliesTo: (context) => context.operation.vendor === "zoloz" && context.exchange.signature !== undefined,
  run(context) {
    const verification = context.exchange.signature;
    if (!verification || verification.status === "valid" || verification.status === "not-applicable") return [];
    return [
      finding(this, context, {
        message:
          verification.status === "missing"
            ? `response signature is missing${verification.detail ? `: ${verification.detail}` : ""}`
            : `response signature does not verify${verification.detail ? `: ${verification.detail}` : ""}`,
        expected: "a Signature header that verifies with the platform public key",
        actual: verification.status,
        rule: {
          text: this.rule,
          docUrl: "https://docs.zoloz.com/zoloz/saas/apireference/sign_validate",
          specPointer: "specs/zoloz.yaml#/x-signature",
        },
      }),
    ];
  },
};
