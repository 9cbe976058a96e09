// "did you mean …?" for a mistyped name: the closest known name by edit distance, when it is close enough to be a typo.
import { closest, distance } from "fastest-levenshtein";

/** ` (did you mean NAME?)`, or "" when no known name is within a typo's reach of `value`. */
export function didYouMean(value: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const best = closest(value, [...known]);
  return distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean ${best}?)` : "";
}
