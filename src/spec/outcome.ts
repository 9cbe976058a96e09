// Reads a vendor's business outcome out of a response: the one place that knows each vendor's envelope.
import type { OperationInfo } from "../spec/types.ts";
import type { Exchange } from "../types.ts";

export interface BusinessOutcome {
  /** The vendor said the call succeeded. */
  success: boolean;
  /** ADVANCE `code` / ZOLOZ `result.resultCode`; undefined for uqudo or an unreadable body. */
  code?: string;
  message?: string;
  /** ZOLOZ `result.resultStatus`. */
  resultStatus?: string;
  status: number;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function outcomeOf(exchange: Exchange, operation: OperationInfo): BusinessOutcome {
  const status = exchange.response.status;
  const body = record(exchange.response.json);
  const is2xx = status >= 200 && status < 300;
  switch (operation.vendor) {
    case "advance": {
      const code = str(body?.["code"]);
      return { status, success: is2xx && code === "SUCCESS", ...opt("code", code), ...opt("message", str(body?.["message"])) };
    }
    case "zoloz": {
      const result = record(body?.["result"]);
      const resultStatus = str(result?.["resultStatus"]);
      // The gateway probe echoes its body and may carry no result: a 2xx JSON answer is its success.
      const success = is2xx && (result ? resultStatus === "S" : operation.operationId === "authenticationTest" && body !== undefined);
      return {
        status,
        success,
        ...opt("code", str(result?.["resultCode"])),
        ...opt("message", str(result?.["resultMessage"])),
        ...opt("resultStatus", resultStatus),
      };
    }
    case "uqudo":
      return { status, success: is2xx };
  }
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
