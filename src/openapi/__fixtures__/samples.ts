// Typed, valid sample bodies per operation (hand-made; the documented examples are tested separately).
// Typed with the generated body types; used by bodies.test.ts (types ↔ spec) and test/spec-broken-responses.test.ts (mutated into broken bodies).
import type * as B from "../bodies.ts";

const JPEG_B64 =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==";

export const samples = {
  advanceGenerateTokenRequest: {
    accessKey: "sampleaccesskey",
    timestamp: 1665993522952,
    signature: "02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5",
    periodSecond: 120,
  } satisfies B.AdvanceGenerateTokenRequest,
  advanceGenerateTokenResponse: {
    code: "SUCCESS",
    message: "OK",
    data: { token: "eyJhbGciOiJIUzUxMiJ9.e30.x", expiredTime: 1642580192430 },
    extra: null,
    transactionId: "6c2c50a3049ce67e",
    pricingStrategy: "FREE",
  } satisfies B.AdvanceGenerateTokenResponse,
  advanceUserIdRequest: { userId: "user-1" } satisfies B.AdvanceUserIdRequest,
  advanceGetEnrollResponse: {
    code: "SUCCESS",
    message: "OK",
    data: { userId: "user-1", imageUrlList: ["https://abc.com/a.jpg", "https://abc.com/b.jpg"] },
    extra: null,
    transactionId: "ed8b21c0c87ad617",
    pricingStrategy: "FREE",
  } satisfies B.AdvanceGetEnrollResponse,
  advanceEnrollRequest: { faceImage: JPEG_B64, userId: "user-1", region: "IDN" } satisfies B.AdvanceEnrollRequest,
  advanceEnrollResponse: {
    code: "SUCCESS",
    message: "OK",
    data: null,
    extra: null,
    transactionId: "ed8b21c0c87ad617",
    pricingStrategy: "FREE",
  } satisfies B.AdvanceEnrollResponse,
  advanceDeleteEnrollResponse: {
    code: "PARAMETER_ERROR",
    message: "UserId is invalid",
    data: null,
    extra: null,
    transactionId: "ed8b21c0c87ad617",
    pricingStrategy: "FREE",
  } satisfies B.AdvanceDeleteEnrollResponse,
  advanceGetLatestSessionResultQuery: {
    userId: "user-1",
    solutionCode: "101",
  } satisfies B.AdvanceGetLatestSessionResultRequest,
  advanceGetLatestSessionResultResponse: {
    code: "SUCCESS",
    message: "OK",
    data: {
      profileStatus: "ACTIVE",
      result: {
        signatureId: "f6e5d4c3b2a1",
        overallResult: "PASS",
        idvResult: "PASS",
        errorCode: "SUCCESS",
        countryCodeIso3: "SGP",
        faceDetail: { faceResult: "PASS", faceLivenessScore: 99, livenessAttackType: null, faceSimilarityScore: 88.5 },
      },
    },
    extra: null,
    transactionId: "9cc3gef5253ceg4",
    pricingStrategy: "FREE",
  } satisfies B.AdvanceGetLatestSessionResultResponse,
  zolozConnectEnrollRequest: {
    bizId: "biz-1",
    userId: "user-1",
    base64ImageContent: JPEG_B64,
  } satisfies B.ZolozConnectEnrollRequest,
  zolozConnectEnrollResponse: {
    result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "Success" },
    transactionId: "G000000005FID20200304000000000001",
  } satisfies B.ZolozConnectEnrollResponse,
  zolozConnectUnenrollRequest: { bizId: "biz-1", userId: "user-1" } satisfies B.ZolozConnectUnenrollRequest,
  zolozConnectUnenrollResponse: {
    result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "Success" },
    transactionId: "G000000005FID20200304000000000002",
  } satisfies B.ZolozConnectUnenrollResponse,
  zolozAuthenticationTestResponse: { title: "hello", description: "echo" } satisfies B.ZolozAuthenticationTestResponse,
  uqudoOAuthTokenRequest: {
    grant_type: "client_credentials",
    client_id: "id",
    client_secret: "secret",
  } satisfies B.UqudoOAuthTokenRequest,
  uqudoOAuthTokenResponse: {
    access_token: "eyJ.x.y",
    token_type: "bearer",
    expires_in: 1800,
    scope: "read",
    jti: "0b8f9a4e-7a57-4c8e-9f3c-0d6f3f5f7d1a",
  } satisfies B.UqudoOAuthTokenResponse,
  uqudoFaceSessionRequest: { idPhoto: "\xff\xd8\xff\xe0" } satisfies B.UqudoFaceSessionRequest,
  uqudoFaceSessionResponse: { sessionId: "5e4b7c1d-session" } satisfies B.UqudoFaceSessionResponse,
  uqudoFaceMatchRequest: {
    sourceImage: JPEG_B64,
    targetImage: JPEG_B64,
    minimumMatchLevel: 3,
  } satisfies B.UqudoFaceMatchRequest,
  uqudoFaceMatchResponse: { match: true, matchLevel: 4 } satisfies B.UqudoFaceMatchResponse,
  uqudoFaceSearchRequest: { idPhoto: JPEG_B64, insert: false } satisfies B.UqudoFaceSearchRequest,
  uqudoFaceSearchResponse: {
    oneToNVerificationId: "a1b2c3",
    oneToNVerificationMatch: true,
  } satisfies B.UqudoFaceSearchResponse,
  uqudoFaceSearchInsertRequest: { idPhoto: JPEG_B64 } satisfies B.UqudoFaceSearchInsertRequest,
  uqudoFaceSearchInsertResponse: { oneToNVerificationId: "a1b2c3" } satisfies B.UqudoFaceSearchInsertResponse,
};

