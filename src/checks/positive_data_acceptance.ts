import { describeOutcome, outcomeOf } from "../openapi/outcome.ts";
import { finding, type Check } from "./types.ts";

export const positiveDataAcceptance: Check = {
  name: "positive_data_acceptance",
  rule: "Input the documentation calls valid is accepted with a documented success.",
  appliesTo: (context) => context.expectation.kind === "accept",
  run(context) {
    const outcome = outcomeOf(context.exchange, context.operation);
    if (outcome.success) return [];
    return [
      finding(this, context, {
        message: `valid input was refused: ${describeOutcome(outcome)}`,
        expected: "a documented success",
        actual: describeOutcome(outcome),
      }),
    ];
  },
};
