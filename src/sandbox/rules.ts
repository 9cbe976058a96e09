// The documented outcomes the sandbox answers with. The specs (specs/*.yaml via src/spec) are the
// source of truth: a rejection is the FIRST `x-rejections` entry for the violation, and messages come
// from `x-business-codes`. The fallback table below is only used when an operation or violation is
// missing from the loaded specs (e.g. while a spec is being written); rules.test.ts reports such gaps.
import type { ImageLimits, OperationInfo, SpecSet } from "../spec/types.ts";
import type { Vendor } from "../types.ts";

export interface Outcome {
  status: number;
  code?: string;
  message?: string;
}

export interface SandboxOperation {
  vendor: Vendor;
  /** Spec operationId (the kit's global id is `<vendor>.<key>`). */
  key: string;
  method: "GET" | "POST" | "DELETE";
  /** Vendor path template, without the sandbox prefix. */
  path: string;
}

const ADV = "/intl/openapi/identity-risk/idvs-h5/ekyc/v1";

export const OPERATIONS: readonly SandboxOperation[] = [
  { vendor: "advance", key: "generateToken", method: "POST", path: "/openapi/auth/ticket/v1/generate-token" },
  { vendor: "advance", key: "enroll", method: "POST", path: `${ADV}/face-authentication/enroll` },
  { vendor: "advance", key: "getEnroll", method: "POST", path: `${ADV}/face-authentication/get-enroll` },
  { vendor: "advance", key: "deleteEnroll", method: "POST", path: `${ADV}/face-authentication/delete-enroll` },
  { vendor: "advance", key: "getLatestSessionResult", method: "GET", path: `${ADV}/customer-profile/get-latest-session-result` },
  { vendor: "zoloz", key: "connectEnroll", method: "POST", path: "/api/v1/zoloz/connect/enroll" },
  { vendor: "zoloz", key: "connectUnenroll", method: "POST", path: "/api/v1/zoloz/connect/unenroll" },
  { vendor: "zoloz", key: "authenticationTest", method: "POST", path: "/api/v1/zoloz/authentication/test" },
  { vendor: "uqudo", key: "oauthToken", method: "POST", path: "/api/oauth/token" },
  { vendor: "uqudo", key: "faceSession", method: "POST", path: "/api/v1/face" },
  { vendor: "uqudo", key: "faceMatch", method: "POST", path: "/api/v1/face/match" },
  { vendor: "uqudo", key: "faceSearch", method: "POST", path: "/api/v1/face/one-to-n/search" },
  { vendor: "uqudo", key: "faceSearchInsert", method: "POST", path: "/api/v1/face/one-to-n/insert" },
  { vendor: "uqudo", key: "faceSearchDelete", method: "DELETE", path: "/api/v1/face/one-to-n/search/{oneToNVerificationId}" },
];

// ---------------------------------------------------------------- fallbacks (docs wording, verbatim)

const P_GENERIC = "Parameter error, please check you input.";
const P_EMPTY = "Parameter should not be empty";
const USER_INVALID = "UserId is invalid";
const IMG_SIZE = "Invalid image size, max image size should be less than 2M, and image dimension should be between 256 * 256 and 4096 * 4096";
const IMG_FORMAT = "Invalid image format, image format should be one of jpeg/jpg/png, and request content type should be image/jpeg or image/png";
const pe = (message: string): Outcome => ({ status: 200, code: "PARAMETER_ERROR", message });
const iam: Outcome = { status: 200, code: "IAM_FAILED", message: "Token not found or expired" };
const advAuth = { "auth-missing": iam, "auth-invalid": iam, "auth-expired": iam, "malformed-body": pe(P_GENERIC), "wrong-content-type": pe(P_GENERIC) };
const userChecks = { "missing:userId": pe(USER_INVALID), "empty:userId": pe(USER_INVALID), "wrong-type:userId": pe(USER_INVALID), "unknown-id": pe(USER_INVALID) };
const z = (code: string): Outcome => ({ status: 200, code });
const zAuth = { "auth-missing": z("SIGNATURE_INVALID"), "auth-invalid": z("SIGNATURE_INVALID"), "malformed-body": z("MSG_PARSE_ERROR") };
const zIds = (...fields: string[]) =>
  Object.fromEntries(fields.flatMap((f) => [[`missing:${f}`, z("PARAM_MISSING")], [`empty:${f}`, z("PARAM_MISSING")], [`too-long:${f}`, z("INVALID_ARGUMENT")], [`wrong-type:${f}`, z("INVALID_ARGUMENT")]]));
