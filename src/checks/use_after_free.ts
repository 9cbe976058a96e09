import { viewResource } from "./resource_view.ts";
import { finding, type Check } from "./types.ts";

export const useAfterFree: Check = {
  name: "use_after_free",
  wfc: 103,
  rule: "After a documented delete (delete-enroll, unenroll, 1:N delete) the resource is gone: get-enroll no longer lists it, a second 1:N delete answers 404.",
  appliesTo: (context) => context.expectation.kind === "absent",
  run(context) {
    if (context.expectation.kind !== "absent") return [];
    const view = viewResource(context, context.expectation.resource);
    if (!view.visible) return [];
    return [
      finding(this, context, {
        message: `deleted resource ${context.expectation.resource} is still there: ${view.detail}`,
        expected: "the resource to be gone",
        actual: view.detail,
      }),
    ];
  },
};
