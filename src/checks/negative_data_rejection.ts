import { describeRejections, matchRejection, rejectionsFor } from "./documented_rejections.ts";
import { describeOutcome, outcomeOf } from "../openapi/outcome.ts";
import { finding, type Check } from "./types.ts";

export const negativeDataRejection: Check = {
  name: "negative_data_rejection",
  wfc: 102,
  rule: "Input the documentation says must be rejected gets one of the documented rejections for it, with the documented code and message.",
  appliesTo: (context) => context.expectation.kind === "reject",
  run(context) {
    if (context.expectation.kind !== "reject") return [];
    const { violations } = context.expectation;
    const outcome = outcomeOf(context.exchange, context.operation);
    const allowed = rejectionsFor(context.operation, violations);
    // The docs say nothing about these violations here: there is no documented rejection to hold the vendor to.
    if (allowed.length === 0) return [];
    if (outcome.success) {
      return [
        finding(this, context, {
          message: `input with ${violations.join(", ")} was accepted (${describeOutcome(outcome)})`,
          expected: describeRejections(allowed) || "a rejection",
          actual: describeOutcome(outcome),
        }),
      ];
    }
    const match = matchRejection(outcome, allowed);
    if (match.kind === "match") return [];
    if (match.kind === "message-differs") {
      return [
        finding(this, context, {
          severity: "warning",
          wfc: undefined,
          message: `rejected with an undocumented message for ${violations.join(", ")}`,
          ...(context.operation.envelope.message ? { pointer: context.operation.envelope.message } : {}),
          expected: match.messages,
          actual: outcome.message ?? null,
        }),
      ];
    }
    const codePointer = context.operation.envelope.code;
    return [
      finding(this, context, {
        wfc: undefined,
        ...(codePointer ? { pointer: codePointer } : {}),
        message: `input with ${violations.join(", ")} got ${describeOutcome(outcome)}, not a documented rejection`,
        expected: describeRejections(allowed),
        actual: describeOutcome(outcome),
      }),
    ];
  },
};
