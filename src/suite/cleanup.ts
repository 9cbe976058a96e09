// What a successful call created, and the documented call that deletes it, both from the spec's `x-resource`. Used
// after every single case, so a live run leaves nothing behind even when a vendor wrongly accepts input it should
// have refused.
import { createdResource, undoRequest } from "../reliability/journal.ts";
import type { SpecSet } from "../openapi/types.ts";
import type { Exchange, RequestSpec } from "../types.ts";

export function cleanupFor(exchange: Exchange, spec: SpecSet): RequestSpec[] {
  const created = createdResource(exchange, spec.operation(exchange.operationId), true);
  return created ? [undoRequest(created, spec)] : [];
}
