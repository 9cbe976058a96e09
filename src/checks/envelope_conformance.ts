import { getAt, parsePointer } from "../openapi/pointer.ts";
import type { Finding } from "../types.ts";
import { hasEnvelope } from "../openapi/outcome.ts";
import { finding, type Check, type CheckContext } from "./types.ts";
import { textOf } from "../bytes.ts";

type Body = Record<string, unknown>;

function asBody(value: unknown): Body | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Body) : undefined;
}

const at = (body: unknown, pointer: string): unknown => getAt(body, parsePointer(pointer));
const lastSegment = (pointer: string): string => parsePointer(pointer).pop() ?? pointer;

// A vendor whose answers carry an `x-envelope` code (ADVANCE.AI, ZOLOZ): the envelope is there, its code is
// documented, its message documented for that code, its status paired with the code as documented (ZOLOZ: S
// exactly when SUCCESS, U only where documented), fields present exactly on success, null off success, and the
// top-level limits of the answer's schema (ADVANCE transactionId <= 64).
function withEnvelope(check: Check, context: CheckContext, body: Body): Finding[] {
  const { operation } = context;
  const envelope = operation.envelope;
  const codePointer = envelope.code!;
  if (!hasEnvelope(envelope, body)) {
    if (envelope.optional) return [];
    const parent = codePointer.slice(0, codePointer.lastIndexOf("/"));
    const fields = [envelope.status, envelope.code, envelope.message]
      .filter((p): p is string => p !== undefined)
      .map(lastSegment);
    return [
      finding(check, context, {
        message: `${lastSegment(parent)} object is missing`,
        pointer: parent,
        expected: `{${fields.join(", ")}}`,
        actual: at(body, parent) ?? null,
      }),
    ];
  }
  const found: Finding[] = [];
  const code = at(body, codePointer);
  const codeName = lastSegment(codePointer);
  const known = operation.businessCodes.filter((c) => c.code === code);
  if (typeof code !== "string" || known.length === 0) {
    found.push(
      finding(check, context, {
        message: `${codeName} ${JSON.stringify(code)} is not documented for ${operation.id}`,
        pointer: codePointer,
        expected: [...new Set(operation.businessCodes.map((c) => c.code))],
        actual: code ?? null,
      }),
    );
  } else if (envelope.message !== undefined) {
    const messages = known.flatMap((c) => c.messages);
    const message = at(body, envelope.message);
    if (messages.length > 0 && !messages.includes(message as string)) {
      found.push(
        finding(check, context, {
          severity: "warning",
          message: `message ${JSON.stringify(message)} is not one documented for ${code}`,
          pointer: envelope.message,
          expected: messages,
          actual: message ?? null,
        }),
      );
    }
  }
  const { success } = envelope;
  const status = envelope.status !== undefined ? at(body, envelope.status) : undefined;
  if (envelope.status !== undefined && success.status !== undefined && success.code !== undefined) {
    const statusName = lastSegment(envelope.status);
    if ((status === success.status) !== (code === success.code)) {
      found.push(
        finding(check, context, {
          message: `${statusName} ${JSON.stringify(status)} with ${codeName} ${JSON.stringify(code)}: ${success.status} is documented exactly for ${success.code}`,
          pointer: envelope.status,
          expected: code === success.code ? success.status : `not ${success.status}`,
          actual: status ?? null,
        }),
      );
    } else if (status !== success.status && known.length > 0 && !known.some((c) => c.status === status)) {
      found.push(
        finding(check, context, {
          message: `${statusName} ${String(status)} is not documented for ${codeName} ${String(code)}`,
          pointer: envelope.status,
          expected: known.map((c) => c.status),
          actual: status ?? null,
        }),
      );
    }
  }
  const decides = envelope.decidedBy
    ? [envelope.decidedBy]
    : (["code", "status"] as const).filter((k) => success[k] !== undefined);
  const succeeded = decides.every((k) => (k === "code" ? code : status) === success[k]);
  for (const pointer of envelope.nullOnFailure) {
    const value = at(body, pointer);
    if (!succeeded && value !== undefined && value !== null)
      found.push(
        finding(check, context, {
          message: `${lastSegment(pointer)} must be null when ${codeName} is ${String(code)}`,
          pointer,
          expected: null,
          actual: value,
        }),
      );
  }
  for (const pointer of envelope.successOnly) {
    const value = at(body, pointer);
    const name = lastSegment(pointer);
    if (succeeded && value === undefined)
      found.push(
        finding(check, context, {
          message: `a successful ${operation.operationId} carries no ${name}`,
          pointer,
          expected: "present",
          actual: null,
        }),
      );
    const failed = decides.some((k) => (k === "code" ? code : status) !== undefined) && !succeeded;
    if (failed && value !== undefined) {
      const how =
        envelope.decidedBy === "status" || (envelope.decidedBy === undefined && success.status !== undefined)
          ? `${lastSegment(envelope.status!)} ${String(status)}`
          : `${codeName} ${String(code)}`;
      found.push(
        finding(check, context, {
          message: `a failed ${operation.operationId} (${how}) carries a ${name}; none is returned when an error occurs`,
          pointer,
          expected: "absent",
          actual: value,
        }),
      );
    }
  }
  for (const [name, limits] of Object.entries(operation.limits.response)) {
    const value = body[name];
    if (typeof value === "string" && limits.maxLength !== undefined && value.length > limits.maxLength) {
      found.push(
        finding(check, context, {
          message: `${name} is ${value.length} characters; the documented maximum is ${limits.maxLength}`,
          pointer: `/${name}`,
          expected: `<= ${limits.maxLength}`,
          actual: value.length,
        }),
      );
    }
  }
  const pricing = body["pricingStrategy"];
  if (operation.vendor === "advance" && pricing !== undefined && pricing !== "FREE") {
    found.push(
      finding(check, context, {
        severity: "warning",
        message: `pricingStrategy ${JSON.stringify(pricing)}; the IDVS pages say it is deprecated and always FREE`,
        pointer: "/pricingStrategy",
        expected: "FREE",
        actual: pricing,
      }),
    );
  }
  return found;
}