/** Typed samples per operation: each validates against the spec (bodies.test.ts). */
export const sampleForOperation: Record<
  string,
  { request?: unknown; query?: Record<string, string>; response?: [number, unknown] }
> = {
  "advance.generateToken": {
    request: samples.advanceGenerateTokenRequest,
    response: [200, samples.advanceGenerateTokenResponse],
  },
  "advance.getEnroll": { request: samples.advanceUserIdRequest, response: [200, samples.advanceGetEnrollResponse] },
  "advance.enroll": { request: samples.advanceEnrollRequest, response: [200, samples.advanceEnrollResponse] },
  "advance.deleteEnroll": {
    request: samples.advanceUserIdRequest,
    response: [200, samples.advanceDeleteEnrollResponse],
  },
  "advance.getLatestSessionResult": {
    query: samples.advanceGetLatestSessionResultQuery,
    response: [200, samples.advanceGetLatestSessionResultResponse],
  },
  "zoloz.connectEnroll": {
    request: samples.zolozConnectEnrollRequest,
    response: [200, samples.zolozConnectEnrollResponse],
  },
  "zoloz.connectUnenroll": {
    request: samples.zolozConnectUnenrollRequest,
    response: [200, samples.zolozConnectUnenrollResponse],
  },
  "zoloz.authenticationTest": { response: [200, samples.zolozAuthenticationTestResponse] },
  "uqudo.oauthToken": { request: samples.uqudoOAuthTokenRequest, response: [200, samples.uqudoOAuthTokenResponse] },
  "uqudo.faceSession": { request: samples.uqudoFaceSessionRequest, response: [201, samples.uqudoFaceSessionResponse] },
  "uqudo.faceMatch": { request: samples.uqudoFaceMatchRequest, response: [200, samples.uqudoFaceMatchResponse] },
  "uqudo.faceSearch": { request: samples.uqudoFaceSearchRequest, response: [200, samples.uqudoFaceSearchResponse] },
  "uqudo.faceSearchInsert": {
    request: samples.uqudoFaceSearchInsertRequest,
    response: [200, samples.uqudoFaceSearchInsertResponse],
  },
};
