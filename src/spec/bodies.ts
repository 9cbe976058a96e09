// Hand-written TypeScript types of the documented request and response bodies. Kept honest by bodies.test.ts:
// a typed sample of each validates against the compiled spec schema, and each BODY_TABLE row lists exactly the
// required keys of both the type (checked by the compiler) and the spec schema (checked by the test).

// ================================================================ ADVANCE.AI

export type AdvanceCommonCode =
  | "ERROR"
  | "EMPTY_PARAMETER_ERROR"
  | "INSUFFICIENT_BALANCE"
  | "SERVICE_BUSY"
  | "IAM_FAILED"
  | "OVER_QUERY_LIMIT"
  | "CLIENT_ERROR"
  | "RETRY_LATER";

/** The envelope of every ADVANCE.AI response; `data` is null on every non-SUCCESS code. */
export interface AdvanceEnvelope<T = unknown, C extends string = string> {
  code: C;
  message: string;
  data?: T | null;
  extra?: unknown;
  transactionId: string;
  /** Deprecated: FREE on the IDVS pages, PAY on older pages. */
  pricingStrategy: "FREE" | "PAY";
}

export interface AdvanceGenerateTokenRequest {
  accessKey: string;
  /** 13-digit epoch milliseconds; documented as a string, sent as a number in the sample. */
  timestamp: string | number;
  /** Lowercase hex SHA-256 of accessKey + secretKey + timestamp. */
  signature: string;
  /** 60..86400 seconds, default 3600. */
  periodSecond?: string | number;
}

export interface AdvanceTokenData {
  token: string;
  /** Epoch milliseconds. */
  expiredTime: number;
}

export type AdvanceGenerateTokenCode = "SUCCESS" | "PARAMETER_ERROR" | "ACCOUNT_DISABLED" | AdvanceCommonCode;
export type AdvanceGenerateTokenResponse = AdvanceEnvelope<AdvanceTokenData, AdvanceGenerateTokenCode>;

export interface AdvanceUserIdRequest {
  userId: string;
}

export interface AdvanceEnrollRequest {
  /** http(s) URL or Base64 image (JPEG/PNG, < 2 MB, 256²..4096²). */
  faceImage: string;
  userId: string;
  /** ISO 3166-1 alpha-3. */
  region: string;
}

export type AdvanceEnrollCode = "SUCCESS" | "PARAMETER_ERROR" | "IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE" | AdvanceCommonCode;
export type AdvanceEnrollResponse = AdvanceEnvelope<null, AdvanceEnrollCode>;

export interface AdvanceGetEnrollData {
  userId: string;
  /** Up to 5 image URLs. */
  imageUrlList: string[];
}

export type AdvanceGetEnrollCode = "SUCCESS" | "PARAMETER_ERROR" | AdvanceCommonCode;
export type AdvanceGetEnrollResponse = AdvanceEnvelope<AdvanceGetEnrollData, AdvanceGetEnrollCode>;
export type AdvanceDeleteEnrollResponse = AdvanceEnvelope<null, AdvanceGetEnrollCode>;

export type AdvanceOverallResult = "PASS" | "FAIL" | "INCOMPLETE";

export interface AdvanceFaceDetail {
  faceResult?: "PASS" | "FAIL" | null;
  faceImage?: string | null;
  faceImageTime?: number | null;
  faceImageFar?: string | null;
  faceImageFarTime?: number | null;
  faceImageNear?: string | null;
  faceImageNearTime?: number | null;
  silentImage?: string | null;
  silentImageTime?: number | null;
  auditImageUrl?: string | null;
  faceLivenessScore?: number | null;
  livenessAttackType?: 1 | 2 | 3 | null;
  livenessType?: string | null;
  livenessFlowCategory?: string | null;
  faceSimilarityScore?: number | null;
  eventDetails?: { event?: string; result?: string; createTimestamp?: number }[] | null;
}

export interface AdvanceGetResultData {
  signatureId: string;
  overallResult?: AdvanceOverallResult | null;
  submissionCompleted?: boolean;
  /** Deprecated alias of overallResult. */
  idvResult?: AdvanceOverallResult | null;
  errorCode?: string | null;
  errorCodes?: string[];
  faceDetail?: AdvanceFaceDetail;
  docDetail?: Record<string, unknown> | null;
  feeDetail?: unknown;
  countryCodeIso3?: string;
  inputParameters?: Record<string, unknown>;
}

export interface AdvanceLatestSessionResultData {
  profileStatus: "INIT" | "ACTIVE" | "INACTIVE";
  result: AdvanceGetResultData;
}

export interface AdvanceGetLatestSessionResultQuery {
  userId: string;
  solutionCode?: string;
}

