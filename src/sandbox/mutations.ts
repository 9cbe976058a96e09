// Test-only contract regressions. Each mutation breaks ONE documented rule of one vendor so the
// kit's self-test can prove that some check catches it. Activate with `startSandbox({mutation})`,
// `sandbox.setMutation(names)` or `ekyc-conformance sandbox --mutation NAME` (repeatable: they apply together).
import { formatSignatureHeader, parseSignatureHeader } from "../auth/zoloz.ts";
import { didYouMean } from "../suggest.ts";
import { isObject, type SbResponse } from "./handler-context.ts";
import type { Mutation } from "./mutation.ts";

export type { Mutation, MutationApply } from "./mutation.ts";

const A_TOKEN = "advance.generateToken";
const A_BIZ = ["advance.enroll", "advance.getEnroll", "advance.deleteEnroll", "advance.getLatestSessionResult"];
const A_ALL = [A_TOKEN, ...A_BIZ];
const Z_ALL = ["zoloz.connectEnroll", "zoloz.connectUnenroll", "zoloz.authenticationTest"];
const Z_BIZ = ["zoloz.connectEnroll", "zoloz.connectUnenroll"];
const U_IMAGE = ["uqudo.faceSession", "uqudo.faceMatch", "uqudo.faceSearch", "uqudo.faceSearchInsert"];
const U_FACE = [...U_IMAGE, "uqudo.faceSearchDelete"];

type Json = Record<string, unknown>;
const body = (res: SbResponse): Json | undefined => (isObject(res.json) ? res.json : undefined);
const result = (res: SbResponse): Json | undefined => {
  const r = body(res)?.["result"];
  return isObject(r) ? r : undefined;
};

