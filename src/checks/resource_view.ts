// How a flow's resource shows in a response, as the operation's `x-resource` visible says: a non-empty list (ADVANCE's
// enrolled images), a flag plus the id (a uqudo 1:N match), or by default the success itself (a delete).
import { getAt, parsePointer } from "../openapi/pointer.ts";
import type { CheckContext } from "./types.ts";
import { outcomeOf } from "../openapi/outcome.ts";

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
  const body = exchange.response.json;
  const visible = operation.resource?.visible ?? {};
  const at = (pointer: string): unknown => getAt(body, parsePointer(pointer));
  if (visible.nonEmpty === undefined && visible.flag === undefined && visible.id === undefined) {
    const head =
      outcome.resultStatus !== undefined
        ? `resultStatus ${outcome.resultStatus}`
        : outcome.code !== undefined
          ? `code ${outcome.code}`
          : `HTTP ${outcome.status}`;
    return { success: outcome.success, visible: outcome.success, detail: `${head} for ${resource}` };
  }
  const parts: string[] = [outcome.code !== undefined ? `code ${outcome.code}` : `HTTP ${outcome.status}`];
  let shown = outcome.success;
  if (visible.nonEmpty !== undefined) {
    const list = at(visible.nonEmpty);
    const count = Array.isArray(list) ? list.length : 0;
    shown &&= count > 0;
    parts.push(`${count} entr${count === 1 ? "y" : "ies"} in ${visible.nonEmpty} for ${resource}`);
  }
  if (visible.flag !== undefined) {
    const flag = at(visible.flag);
    shown &&= flag === true;
    parts.push(`${visible.flag} ${String(flag)}`);
  }
  if (visible.id !== undefined) {
    const id = at(visible.id);
    const copies = context.expectation.kind === "present" ? (context.expectation.copies ?? []) : [];
    shown &&= id === resource || (typeof id === "string" && copies.includes(id));
    const expected =
      copies.length > 0
        ? `${resource} or one of ${copies.length} earlier cop${copies.length === 1 ? "y" : "ies"} of the face`
        : resource;
    parts.push(`${visible.id} ${String(id)} (expected ${expected})`);
  }
  return { success: outcome.success, visible: shown, detail: parts.join(", ") };
}