export type AdvanceGetLatestSessionResultResponse = AdvanceEnvelope<AdvanceLatestSessionResultData, AdvanceGetEnrollCode>;

// ================================================================ ZOLOZ

export type ZolozResultStatus = "S" | "F" | "U";

/** `result` of every ZOLOZ response. */
export interface ZolozResult {
  resultStatus: ZolozResultStatus;
  resultCode: string;
  resultMessage: string;
}

export interface ZolozConnectEnrollRequest {
  /** Max 32. */
  bizId: string;
  /** Max 64. */
  userId: string;
  /** Base64 JPEG, at most 1 MB decoded. */
  base64ImageContent: string;
}

export interface ZolozConnectEnrollResponse {
  result: ZolozResult;
  /** Present when resultStatus is S. */
  transactionId?: string;
}

export interface ZolozConnectUnenrollRequest {
  bizId: string;
  userId: string;
}

export interface ZolozConnectUnenrollResponse {
  result: ZolozResult;
  transactionId?: string;
}

/** The probe echoes the request; a rejected request gets the `result` envelope instead. */
export interface ZolozAuthenticationTestResponse {
  result?: ZolozResult;
  [key: string]: unknown;
}

// ================================================================ uqudo

export interface UqudoOAuthTokenRequest {
  grant_type: "client_credentials";
  client_id: string;
  client_secret: string;
}

export interface UqudoOAuthTokenResponse {
  access_token: string;
  token_type: "bearer";
  /** Seconds (1800 in the docs). */
  expires_in: number;
  /** Optional: only a placeholder in the docs. */
  scope?: string;
  jti?: string;
}

export interface UqudoFaceSessionRequest {
  /** multipart/form-data binary part. */
  idPhoto: string;
}

export interface UqudoFaceSessionResponse {
  sessionId: string;
}

export interface UqudoFaceMatchRequest {
  sourceImage: string;
  targetImage: string;
  /** 1..5, default 3. */
  minimumMatchLevel?: number;
}

export interface UqudoFaceMatchResponse {
  match: boolean;
  /** 1 (worst) .. 5 (best). */
  matchLevel: number;
}

export interface UqudoFaceSearchRequest {
  idPhoto: string;
  insert?: boolean;
}

export interface UqudoFaceSearchResponse {
  oneToNVerificationId?: string | null;
  oneToNVerificationMatch: boolean;
}

export interface UqudoFaceSearchInsertRequest {
  idPhoto: string;
}

export interface UqudoFaceSearchInsertResponse {
  oneToNVerificationId: string;
}

/** Error bodies are undocumented: any JSON object. */
export type UqudoErrorBody = Record<string, unknown>;

// ================================================================ type ↔ spec table

/** Keys of T that are not optional. */
export type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T] & string;

/** Which spec schema each type mirrors: `response` (operation + status) or `request` (operation body/query). */
export interface BodyTableRow {
  type: string;
  operation: string;
  part: "request" | "query" | "response" | "response.data";
  status?: number;
  /** Required keys: equal to RequiredKeys<type> (compile time) and to the schema's `required` (bodies.test.ts). */
  required: readonly string[];
}

/** Compile-time equality of a key list with RequiredKeys<T>. */
export function row<T>() {
  return <const K extends readonly RequiredKeys<T>[]>(
    r: Omit<BodyTableRow, "required"> & { required: K & ([RequiredKeys<T>] extends [K[number]] ? unknown : { missing: Exclude<RequiredKeys<T>, K[number]> }) },
  ): BodyTableRow => r;
}

