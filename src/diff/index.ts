export {
  diffResults,
  type Drift,
  type CheckDrift,
  type CaseStatusChange,
  type ShapeChange,
  type ShapeDrift,
  type FindingRef,
  type RunRef,
} from "./diff.ts";
export { renderDiffText, safeText } from "./text.ts";
export { shapeOf, shapeOfBody, type Shape, type JsonType } from "./shape.ts";
