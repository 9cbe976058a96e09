// Hand-made broken responses for every operation: each must be rejected with a finding at the exact pointer and
// keyword, and that finding must name a spec location with a line.
import { describe, expect, it } from "vitest";
import { samples } from "../src/openapi/__fixtures__/samples.ts";
import { loadSpecs } from "../src/openapi/index.ts";

const specs = loadSpecs();
type Body = any;
interface Case {
  name: string;
  status?: number;
  headers?: Record<string, string>;
  break: (b: Body) => Body;
  pointer: string;
  keyword: string;
}
interface OpCases {
  op: string;
  status: number;
  base: unknown;
  headers?: Record<string, string>;
  cases: Case[];
}

const ZOLOZ_HEADERS = {
  "Response-Time": "2019-04-04T12:08:56+0530",
  Signature:
    "algorithm=RSA256, signature=KEhXthj4bJ801Hqw8kaLvEKc0Rii8KsNUazw7kZgjxyGSPuOZ48058UVJUkkR21iD9JkHBGR%2BA%3D%3D",
  "Content-Type": "application/json; charset=UTF-8",
};
const set = (path: string, value: unknown) => (b: Body) => {
  const keys = path.split(".");
  let o = b;
  for (const k of keys.slice(0, -1)) o = o[k];
  if (value === undefined) delete o[keys.at(-1)!];
  else o[keys.at(-1)!] = value;
  return b;
};
const envelopeCases = (): Case[] => [
  { name: "missing code", break: set("code", undefined), pointer: "/code", keyword: "required" },
  { name: "unknown ADVANCE business code", break: set("code", "UNKNOWN_CODE"), pointer: "/code", keyword: "enum" },
  {
    name: "transactionId of 65 chars",
    break: set("transactionId", "a".repeat(65)),
    pointer: "/transactionId",
    keyword: "maxLength",
  },
  { name: "message is a number", break: set("message", 42), pointer: "/message", keyword: "type" },
  {
    name: "pricingStrategy CHEAP",
    break: set("pricingStrategy", "CHEAP"),
    pointer: "/pricingStrategy",
    keyword: "enum",
  },
  { name: "undocumented HTTP status", status: 502, break: (b) => b, pointer: "", keyword: "status" },
];

