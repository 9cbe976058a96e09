// What the section renderers share: the results plus the cross-references (case ↔ matrix cell, deviation anchors).
import type { Vendor } from "../../src/types.ts";
import type { CaseResult, CaseStatus, RunResults } from "../../src/results/model.ts";
import type { CellStatus } from "../../src/results/verdict.ts";

export interface RenderContext {
  results: RunResults;
  /** Case index → ids of the matrix cells it counts in (for the cell filter). */
  caseCells: Map<number, string[]>;
  /** Deviation id → its anchor `dev-N` in the register. */
  deviationAnchor: Map<string, string>;
  /** Longest body shown, in characters. */
  maxBody: number;
}

export const VENDOR_NAMES: Record<Vendor, string> = { advance: "ADVANCE.AI", zoloz: "ZOLOZ", uqudo: "uqudo" };
export const vendorName = (v: Vendor): string => VENDOR_NAMES[v] ?? v;

export const CASE_STATUS_CLASS: Record<CaseStatus, CellStatus> = {
  failed: "fail",
  passed: "pass",
  skipped: "skip",
  inconclusive: "inconclusive",
};

export const caseAnchor = (index: number): string => `case-${index}`;
export const caseIndex = (results: RunResults, c: CaseResult): number => results.cases.indexOf(c);
