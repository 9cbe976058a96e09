// What a successful call created, and the documented call that deletes it. Used after every single case, so a
// live run leaves nothing behind even when a vendor wrongly accepts input it should have refused.
import { outcomeOf } from "../spec/outcome.ts";
import type { SpecSet } from "../spec/types.ts";
import type { Exchange, RequestSpec } from "../types.ts";

function bodyOf(exchange: Exchange): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(exchange.request.body).toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function cleanupFor(exchange: Exchange, spec: SpecSet): RequestSpec[] {
  const operation = spec.operation(exchange.operationId);
  if (!outcomeOf(exchange, operation).success) return [];
  const request = bodyOf(exchange);
  const response = (exchange.response.json ?? {}) as Record<string, unknown>;
  switch (exchange.operationId) {
    case "advance.enroll":
      return typeof request["userId"] === "string" ? [{ operationId: "advance.deleteEnroll", body: { kind: "json", value: { userId: request["userId"] } } }] : [];
    case "zoloz.connectEnroll":
      return typeof request["userId"] === "string" ? [{ operationId: "zoloz.connectUnenroll", body: { kind: "json", value: { bizId: request["bizId"], userId: request["userId"] } } }] : [];
    case "uqudo.faceSearchInsert":
    case "uqudo.faceSearch": {
      const id = response["oneToNVerificationId"];
      const inserted = exchange.operationId === "uqudo.faceSearchInsert" || (request["insert"] === true && response["oneToNVerificationMatch"] !== true);
      return inserted && typeof id === "string" ? [{ operationId: "uqudo.faceSearchDelete", pathParams: { oneToNVerificationId: id } }] : [];
    }
    default:
      return [];
  }
}