export const BODY_TABLE: readonly BodyTableRow[] = [
  row<AdvanceGenerateTokenRequest>()({ type: "AdvanceGenerateTokenRequest", operation: "advance.generateToken", part: "request", required: ["accessKey", "timestamp", "signature"] }),
  row<AdvanceGenerateTokenResponse>()({ type: "AdvanceGenerateTokenResponse", operation: "advance.generateToken", part: "response", status: 200, required: ["code", "message", "transactionId", "pricingStrategy"] }),
  row<AdvanceTokenData>()({ type: "AdvanceTokenData", operation: "advance.generateToken", part: "response.data", status: 200, required: ["token", "expiredTime"] }),
  row<AdvanceUserIdRequest>()({ type: "AdvanceUserIdRequest", operation: "advance.getEnroll", part: "request", required: ["userId"] }),
  row<AdvanceGetEnrollResponse>()({ type: "AdvanceGetEnrollResponse", operation: "advance.getEnroll", part: "response", status: 200, required: ["code", "message", "transactionId", "pricingStrategy"] }),
  row<AdvanceGetEnrollData>()({ type: "AdvanceGetEnrollData", operation: "advance.getEnroll", part: "response.data", status: 200, required: ["userId", "imageUrlList"] }),
  row<AdvanceEnrollRequest>()({ type: "AdvanceEnrollRequest", operation: "advance.enroll", part: "request", required: ["faceImage", "userId", "region"] }),
  row<AdvanceEnrollResponse>()({ type: "AdvanceEnrollResponse", operation: "advance.enroll", part: "response", status: 200, required: ["code", "message", "transactionId", "pricingStrategy"] }),
  row<AdvanceUserIdRequest>()({ type: "AdvanceUserIdRequest", operation: "advance.deleteEnroll", part: "request", required: ["userId"] }),
  row<AdvanceDeleteEnrollResponse>()({ type: "AdvanceDeleteEnrollResponse", operation: "advance.deleteEnroll", part: "response", status: 200, required: ["code", "message", "transactionId", "pricingStrategy"] }),
  row<AdvanceGetLatestSessionResultQuery>()({ type: "AdvanceGetLatestSessionResultQuery", operation: "advance.getLatestSessionResult", part: "query", required: ["userId"] }),
  row<AdvanceGetLatestSessionResultResponse>()({ type: "AdvanceGetLatestSessionResultResponse", operation: "advance.getLatestSessionResult", part: "response", status: 200, required: ["code", "message", "transactionId", "pricingStrategy"] }),
  row<AdvanceLatestSessionResultData>()({ type: "AdvanceLatestSessionResultData", operation: "advance.getLatestSessionResult", part: "response.data", status: 200, required: ["profileStatus", "result"] }),
  row<ZolozConnectEnrollRequest>()({ type: "ZolozConnectEnrollRequest", operation: "zoloz.connectEnroll", part: "request", required: ["bizId", "userId", "base64ImageContent"] }),
  row<ZolozConnectEnrollResponse>()({ type: "ZolozConnectEnrollResponse", operation: "zoloz.connectEnroll", part: "response", status: 200, required: ["result"] }),
  row<ZolozConnectUnenrollRequest>()({ type: "ZolozConnectUnenrollRequest", operation: "zoloz.connectUnenroll", part: "request", required: ["bizId", "userId"] }),
  row<ZolozConnectUnenrollResponse>()({ type: "ZolozConnectUnenrollResponse", operation: "zoloz.connectUnenroll", part: "response", status: 200, required: ["result"] }),
  row<ZolozAuthenticationTestResponse>()({ type: "ZolozAuthenticationTestResponse", operation: "zoloz.authenticationTest", part: "response", status: 200, required: [] }),
  row<UqudoOAuthTokenRequest>()({ type: "UqudoOAuthTokenRequest", operation: "uqudo.oauthToken", part: "request", required: ["grant_type", "client_id", "client_secret"] }),
  row<UqudoOAuthTokenResponse>()({ type: "UqudoOAuthTokenResponse", operation: "uqudo.oauthToken", part: "response", status: 200, required: ["access_token", "token_type", "expires_in"] }),
  row<UqudoFaceSessionRequest>()({ type: "UqudoFaceSessionRequest", operation: "uqudo.faceSession", part: "request", required: ["idPhoto"] }),
  row<UqudoFaceSessionResponse>()({ type: "UqudoFaceSessionResponse", operation: "uqudo.faceSession", part: "response", status: 201, required: ["sessionId"] }),
  row<UqudoFaceMatchRequest>()({ type: "UqudoFaceMatchRequest", operation: "uqudo.faceMatch", part: "request", required: ["sourceImage", "targetImage"] }),
  row<UqudoFaceMatchResponse>()({ type: "UqudoFaceMatchResponse", operation: "uqudo.faceMatch", part: "response", status: 200, required: ["match", "matchLevel"] }),
  row<UqudoFaceSearchRequest>()({ type: "UqudoFaceSearchRequest", operation: "uqudo.faceSearch", part: "request", required: ["idPhoto"] }),
  row<UqudoFaceSearchResponse>()({ type: "UqudoFaceSearchResponse", operation: "uqudo.faceSearch", part: "response", status: 200, required: ["oneToNVerificationMatch"] }),
  row<UqudoFaceSearchInsertRequest>()({ type: "UqudoFaceSearchInsertRequest", operation: "uqudo.faceSearchInsert", part: "request", required: ["idPhoto"] }),
  row<UqudoFaceSearchInsertResponse>()({ type: "UqudoFaceSearchInsertResponse", operation: "uqudo.faceSearchInsert", part: "response", status: 200, required: ["oneToNVerificationId"] }),
];
