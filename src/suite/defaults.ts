// The valid request each operation starts from. Cases change only what they test, so every other field stays valid.
import type { ImageDescription } from "../images/index.ts";
import type { OperationId } from "../types.ts";
import type { GeneratedRef, ImageRef, InputValue } from "./types.ts";

/** A 320×320 baseline JPEG face: inside every vendor's limits (≥ 256², < 1 MB). */
export const validFace = (subject = 1, variant = 0): ImageDescription => ({
  format: "jpeg",
  width: 320,
  height: 320,
  content: "face",
  subject,
  variant,
});

const image = (description: ImageDescription, transport: ImageRef["transport"] = "base64"): ImageRef => ({
  $image: description,
  transport,
});
const gen = (what: GeneratedRef["$generate"]): GeneratedRef => ({ $generate: what });

export interface DefaultRequest {
  body?: Record<string, InputValue>;
  query?: Record<string, InputValue>;
  pathParams?: Record<string, InputValue>;
  /** How the body is encoded. */
  encoding: "json" | "form" | "multipart" | "none";
}

const DEFAULTS: Record<OperationId, DefaultRequest> = {
  "advance.generateToken": { encoding: "json", body: { periodSecond: 3600 } },
  "advance.enroll": { encoding: "json", body: { faceImage: image(validFace()), userId: gen("userId"), region: "PHL" } },
  "advance.getEnroll": { encoding: "json", body: { userId: gen("unknownId") } },
  "advance.deleteEnroll": { encoding: "json", body: { userId: gen("unknownId") } },
  "advance.getLatestSessionResult": { encoding: "none", query: { userId: gen("unknownId") } },
  "zoloz.connectEnroll": {
    encoding: "json",
    body: { bizId: gen("bizId"), userId: gen("userId"), base64ImageContent: image(validFace()) },
  },
  "zoloz.connectUnenroll": { encoding: "json", body: { bizId: gen("bizId"), userId: gen("unknownId") } },
  "zoloz.authenticationTest": { encoding: "json", body: { title: "ekyc-conformance", description: "gateway probe" } },
  "uqudo.oauthToken": { encoding: "form", body: {} },
  "uqudo.faceSession": { encoding: "multipart", body: { idPhoto: image(validFace(), "multipart") } },
  "uqudo.faceMatch": {
    encoding: "json",
    body: { sourceImage: image(validFace(7)), targetImage: image(validFace(7, 1)), minimumMatchLevel: 3 },
  },
  "uqudo.faceSearch": { encoding: "json", body: { idPhoto: image(validFace(900)), insert: false } },
  "uqudo.faceSearchInsert": { encoding: "json", body: { idPhoto: image(validFace(901)) } },
  "uqudo.faceSearchDelete": { encoding: "none", pathParams: { oneToNVerificationId: gen("unknownId") } },
};

export function defaultRequest(operationId: OperationId): DefaultRequest {
  const found = DEFAULTS[operationId];
  if (!found) throw new Error(`no default request for ${operationId}; add one to src/suite/defaults.ts`);
  return structuredClone(found);
}

export const OPERATIONS_WITH_DEFAULTS = Object.keys(DEFAULTS);
