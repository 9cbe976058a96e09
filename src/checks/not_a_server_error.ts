// A server error the vendor gives again on every retry of one input, while the same operation answers its valid
// default request normally right after, is the vendor's behaviour for that input, not an outage: the documentation
// promises an answer (a success or a documented rejection), never a crash. Schemathesis calls this check
// `not_a_server_error`. A server error that goes away on retry, or that the control request gets too, is not judged
// here: the runner reports the first as the answer it recovered to and the second as an outage (inconclusive).
import { reproducedServerError } from "../reliability/classify.ts";
import type { AttemptAnswer } from "../types.ts";
import { finding, type Check } from "./types.ts";

const describe = (a: AttemptAnswer): string =>
  `HTTP ${a.status}${a.contentType ? ` (${a.contentType.split(";")[0]})` : ""}`;

export const notAServerError: Check = {
  name: "not_a_server_error",
  wfc: 100,
  rule: "The vendor answers every request with a documented answer, not a server error; an error that recurs on retry for this input while the operation answers other input normally is the vendor's behaviour.",
  appliesTo: (context) => context.call !== undefined && context.call.attempts.length > 1,
  run(context) {
    const { attempts, control } = context.call!;
    const last = attempts[attempts.length - 1]!;
    if (!reproducedServerError(attempts) || !control || control.status >= 500 || control.fault !== undefined) return [];
    return [
      finding(this, context, {
        message: `${describe(last)} on all ${attempts.length} attempts for this input, while ${control.operationId} answered its valid default request with ${describe(control)} right after`,
        expected: "a documented answer (status below 500, in the vendor's JSON envelope)",
        actual: { attempts: attempts.map(describe), control: `${control.operationId}: ${describe(control)}` },
      }),
    ];
  },
};