const TABLE: OpCases[] = [
  {
    op: "advance.generateToken",
    status: 200,
    base: samples.advanceGenerateTokenResponse,
    cases: [
      ...envelopeCases(),
      {
        name: "expiredTime as a string",
        break: set("data.expiredTime", "1642580192430"),
        pointer: "/data/expiredTime",
        keyword: "type",
      },
      {
        name: "expiredTime in seconds",
        break: set("data.expiredTime", 1642580192),
        pointer: "/data/expiredTime",
        keyword: "minimum",
      },
      {
        name: "SUCCESS without token",
        break: set("data.token", undefined),
        pointer: "/data/token",
        keyword: "required",
      },
    ],
  },
  {
    op: "advance.getEnroll",
    status: 200,
    base: samples.advanceGetEnrollResponse,
    cases: [
      ...envelopeCases(),
      {
        name: "six imageUrlList URLs",
        break: set(
          "data.imageUrlList",
          Array.from({ length: 6 }, (_, i) => `https://abc.com/${i}.jpg`),
        ),
        pointer: "/data/imageUrlList",
        keyword: "maxItems",
      },
      {
        name: "imageUrlList item is not a URL",
        break: set("data.imageUrlList", ["not a url"]),
        pointer: "/data/imageUrlList/0",
        keyword: "format",
      },
      {
        name: "data without userId",
        break: set("data.userId", undefined),
        pointer: "/data/userId",
        keyword: "required",
      },
      { name: "error code with data", break: set("code", "PARAMETER_ERROR"), pointer: "/data", keyword: "enum" },
    ],
  },
  {
    op: "advance.enroll",
    status: 200,
    base: samples.advanceEnrollResponse,
    cases: [
      ...envelopeCases(),
      { name: "REGION_WRONG as a code", break: set("code", "REGION_WRONG"), pointer: "/code", keyword: "enum" },
      { name: "data is not null", break: set("data", { userId: "u" }), pointer: "/data", keyword: "enum" },
      { name: "empty transactionId", break: set("transactionId", ""), pointer: "/transactionId", keyword: "minLength" },
    ],
  },
  {
    op: "advance.deleteEnroll",
    status: 200,
    base: samples.advanceDeleteEnrollResponse,
    cases: [
      ...envelopeCases(),
      { name: "data is an array", break: set("data", []), pointer: "/data", keyword: "enum" },
    ],
  },
  {
    op: "advance.getLatestSessionResult",
    status: 200,
    base: samples.advanceGetLatestSessionResultResponse,
    cases: [
      ...envelopeCases(),
      {
        name: "profileStatus DONE",
        break: set("data.profileStatus", "DONE"),
        pointer: "/data/profileStatus",
        keyword: "enum",
      },
      {
        name: "overallResult MAYBE",
        break: set("data.result.overallResult", "MAYBE"),
        pointer: "/data/result/overallResult",
        keyword: "enum",
      },
      {
        name: "result without signatureId",
        break: set("data.result.signatureId", undefined),
        pointer: "/data/result/signatureId",
        keyword: "required",
      },
      {
        name: "faceLivenessScore 101",
        break: set("data.result.faceDetail.faceLivenessScore", 101),
        pointer: "/data/result/faceDetail/faceLivenessScore",
        keyword: "maximum",
      },
      {
        name: "livenessAttackType 4",
        break: set("data.result.faceDetail.livenessAttackType", 4),
        pointer: "/data/result/faceDetail/livenessAttackType",
        keyword: "enum",
      },
      {
        name: "countryCodeIso3 sg",
        break: set("data.result.countryCodeIso3", "sg"),
        pointer: "/data/result/countryCodeIso3",
        keyword: "pattern",
      },
      { name: "SUCCESS without data", break: set("data", undefined), pointer: "/data", keyword: "required" },
    ],
  },
  {
    op: "zoloz.connectEnroll",
    status: 200,
    base: samples.zolozConnectEnrollResponse,
    headers: ZOLOZ_HEADERS,
    cases: [
      {
        name: 'resultStatus "X"',
        break: set("result.resultStatus", "X"),
        pointer: "/result/resultStatus",
        keyword: "enum",
      },
      {
        name: "unknown resultCode",
        break: set("result.resultCode", "NOT_A_CODE"),
        pointer: "/result/resultCode",
        keyword: "enum",
      },
      { name: "missing result", break: set("result", undefined), pointer: "/result", keyword: "required" },
      {
        name: "missing resultMessage",
        break: set("result.resultMessage", undefined),
        pointer: "/result/resultMessage",
        keyword: "required",
      },
      {
        name: "S without transactionId",
        break: set("transactionId", undefined),
        pointer: "/transactionId",
        keyword: "required",
      },
      {
        name: "missing Signature header",
        headers: { "Response-Time": ZOLOZ_HEADERS["Response-Time"] },
        break: (b) => b,
        pointer: "/headers/signature",
        keyword: "required",
      },
      {
        name: "Signature header without algorithm",
        headers: { ...ZOLOZ_HEADERS, Signature: "signature=abc" },
        break: (b) => b,
        pointer: "/headers/signature",
        keyword: "pattern",
      },
      { name: "undocumented HTTP status", status: 500, break: (b) => b, pointer: "", keyword: "status" },
    ],
  },
  {
    op: "zoloz.connectUnenroll",
    status: 200,
    base: samples.zolozConnectUnenrollResponse,
    headers: ZOLOZ_HEADERS,
    cases: [
      {
        name: 'resultStatus "X"',
        break: set("result.resultStatus", "X"),
        pointer: "/result/resultStatus",
        keyword: "enum",
      },
      {
        name: "resultMessage is a number",
        break: set("result.resultMessage", 5),
        pointer: "/result/resultMessage",
        keyword: "type",
      },
      {
        name: "transactionId is a number",
        break: set("transactionId", 12),
        pointer: "/transactionId",
        keyword: "type",
      },
      {
        name: "missing Response-Time header",
        headers: { Signature: ZOLOZ_HEADERS.Signature },
        break: (b) => b,
        pointer: "/headers/response-time",
        keyword: "required",
      },
    ],
  },
  {
    op: "zoloz.authenticationTest",
    status: 200,
    base: samples.zolozAuthenticationTestResponse,
    headers: ZOLOZ_HEADERS,
    cases: [
      {
        name: 'result with resultStatus "X"',
        break: set("result", { resultStatus: "X", resultCode: "SUCCESS", resultMessage: "Success" }),
        pointer: "/result/resultStatus",
        keyword: "enum",
      },
      { name: "body is not an object", break: () => "echo", pointer: "", keyword: "type" },
    ],
  },
  {
    op: "uqudo.oauthToken",
    status: 200,
    base: samples.uqudoOAuthTokenResponse,
    cases: [
      { name: "token_type Bearer", break: set("token_type", "Bearer"), pointer: "/token_type", keyword: "enum" },
      { name: "expires_in as a string", break: set("expires_in", "1800"), pointer: "/expires_in", keyword: "type" },
      // scope and jti are optional (the docs show them only as placeholders); a jti that is sent is still a string.
      { name: "missing expires_in", break: set("expires_in", undefined), pointer: "/expires_in", keyword: "required" },
      { name: "jti as a number", break: set("jti", 42), pointer: "/jti", keyword: "type" },
      { name: "empty access_token", break: set("access_token", ""), pointer: "/access_token", keyword: "minLength" },
      { name: "undocumented 400", status: 400, break: (b) => b, pointer: "", keyword: "status" },
    ],
  },
  {
    op: "uqudo.faceSession",
    status: 201,
    base: samples.uqudoFaceSessionResponse,
    cases: [
      { name: "missing sessionId", break: set("sessionId", undefined), pointer: "/sessionId", keyword: "required" },
      { name: "sessionId is a number", break: set("sessionId", 7), pointer: "/sessionId", keyword: "type" },
      { name: "200 instead of 201", status: 200, break: (b) => b, pointer: "", keyword: "status" },
    ],
  },
  {
    op: "uqudo.faceMatch",
    status: 200,
    base: samples.uqudoFaceMatchResponse,
    cases: [
      { name: "matchLevel 6", break: set("matchLevel", 6), pointer: "/matchLevel", keyword: "maximum" },
      { name: "matchLevel 0", break: set("matchLevel", 0), pointer: "/matchLevel", keyword: "minimum" },
      { name: "matchLevel 2.5", break: set("matchLevel", 2.5), pointer: "/matchLevel", keyword: "type" },
      { name: "match is a string", break: set("match", "yes"), pointer: "/match", keyword: "type" },
      { name: "missing matchLevel", break: set("matchLevel", undefined), pointer: "/matchLevel", keyword: "required" },
      { name: "error body is not an object", status: 400, break: () => "Bad Request", pointer: "", keyword: "type" },
    ],
  },
  {
    op: "uqudo.faceSearch",
    status: 200,
    base: samples.uqudoFaceSearchResponse,
    cases: [
      {
        name: "missing oneToNVerificationMatch",
        break: set("oneToNVerificationMatch", undefined),
        pointer: "/oneToNVerificationMatch",
        keyword: "required",
      },
      {
        name: "oneToNVerificationId is a number",
        break: set("oneToNVerificationId", 5),
        pointer: "/oneToNVerificationId",
        keyword: "type",
      },
    ],
  },
  {
    op: "uqudo.faceSearchInsert",
    status: 200,
    base: samples.uqudoFaceSearchInsertResponse,
    cases: [
      {
        name: "missing oneToNVerificationId",
        break: set("oneToNVerificationId", undefined),
        pointer: "/oneToNVerificationId",
        keyword: "required",
      },
      {
        name: "oneToNVerificationId is null",
        break: set("oneToNVerificationId", null),
        pointer: "/oneToNVerificationId",
        keyword: "type",
      },
    ],
  },
  {
    op: "uqudo.faceSearchDelete",
    status: 204,
    base: undefined,
    cases: [
      { name: "200 instead of 204", status: 200, break: (b) => b, pointer: "", keyword: "status" },
      { name: "204 with a body", break: () => ({ deleted: true }), pointer: "", keyword: "body" },
      { name: "404 body is not an object", status: 404, break: () => "Not Found", pointer: "", keyword: "type" },
    ],
  },
];