const u = (status: number): Outcome => ({ status });
const uAuth = { "auth-missing": u(401), "auth-invalid": u(401), "auth-expired": u(401), "malformed-body": u(400), "wrong-content-type": u(415) };
const uImage = { "image-too-large": u(413), "image-format": u(415), "image-undecodable": u(400), "image-empty": u(400) };

const FALLBACK: Record<string, Record<string, Outcome>> = {
  "advance.generateToken": {
    "missing:accessKey": pe(P_EMPTY), "missing:signature": pe(P_EMPTY), "missing:timestamp": pe(P_EMPTY),
    "empty:accessKey": pe(P_EMPTY), "empty:signature": pe(P_EMPTY), "empty:timestamp": pe(P_EMPTY),
    "wrong-type:timestamp": pe("Timestamp error"), "out-of-range:timestamp": pe("Timestamp error"),
    "wrong-type:periodSecond": pe(P_GENERIC), "out-of-range:periodSecond": pe(P_GENERIC),
    "auth-invalid": pe("Signature error"), "malformed-body": pe(P_GENERIC), "wrong-content-type": pe(P_GENERIC),
  },
  "advance.enroll": {
    ...advAuth, ...userChecks,
    "missing:region": pe("Region is wrong"), "empty:region": pe("Region is wrong"), "wrong-type:region": pe("Region is wrong"), "region-invalid": pe("Region is wrong"),
    "missing:faceImage": pe("Image is null"), "empty:faceImage": pe("Face image is empty"), "wrong-type:faceImage": pe("Image is null"),
    "image-unreachable": pe("Face image cannot download"), "image-undecodable": pe("Face image cannot decode"), "image-empty": pe("image file length is zero"),
    "image-too-large": pe(IMG_SIZE), "image-dimensions": pe(IMG_SIZE), "image-format": pe(IMG_FORMAT),
    "image-no-face": { status: 200, code: "IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE", message: "Face quality is too low of the uploaded pictur" },
  },
  "advance.getEnroll": { ...advAuth, ...userChecks },
  "advance.deleteEnroll": { ...advAuth, ...userChecks },
  "advance.getLatestSessionResult": {
    ...advAuth, "missing:userId": pe(P_EMPTY), "empty:userId": pe(P_EMPTY), "unknown-id": pe("externalUserId does not exist."),
    "out-of-range:solutionCode": pe("solutionCode is wrong."),
  },
  "zoloz.connectEnroll": {
    ...zAuth, ...zIds("bizId", "userId", "base64ImageContent"),
    "image-empty": z("INVALID_ARGUMENT"), "image-format": z("INVALID_ARGUMENT"), "image-undecodable": z("INVALID_ARGUMENT"),
    "image-too-large": z("INVALID_ARGUMENT"), "image-no-face": z("UNABLE_GET_IMAGE"),
  },
  "zoloz.connectUnenroll": { ...zAuth, ...zIds("bizId", "userId"), "unknown-id": z("INVALID_ARGUMENT") },
  "zoloz.authenticationTest": { ...zAuth },
  "uqudo.oauthToken": { "auth-invalid": u(401), "malformed-body": u(401), "wrong-content-type": u(401) },
  "uqudo.faceSession": { ...uAuth, ...uImage, "missing:idPhoto": u(400), "wrong-type:idPhoto": u(400) },
  "uqudo.faceMatch": {
    ...uAuth, ...uImage,
    ...Object.fromEntries(["sourceImage", "targetImage"].flatMap((f) => [[`missing:${f}`, u(400)], [`empty:${f}`, u(400)], [`wrong-type:${f}`, u(400)]])),
    "wrong-type:minimumMatchLevel": u(400), "out-of-range:minimumMatchLevel": u(400),
  },
  "uqudo.faceSearch": { ...uAuth, ...uImage, "missing:idPhoto": u(400), "empty:idPhoto": u(400), "wrong-type:idPhoto": u(400), "wrong-type:insert": u(400) },
  "uqudo.faceSearchInsert": { ...uAuth, ...uImage, "missing:idPhoto": u(400), "empty:idPhoto": u(400), "wrong-type:idPhoto": u(400) },
  "uqudo.faceSearchDelete": { "auth-missing": u(401), "auth-invalid": u(401), "auth-expired": u(401), "unknown-id": u(404) },
};

