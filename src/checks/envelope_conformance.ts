import type { Finding } from "../types.ts";
import { finding, type Check, type CheckContext } from "./types.ts";

type Body = Record<string, unknown>;

function asBody(value: unknown): Body | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Body) : undefined;
}

// ADVANCE.AI: code documented, message documented for that code, data null off SUCCESS, transactionId <= 64, pricingStrategy FREE.
function advance(check: Check, context: CheckContext, body: Body): Finding[] {
  const found: Finding[] = [];
  const code = body["code"];
  const known = context.operation.businessCodes.filter((c) => c.code === code);
  if (typeof code !== "string" || known.length === 0) {
    found.push(finding(check, context, {
      message: `business code ${JSON.stringify(code)} is not documented for ${context.operation.id}`,
      pointer: "/code",
      expected: [...new Set(context.operation.businessCodes.map((c) => c.code))],
      actual: code ?? null,
    }));
  } else {
    const messages = known.flatMap((c) => c.messages);
    const message = body["message"];
    if (messages.length > 0 && !messages.includes(message as string)) {
      found.push(finding(check, context, {
        severity: "warning",
        message: `message ${JSON.stringify(message)} is not one documented for ${code}`,
        pointer: "/message",
        expected: messages,
        actual: message ?? null,
      }));
    }
  }
  if (code !== "SUCCESS" && "data" in body && body["data"] !== null) {
    found.push(finding(check, context, { message: `data must be null when code is ${String(code)}`, pointer: "/data", expected: null, actual: body["data"] }));
  }
  const transactionId = body["transactionId"];
  if (typeof transactionId === "string" && transactionId.length > 64) {
    found.push(finding(check, context, { message: `transactionId is ${transactionId.length} characters; the documented maximum is 64`, pointer: "/transactionId", expected: "<= 64", actual: transactionId.length }));
  }
  const pricing = body["pricingStrategy"];
  if (pricing !== undefined && pricing !== "FREE") {
    found.push(finding(check, context, { severity: "warning", message: `pricingStrategy ${JSON.stringify(pricing)}; the IDVS pages say it is deprecated and always FREE`, pointer: "/pricingStrategy", expected: "FREE", actual: pricing }));
  }
  return found;
}

// ZOLOZ: S exactly when SUCCESS, U only where documented, transactionId on a successful enroll and none on a failed
// one (the enroll page: "when an error occurs ... no transaction ID is returned").
function zoloz(check: Check, context: CheckContext, body: Body): Finding[] {
  const result = asBody(body["result"]);
  if (!result) {
    return context.operation.operationId === "authenticationTest"
      ? []
      : [finding(check, context, { message: "result object is missing", pointer: "/result", expected: "{resultStatus, resultCode, resultMessage}", actual: body["result"] ?? null })];
  }
  const found: Finding[] = [];
  const status = result["resultStatus"];
  const code = result["resultCode"];
  const known = context.operation.businessCodes.filter((c) => c.code === code);
  if (typeof code !== "string" || known.length === 0) {
    found.push(finding(check, context, { message: `resultCode ${JSON.stringify(code)} is not documented for ${context.operation.id}`, pointer: "/result/resultCode", expected: [...new Set(context.operation.businessCodes.map((c) => c.code))], actual: code ?? null }));
  }
  if ((status === "S") !== (code === "SUCCESS")) {
    found.push(finding(check, context, { message: `resultStatus ${JSON.stringify(status)} with resultCode ${JSON.stringify(code)}: S is documented exactly for SUCCESS`, pointer: "/result/resultStatus", expected: code === "SUCCESS" ? "S" : "F or U", actual: status ?? null }));
  } else if (status === "U" && known.length > 0 && !known.some((c) => c.status === "U")) {
    found.push(finding(check, context, { message: `resultStatus U is not documented for resultCode ${String(code)}`, pointer: "/result/resultStatus", expected: known.map((c) => c.status), actual: "U" }));
  }
  if (status === "S" && context.operation.operationId === "connectEnroll" && typeof body["transactionId"] !== "string") {
    found.push(finding(check, context, { message: "a successful enroll carries no transactionId", pointer: "/transactionId", expected: "string", actual: body["transactionId"] ?? null }));
  }
  if ((status === "F" || status === "U") && context.operation.operationId === "connectEnroll" && body["transactionId"] !== undefined) {
    found.push(finding(check, context, { message: `a failed enroll (resultStatus ${status}) carries a transactionId; none is returned when an error occurs`, pointer: "/transactionId", expected: "absent", actual: body["transactionId"] }));
  }
  return found;
}

// uqudo face match: match is true exactly when matchLevel reaches minimumMatchLevel (documented default 3).
function uqudoMatch(check: Check, context: CheckContext, body: Body | undefined): Finding[] {
  const level = body?.["matchLevel"];
  const match = body?.["match"];
  if (typeof level !== "number" || typeof match !== "boolean") return [];
  let minimum: unknown = 3;
  try {
    minimum = asBody(JSON.parse(Buffer.from(context.exchange.request.body).toString("utf8")))?.["minimumMatchLevel"] ?? 3;
  } catch {
    return [];
  }
  if (typeof minimum !== "number" || match === level >= minimum) return [];
  return [finding(check, context, { message: `match ${match} with matchLevel ${level} and minimumMatchLevel ${minimum}`, pointer: "/match", expected: level >= minimum, actual: match })];
}

export const envelopeConformance: Check = {
  name: "envelope_conformance",
  wfc: 101,
  rule: "The vendor envelope follows its documented semantics (business codes, messages, result triple, bodies per status).",
  // A uqudo 204 must have no body at all, JSON or not.
  appliesTo: (context) =>
    context.exchange.response.parseError === undefined || (context.operation.vendor === "uqudo" && context.exchange.response.status === 204),
  run(context) {
    const { response } = context.exchange;
    if (context.operation.vendor === "uqudo") {
      // HTTP clients drop a 204's body, so its announced Content-Length is the evidence (RFC 9110: none on a 204).
      const announced = Number(response.headers["content-length"] ?? 0);
      if (response.status === 204 && (response.body.length > 0 || announced > 0)) {
        const size = Math.max(response.body.length, announced);
        return [finding(this, context, { message: `204 No Content carries a ${size}-byte body`, expected: "empty body", actual: size })];
      }
      if (response.status >= 200 && response.status < 300 && response.status !== 204 && asBody(response.json) === undefined) {
        return [finding(this, context, { message: `HTTP ${response.status} carries no JSON object`, expected: "JSON object", actual: typeof response.json })];
      }
      if (context.operation.operationId === "faceMatch" && response.status === 200) return uqudoMatch(this, context, asBody(response.json));
      return [];
    }
    const body = asBody(response.json);
    if (!body) return [finding(this, context, { message: "the response body is not a JSON object", expected: "JSON object", actual: response.json === undefined ? "empty body" : typeof response.json })];
    return context.operation.vendor === "advance" ? advance(this, context, body) : zoloz(this, context, body);
  },
};
