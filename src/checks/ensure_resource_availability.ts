import { viewResource } from "./resource_view.ts";
import { finding, type Check } from "./types.ts";

export const ensureResourceAvailability: Check = {
  name: "ensure_resource_availability",
  rule: "A resource the flow just created is visible: an enrolled face is listed by get-enroll (at most 5 URLs), an inserted 1:N face is found by search.",
  appliesTo: (context) => context.expectation.kind === "present",
  run(context) {
    if (context.expectation.kind !== "present") return [];
    const view = viewResource(context, context.expectation.resource);
    if (view.visible) return [];
    return [
      finding(this, context, {
        message: `created resource ${context.expectation.resource} is not visible: ${view.detail}`,
        expected: "the created resource",
        actual: view.detail,
      }),
    ];
  },
};