const FALLBACK_IMAGES: Record<string, ImageLimits> = {
  "advance.enroll": { formats: ["jpeg", "png"], maxBytes: 2 * 1024 * 1024, exclusiveMaxBytes: true, minWidth: 256, minHeight: 256, maxWidth: 4096, maxHeight: 4096, transports: ["base64", "url"], source: "fallback" },
  "zoloz.connectEnroll": { formats: ["jpeg"], maxBytes: 1024 * 1024, transports: ["base64"], source: "fallback" },
  "uqudo.*": { formats: ["jpeg", "png"], maxBytes: 5 * 1024 * 1024, transports: ["base64", "multipart"], source: "fallback" },
};

const SUCCESS_MESSAGE: Record<Vendor, string> = { advance: "OK", zoloz: "Success", uqudo: "" };

/** Where each outcome came from, so tests can list spec gaps. */
export interface RuleGap {
  operation: string;
  violation: string;
}

export class Rules {
  readonly gaps: RuleGap[] = [];
  private readonly byKey = new Map<string, OperationInfo>();

  constructor(readonly spec: SpecSet | undefined) {
    for (const op of OPERATIONS) {
      const info = spec?.operations.find((o) => o.vendor === op.vendor && o.method === op.method && o.path === op.path);
      if (info) this.byKey.set(`${op.vendor}.${op.key}`, info);
    }
  }

  info(opId: string): OperationInfo | undefined {
    return this.byKey.get(opId);
  }

  /** The documented rejection for `violation` on `opId` (first listed in the spec). */
  reject(opId: string, violation: string): Outcome {
    const info = this.byKey.get(opId);
    const hit = info?.rejections.find((r) => r.violation === violation);
    const fallback = FALLBACK[opId]?.[violation];
    if (!hit) {
      if (!this.gaps.some((g) => g.operation === opId && g.violation === violation)) this.gaps.push({ operation: opId, violation });
      if (fallback) return fallback;
      const vendor = opId.split(".")[0];
      return vendor === "uqudo" ? { status: 400 } : vendor === "zoloz" ? z("PARAM_ILLEGAL") : pe(P_GENERIC);
    }
    const out: Outcome = { status: hit.status };
    if (hit.code) out.code = hit.code;
    const message = hit.message ?? (hit.code ? this.codeMessage(opId, hit.code) : undefined);
    if (message !== undefined) out.message = message;
    return out;
  }

  /** Whether the spec (or fallback) documents a rejection for this violation. */
  documents(opId: string, violation: string): boolean {
    const info = this.byKey.get(opId);
    if (info) return info.rejections.some((r) => r.violation === violation);
    return FALLBACK[opId]?.[violation] !== undefined;
  }

  /** First documented message of `code` (ADVANCE) or its description (ZOLOZ). */
  codeMessage(opId: string, code: string): string {
    const vendor = opId.split(".")[0] as Vendor;
    const bc = this.byKey.get(opId)?.businessCodes.find((c) => c.code === code);
    if (code === "SUCCESS") return bc?.messages[0] ?? SUCCESS_MESSAGE[vendor];
    return bc?.messages[0] ?? bc?.description ?? code;
  }

  /** ZOLOZ resultStatus documented for `code` (the operation's own table wins over the common one). */
  zolozStatus(opId: string, code: string): "S" | "F" | "U" {
    const codes = this.byKey.get(opId)?.businessCodes.filter((c) => c.code === code) ?? [];
    const own = codes.find((c) => !c.common) ?? codes[0];
    return own?.status ?? (code === "SUCCESS" ? "S" : code === "SYSTEM_ERROR" ? "U" : "F");
  }

  image(opId: string, field: string): ImageLimits {
    const hit = this.byKey.get(opId)?.imageFields.find((f) => f.field === field);
    return hit?.limits ?? FALLBACK_IMAGES[opId] ?? FALLBACK_IMAGES["uqudo.*"]!;
  }
}
