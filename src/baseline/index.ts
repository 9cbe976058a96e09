export { applyBaseline, entryMatches, renderBaselineText } from "./apply.ts";
export { isCalendarDate, loadBaseline, parseBaseline } from "./load.ts";
export { checkBaselineNames } from "./names.ts";
export type { Baseline, BaselineEntry, BaselineMatch, BaselineOutcome, ExpiredEntry, UnusedEntry } from "./types.ts";
