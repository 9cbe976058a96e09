// Client side (the proxy): each image the app sends, decoded from its real bytes, against the documented limits of
// its field (x-image: formats, byte size, dimensions) — the oracle the sandbox and the fuzzers use.
import { sizeAmbiguous, violationsFromFacts } from "../images/oracle.ts";
import { finding, ruleRef, type Check } from "./types.ts";

export const requestImageLimits: Check = {
  name: "request_image_limits",
  rule: "Every image the app sends is in a documented format, within the documented byte size and dimensions, and shows a face.",
  appliesTo: (context) => context.client !== undefined && context.client.images.length > 0,
  run(context) {
    return context.client!.images.flatMap(({ field, facts }) => {
      const imageField = context.operation.imageFields.find((f) => f.field === field);
      if (!imageField) return [];
      const { limits } = imageField;
      const size = `${facts.bytes} bytes, ${facts.format}${facts.width !== undefined ? ` ${facts.width}×${facts.height}` : ""}`;
      return violationsFromFacts(facts, limits).map((violation) => {
        // A size too large under one reading of an ambiguous unit only is that deviation's question, not the app's fault.
        const ambiguous = violation === "image-too-large" && sizeAmbiguous(facts.bytes, limits);
        return finding(this, context, {
          message: `/${field}: ${violation} (${size}; documented: ${limits.formats.join("/")}, ${limits.exclusiveMaxBytes ? "<" : "≤"} ${limits.maxBytes} bytes${limits.minWidth !== undefined ? `, ${limits.minWidth}×${limits.minHeight} to ${limits.maxWidth}×${limits.maxHeight}` : ""})`,
          pointer: `/${field}`,
          expected:
            violation === "image-too-large"
              ? `${limits.exclusiveMaxBytes ? "<" : "≤"} ${limits.maxBytes} bytes`
              : `no ${violation}`,
          actual: violation === "image-too-large" ? facts.bytes : violation,
          // The kit's "no face" is a heuristic, so a near-uniform picture is a warning, not the app's proven fault.
          ...(ambiguous
            ? { severity: "warning" as const, ...(limits.sizeDeviation ? { deviation: limits.sizeDeviation } : {}) }
            : violation === "image-no-face"
              ? { severity: "warning" as const }
              : {}),
          rule: {
            ...ruleRef(context.operation, this.rule),
            ...(imageField.specPointer ? { specPointer: imageField.specPointer } : {}),
          },
        });
      });
    });
  },
};
