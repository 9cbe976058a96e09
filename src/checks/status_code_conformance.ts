import { finding, type Check } from "./types.ts";

export const statusCodeConformance: Check = {
  name: "status_code_conformance",
  rule: "The HTTP status is one the documentation lists for the operation.",
  appliesTo: () => true,
  run(context) {
    const { status } = context.exchange.response;
    const documented = context.operation.statuses;
    if (documented.includes(status)) return [];
    return [
      finding(this, context, {
        message: `HTTP ${status} is not documented for ${context.operation.id} (documented: ${documented.join(", ")})`,
        expected: documented,
        actual: status,
        ...(status >= 500 ? { wfc: 100 } : {}),
      }),
    ];
  },
};
