// Reads a vendor's business outcome out of a response, where the spec's `x-envelope` says it lives.
import { getAt, parsePointer } from "./pointer.ts";
import type { Envelope, OperationInfo } from "./types.ts";
import type { Exchange } from "../types.ts";

export interface BusinessOutcome {
  /** The vendor said the call succeeded. */
  success: boolean;
  /** The envelope's code (ADVANCE `code`, ZOLOZ `result.resultCode`); undefined without one or in an unreadable body. */
  code?: string;
  message?: string;
  /** The envelope's status (ZOLOZ `result.resultStatus`). */
  resultStatus?: string;
  status: number;
}

const at = (body: unknown, pointer: string | undefined): unknown =>
  pointer === undefined ? undefined : getAt(body, parsePointer(pointer));
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Whether the body carries the envelope: the object holding its code is there (the body itself for ADVANCE). */
export function hasEnvelope(envelope: Envelope, body: unknown): boolean {
  const pointer = envelope.code ?? envelope.status;
  if (pointer === undefined) return true;
  const parentPointer = pointer.slice(0, pointer.lastIndexOf("/"));
  const parent = parentPointer === "" ? body : at(body, parentPointer);
  return parent !== null && typeof parent === "object" && !Array.isArray(parent);
}

export function outcomeOf(exchange: Exchange, operation: OperationInfo): BusinessOutcome {
  const status = exchange.response.status;
  const body = exchange.response.json;
  const envelope = operation.envelope;
  const is2xx = status >= 200 && status < 300;
  const code = str(at(body, envelope.code));
  const resultStatus = str(at(body, envelope.status));
  const present = hasEnvelope(envelope, body);
  const decides = envelope.decidedBy
    ? [envelope.decidedBy]
    : (["code", "status"] as const).filter((k) => envelope.success[k] !== undefined);
  const held = decides.every((k) => (k === "code" ? code : resultStatus) === envelope.success[k]);
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  const success = is2xx && (present ? held : envelope.optional && isObject);
  return {
    status,
    success,
    ...opt("code", code),
    ...opt("message", str(at(body, envelope.message))),
    ...opt("resultStatus", resultStatus),
  };
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

export function describeOutcome(outcome: BusinessOutcome): string {
  const parts = [`HTTP ${outcome.status}`];
  if (outcome.resultStatus !== undefined) parts.push(`resultStatus ${outcome.resultStatus}`);
  if (outcome.code !== undefined) parts.push(`code ${outcome.code}`);
  if (outcome.message !== undefined) parts.push(`message ${JSON.stringify(outcome.message)}`);
  return parts.join(", ");
}