// uqudo face match: match is true exactly when matchLevel reaches minimumMatchLevel (its schema default when absent).
function uqudoMatch(check: Check, context: CheckContext, body: Body | undefined): Finding[] {
  const level = body?.["matchLevel"];
  const match = body?.["match"];
  if (typeof level !== "number" || typeof match !== "boolean") return [];
  let minimum: unknown = context.operation.limits.request["minimumMatchLevel"]?.default;
  try {
    minimum = asBody(JSON.parse(textOf(context.exchange.request.body)))?.["minimumMatchLevel"] ?? minimum;
  } catch {
    return [];
  }
  if (typeof minimum !== "number" || match === level >= minimum) return [];
  return [
    finding(check, context, {
      message: `match ${match} with matchLevel ${level} and minimumMatchLevel ${minimum}`,
      pointer: "/match",
      expected: level >= minimum,
      actual: match,
    }),
  ];
}

export const envelopeConformance: Check = {
  name: "envelope_conformance",
  wfc: 101,
  rule: "The vendor envelope follows its documented semantics (business codes, messages, result triple, bodies per status).",
  // A 204 must have no body at all, JSON or not.
  appliesTo: (context) =>
    context.exchange.response.parseError === undefined ||
    (context.operation.envelope.code === undefined && context.exchange.response.status === 204),
  run(context) {
    const { response } = context.exchange;
    if (context.operation.envelope.code === undefined) {
      // HTTP clients drop a 204's body, so its announced Content-Length is the evidence (RFC 9110: none on a 204).
      const announced = Number(response.headers["content-length"] ?? 0);
      if (response.status === 204 && (response.body.length > 0 || announced > 0)) {
        const size = Math.max(response.body.length, announced);
        return [
          finding(this, context, {
            message: `204 No Content carries a ${size}-byte body`,
            expected: "empty body",
            actual: size,
          }),
        ];
      }
      if (
        response.status >= 200 &&
        response.status < 300 &&
        response.status !== 204 &&
        asBody(response.json) === undefined
      ) {
        return [
          finding(this, context, {
            message: `HTTP ${response.status} carries no JSON object`,
            expected: "JSON object",
            actual: typeof response.json,
          }),
        ];
      }
      if (context.operation.limits.request["minimumMatchLevel"] !== undefined && response.status === 200)
        return uqudoMatch(this, context, asBody(response.json));
      return [];
    }
    const body = asBody(response.json);
    if (!body)
      return [
        finding(this, context, {
          message: "the response body is not a JSON object",
          expected: "JSON object",
          actual: response.json === undefined ? "empty body" : typeof response.json,
        }),
      ];
    return withEnvelope(this, context, body);
  },
};
