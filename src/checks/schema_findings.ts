// Both schema checks read one validation per exchange: validate once, split by where the finding points.
import type { SchemaFinding } from "../types.ts";
import type { CheckContext } from "./types.ts";

const cache = new WeakMap<object, SchemaFinding[]>();

export function schemaFindings(context: CheckContext): SchemaFinding[] {
  const { exchange } = context;
  let found = cache.get(exchange);
  if (!found) {
    const { status, headers, json } = exchange.response;
    found = context.spec.validateResponse(exchange.operationId, status, headers, json);
    cache.set(exchange, found);
  }
  return found;
}

export const isHeaderFinding = (f: SchemaFinding) => f.pointer.startsWith("/headers");
