// How a flow's resource shows in a response, per vendor: the ADVANCE enrolled images or a uqudo 1:N match.
import type { CheckContext } from "./types.ts";
import { outcomeOf } from "../spec/outcome.ts";

export interface ResourceView {
  /** The vendor answered with a success. */
  success: boolean;
  /** The resource is visibly there (images listed, face matched, DELETE succeeded). */
  visible: boolean;
  detail: string;
}

export function viewResource(context: CheckContext, resource: string): ResourceView {
  const { exchange, operation } = context;
  const outcome = outcomeOf(exchange, operation);
  const body = exchange.response.json as Record<string, unknown> | undefined;
  if (operation.vendor === "advance") {
    const data = body?.["data"] as Record<string, unknown> | null | undefined;
    const images = Array.isArray(data?.["imageUrlList"]) ? (data["imageUrlList"] as unknown[]) : [];
    return { success: outcome.success, visible: outcome.success && images.length > 0, detail: `code ${String(body?.["code"])}, ${images.length} image URL(s) for ${resource}` };
  }
  if (operation.vendor === "uqudo") {
    if (operation.operationId === "faceSearchDelete") {
      return { success: outcome.success, visible: outcome.success, detail: `HTTP ${exchange.response.status} deleting ${resource}` };
    }
    const matched = body?.["oneToNVerificationMatch"] === true;
    const id = body?.["oneToNVerificationId"];
    const copies = context.expectation.kind === "present" ? (context.expectation.copies ?? []) : [];
    const found = id === resource || (typeof id === "string" && copies.includes(id));
    const expected = copies.length > 0 ? `${resource} or one of ${copies.length} earlier cop${copies.length === 1 ? "y" : "ies"} of the face` : resource;
    return { success: outcome.success, visible: outcome.success && matched && found, detail: `match ${String(body?.["oneToNVerificationMatch"])}, id ${String(id)} (expected ${expected})` };
  }
  return { success: outcome.success, visible: outcome.success, detail: `resultStatus ${String(outcome.resultStatus)}` };
}