export const MUTATIONS: readonly Mutation[] = [
  // ---------------------------------------------------------------- ADVANCE.AI
  {
    name: "advance-drop-transaction-id",
    vendor: "advance",
    operations: A_ALL,
    severity: "failure",
    description: "Omits transactionId from every ADVANCE envelope.",
    apply: { response: (r) => void delete body(r)?.["transactionId"] },
  },
  {
    name: "advance-renamed-code",
    vendor: "advance",
    operations: A_ALL,
    severity: "failure",
    description: "Answers the undocumented code PARAM_ERROR instead of PARAMETER_ERROR.",
    apply: {
      response: (r) => {
        const b = body(r);
        if (b?.["code"] === "PARAMETER_ERROR") b["code"] = "PARAM_ERROR";
      },
    },
  },
  {
    name: "advance-data-on-error",
    vendor: "advance",
    operations: A_ALL,
    severity: "failure",
    description: "Returns data {} instead of null with PARAMETER_ERROR.",
    apply: {
      response: (r) => {
        const b = body(r);
        if (b?.["code"] === "PARAMETER_ERROR") b["data"] = {};
      },
    },
  },
  {
    name: "advance-long-transaction-id",
    vendor: "advance",
    operations: A_ALL,
    severity: "failure",
    description: "Returns a 65-character transactionId (documented max length 64).",
    apply: {
      response: (r) => {
        const b = body(r);
        if (typeof b?.["transactionId"] === "string") b["transactionId"] = b["transactionId"].padEnd(65, "0");
      },
    },
  },
  {
    name: "advance-six-image-urls",
    vendor: "advance",
    operations: ["advance.getEnroll"],
    severity: "failure",
    description: "get-enroll lists 6 image URLs (documented: up to 5), padding with the last URL.",
    apply: {
      response: (r) => {
        const d = body(r)?.["data"];
        const list = isObject(d) ? d["imageUrlList"] : undefined;
        if (Array.isArray(list) && list.length > 0) while (list.length < 6) list.push(list[list.length - 1]);
      },
    },
  },
  {
    name: "advance-http-500",
    vendor: "advance",
    operations: A_BIZ,
    severity: "failure",
    description: "Answers every business API call with HTTP 500 (body unchanged) instead of 200.",
    apply: { response: (r) => void (r.status = 500) },
  },
  {
    name: "advance-text-html",
    vendor: "advance",
    operations: A_BIZ,
    severity: "failure",
    description: "Labels the JSON envelope Content-Type: text/html.",
    apply: { response: (r) => void (r.headers["content-type"] = "text/html; charset=utf-8") },
  },
  {
    name: "advance-oversized-image-accepted",
    vendor: "advance",
    operations: ["advance.enroll"],
    severity: "failure",
    description: "Enroll accepts faceImage of 2 MB or more (documented: less than 2M).",
    apply: { flags: { acceptOversizedImage: true } },
  },
  {
    name: "advance-expired-token-accepted",
    vendor: "advance",
    operations: A_BIZ,
    severity: "failure",
    description: "Business APIs accept an expired X-ACCESS-TOKEN instead of IAM_FAILED.",
    apply: { flags: { acceptExpiredToken: true } },
  },
  {
    name: "advance-delete-noop",
    vendor: "advance",
    operations: ["advance.deleteEnroll"],
    severity: "failure",
    description: "delete-enroll answers SUCCESS but keeps the user and its images.",
    apply: { flags: { deleteNoop: true } },
  },
  {
    name: "advance-undocumented-message",
    vendor: "advance",
    operations: A_ALL,
    severity: "warning",
    description: "PARAMETER_ERROR carries an undocumented message text (messages are advisory: warning only).",
    apply: {
      response: (r) => {
        const b = body(r);
        if (b?.["code"] === "PARAMETER_ERROR") b["message"] = "Illegal parameter value.";
      },
    },
  },
  {
    name: "advance-region-unchecked",
    vendor: "advance",
    operations: ["advance.enroll"],
    severity: "failure",
    description: "Enroll accepts a region that is not an ISO 3166-1 alpha-3 code.",
    apply: { flags: { skipRegionCheck: true } },
  },
  {
    name: "advance-missing-pricing-strategy",
    vendor: "advance",
    operations: A_ALL,
    severity: "failure",
    description: "Omits pricingStrategy (documented: always FREE).",
    apply: { response: (r) => void delete body(r)?.["pricingStrategy"] },
  },
  // ---------------------------------------------------------------- ZOLOZ
  {
    name: "zoloz-bad-response-signature",
    vendor: "zoloz",
    operations: Z_ALL,
    severity: "failure",
    description: "Response Signature does not verify (one signature byte flipped).",
    apply: {
      wire: (w) => {
        const h = w.headers["signature"];
        if (!h) return;
        const parsed = parseSignatureHeader(h);
        parsed.signature[0] = (parsed.signature[0] ?? 0) ^ 0xff;
        w.headers["signature"] = formatSignatureHeader(parsed.signature.toString("base64"), parsed.keyVersion);
      },
    },
  },
  {
    name: "zoloz-missing-response-signature",
    vendor: "zoloz",
    operations: Z_ALL,
    severity: "failure",
    description: "Responses carry no Signature header.",
    apply: { wire: (w) => void delete w.headers["signature"] },
  },
  {
    name: "zoloz-status-mismatch",
    vendor: "zoloz",
    operations: Z_BIZ,
    severity: "failure",
    description: "Error results carry resultStatus S (e.g. S with INVALID_ARGUMENT).",
    apply: {
      response: (r) => {
        const x = result(r);
        if (x && x["resultCode"] !== "SUCCESS") x["resultStatus"] = "S";
      },
    },
  },
  {
    name: "zoloz-missing-transaction-id-on-success",
    vendor: "zoloz",
    operations: ["zoloz.connectEnroll"],
    severity: "failure",
    description: "A successful enroll (resultStatus S) has no transactionId.",
    apply: {
      response: (r) => {
        if (result(r)?.["resultStatus"] === "S") delete body(r)?.["transactionId"];
      },
    },
  },
  {
    name: "zoloz-unsigned-request-accepted",
    vendor: "zoloz",
    operations: Z_ALL,
    severity: "failure",
    description: "Requests with a missing or wrong Signature are processed instead of SIGNATURE_INVALID.",
    apply: { flags: { acceptUnsignedRequest: true } },
  },
  {
    name: "zoloz-result-status-x",
    vendor: "zoloz",
    operations: Z_ALL,
    severity: "failure",
    description: "resultStatus is X (documented: S, F or U).",
    apply: {
      response: (r) => {
        const x = result(r);
        if (x) x["resultStatus"] = "X";
      },
    },
  },
  {
    name: "zoloz-http-400-on-error",
    vendor: "zoloz",
    operations: Z_ALL,
    severity: "failure",
    description: "Failed results (resultStatus F) come back with HTTP 400 instead of 200.",
    apply: {
      response: (r) => {
        if (result(r)?.["resultStatus"] === "F") r.status = 400;
      },
    },
  },
  {
    name: "zoloz-length-unchecked",
    vendor: "zoloz",
    operations: Z_BIZ,
    severity: "failure",
    description: "bizId longer than 32 and userId longer than 64 characters are accepted.",
    apply: { flags: { skipLengthCheck: true } },
  },
  {
    name: "zoloz-plain-response-to-encrypted",
    vendor: "zoloz",
    operations: Z_ALL,
    severity: "failure",
    description: "An encrypted (RSA_AES) request is answered in plain JSON.",
    apply: { flags: { plainResponseToEncrypted: true } },
  },
  // ---------------------------------------------------------------- uqudo
  {
    name: "uqudo-match-level-6",
    vendor: "uqudo",
    operations: ["uqudo.faceMatch"],
    severity: "failure",
    description: "Face match answers matchLevel 6 (documented range 1..5).",
    apply: {
      response: (r) => {
        const b = body(r);
        if (r.status === 200 && b && "matchLevel" in b) b["matchLevel"] = 6;
      },
    },
  },
  {
    name: "uqudo-match-inconsistent",
    vendor: "uqudo",
    operations: ["uqudo.faceMatch"],
    severity: "failure",
    description: "Face match answers match true whatever the level and minimumMatchLevel.",
    apply: {
      response: (r) => {
        const b = body(r);
        if (r.status === 200 && b && "match" in b) b["match"] = true;
      },
    },
  },
  {
    name: "uqudo-delete-noop",
    vendor: "uqudo",
    operations: ["uqudo.faceSearchDelete"],
    severity: "warning",
    description:
      "1:N delete answers 204 but keeps the selfie, so a second delete answers 204 again instead of 404 (the docs' other reading, deviation uqudo-delete-id-persists: warning only).",
    apply: { flags: { deleteNoop: true } },
  },
  {
    name: "uqudo-201-as-200",
    vendor: "uqudo",
    operations: ["uqudo.faceSession"],
    severity: "failure",
    description: "Face session answers 200 instead of the documented 201.",
    apply: {
      response: (r) => {
        if (r.status === 201) r.status = 200;
      },
    },
  },
  {
    name: "uqudo-unsupported-media-accepted",
    vendor: "uqudo",
    operations: U_IMAGE,
    severity: "failure",
    description: "Non JPEG/PNG images (GIF, WebP, ...) are accepted instead of 415.",
    apply: { flags: { acceptUnsupportedMedia: true } },
  },
  {
    name: "uqudo-oversized-image-accepted",
    vendor: "uqudo",
    operations: U_IMAGE,
    severity: "failure",
    description: "Images over 5 MB are accepted instead of 413.",
    apply: { flags: { acceptOversizedImage: true } },
  },
  {
    name: "uqudo-expired-token-accepted",
    vendor: "uqudo",
    operations: U_FACE,
    severity: "failure",
    description: "An expired bearer token is accepted instead of 401.",
    apply: { flags: { acceptExpiredToken: true } },
  },
  {
    name: "uqudo-missing-session-id",
    vendor: "uqudo",
    operations: ["uqudo.faceSession"],
    severity: "failure",
    description: "Face session 201 body has no sessionId.",
    apply: { response: (r) => void delete body(r)?.["sessionId"] },
  },
  {
    name: "uqudo-204-with-body",
    vendor: "uqudo",
    operations: ["uqudo.faceSearchDelete"],
    severity: "failure",
    description: "1:N delete answers 204 with a JSON body (204 No Content has none).",
    apply: {
      response: (r) => {
        if (r.status === 204) {
          r.json = { deleted: true };
          r.headers["content-type"] = "application/json";
        }
      },
    },
  },
  {
    name: "uqudo-invalid-level-accepted",
    vendor: "uqudo",
    operations: ["uqudo.faceMatch"],
    severity: "failure",
    description: "minimumMatchLevel outside 1..5 (or not an integer) is accepted instead of 400.",
    apply: { flags: { acceptInvalidMatchLevel: true } },
  },
  {
    name: "uqudo-token-expires-in-string",
    vendor: "uqudo",
    operations: ["uqudo.oauthToken"],
    severity: "failure",
    description: 'Token answer has expires_in as the string "1800" instead of an integer.',
    apply: {
      response: (r) => {
        const b = body(r);
        if (typeof b?.["expires_in"] === "number") b["expires_in"] = String(b["expires_in"]);
      },
    },
  },
];

export function findMutation(name: string): Mutation {
  const m = MUTATIONS.find((x) => x.name === name);
  if (!m)
    throw new Error(
      `unknown sandbox mutation "${name}"${didYouMean(
        name,
        MUTATIONS.map((x) => x.name),
      )}; \`ekyc-conformance sandbox --help\` lists them`,
    );
  return m;
}