describe("broken responses are rejected precisely", () => {
  it("every operation in the specs has broken-response cases", () => {
    expect(specs.operations.map((o) => o.id).filter((id) => !TABLE.some((t) => t.op === id))).toEqual([]);
  });

  it.each(TABLE.map((t) => [t.op, t] as const))("%s: the unbroken sample is valid", (_, t) => {
    expect(specs.validateResponse(t.op, t.status, t.headers ?? {}, t.base)).toEqual([]);
  });

  const rows = TABLE.flatMap((t) => t.cases.map((c) => [`${t.op}: ${c.name}`, t, c] as const));
  it.each(rows)("%s", (_, t, c) => {
    const body = c.break(structuredClone(t.base));
    const findings = specs.validateResponse(t.op, c.status ?? t.status, c.headers ?? t.headers ?? {}, body);
    const hit = findings.find((f) => f.pointer === c.pointer && f.keyword === c.keyword);
    expect(hit, `findings: ${JSON.stringify(findings.map((f) => [f.pointer, f.keyword]))}`).toBeDefined();
    expect(hit!.specPointer).toMatch(/^specs\/(advance|zoloz|uqudo)\.yaml#\//);
    expect(hit!.specLine).toBeGreaterThan(0);
    expect(hit!.message.length).toBeGreaterThan(10);
  });

  it("findings name the violated spec keyword, the values and the spec's own words for the rule", () => {
    const [f] = specs.validateResponse("uqudo.faceMatch", 200, {}, { match: true, matchLevel: 6 });
    expect(f).toEqual({
      pointer: "/matchLevel",
      keyword: "maximum",
      message: expect.stringContaining("<= 5"),
      expected: 5,
      actual: 6,
      specPointer: "specs/uqudo.yaml#/components/schemas/FaceMatchResponse/properties/matchLevel/maximum",
      specLine: expect.any(Number),
      specRule: "1 (worst) to 5 (best). Required even when match is false (uqudo-match-level-when-no-match).",
    });
    // A missing property quotes that property's description, not its parent's.
    const [missing] = specs.validateResponse("uqudo.faceMatch", 200, {}, { match: true });
    expect(missing).toMatchObject({
      keyword: "required",
      pointer: "/matchLevel",
      specRule: expect.stringMatching(/^1 \(worst\) to 5 \(best\)/),
    });
    const body = structuredClone(samples.advanceGetEnrollResponse) as Body;
    body.code = "PARAMETER_ERROR";
    // only the branch the code selects is reported, not the success branch's noise
    expect(specs.validateResponse("advance.getEnroll", 200, {}, body).map((x) => [x.pointer, x.keyword])).toEqual([
      ["/data", "enum"],
    ]);
  });
});
