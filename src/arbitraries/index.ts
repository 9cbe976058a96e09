// fast-check arbitraries that carry their documented violations (one arbitrary per file, like fast-check).
export type { Labeled } from "./_internals/labeled.ts";
export {
  imageDescription,
  imageDescriptionSize,
  formatOrder,
  type ImageDescriptionConstraints,
} from "./imageDescription.ts";
export { base64Transport, base64TransportSize, TRANSPORT_PROBE_BYTES, type Base64Encoded } from "./base64Transport.ts";
export {
  stringAtLimit,
  stringAtLimitSize,
  measure,
  type LengthUnit,
  type StringAtLimitConstraints,
} from "./stringAtLimit.ts";
export { regionCode, regionCodeSize } from "./regionCode.ts";
export { minimumMatchLevel, minimumMatchLevelSize, type MinimumMatchLevelConstraints } from "./minimumMatchLevel.ts";
export {
  jsonTypeConfusion,
  jsonTypeConfusionSize,
  jsonTypeOf,
  matchesType,
  type JsonType,
  type JsonTypeConfusionConstraints,
} from "./jsonTypeConfusion.ts";
export { unknownId, unknownIdSize, makeUnknownId, type IdShape, type UnknownIdConstraints } from "./unknownId.ts";
export { solutionCode, solutionCodeSize, type SolutionCodeConstraints } from "./solutionCode.ts";
export { booleanish, booleanishSize } from "./booleanish.ts";
