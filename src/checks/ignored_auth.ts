import { describeRejections, matchRejection, rejectionsFor } from "./documented_rejections.ts";
import { describeOutcome, outcomeOf } from "../openapi/outcome.ts";
import { finding, type Check } from "./types.ts";

const violationOf = { none: "auth-missing", wrong: "auth-invalid", expired: "auth-expired" } as const;

export const ignoredAuth: Check = {
  name: "ignored_auth",
  rule: "Missing, wrong or expired credentials get the documented authentication error and never a success.",
  appliesTo: (context) => context.expectation.kind === "auth",
  run(context) {
    if (context.expectation.kind !== "auth") return [];
    const { mode } = context.expectation;
    const outcome = outcomeOf(context.exchange, context.operation);
    const allowed = rejectionsFor(context.operation, [violationOf[mode]]);
    if (outcome.success) {
      return [
        finding(this, context, {
          wfc: mode === "none" ? 207 : 206,
          message: `a request with ${mode === "none" ? "no" : mode} credentials succeeded (${describeOutcome(outcome)})`,
          expected: describeRejections(allowed) || "an authentication error",
          actual: describeOutcome(outcome),
        }),
      ];
    }
    const match = matchRejection(outcome, allowed);
    if (allowed.length === 0 || match.kind === "match") return [];
    if (match.kind === "message-differs") {
      return [
        finding(this, context, {
          severity: "warning",
          message: `authentication error with an undocumented message`,
          expected: match.messages,
          actual: outcome.message ?? null,
        }),
      ];
    }
    return [
      finding(this, context, {
        message: `${mode === "none" ? "missing" : mode} credentials got ${describeOutcome(outcome)}, not the documented authentication error`,
        expected: describeRejections(allowed),
        actual: describeOutcome(outcome),
      }),
    ];
  },
};
