// "Did you mean …?" for a name the user typed: the closest known name, when it is close enough to be a typo.
import { distance } from "fastest-levenshtein";

/** The known name nearest to `typed` (case-insensitive), or undefined when none is within a typo's reach. */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(wanted, name.toLowerCase());
    if (!best || d < best.d) best = { name, d };
  }
  // Commander's rule of thumb: at most a third of the word may differ (and at least one edit is allowed).
  return best && best.d <= Math.max(1, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

/** " (did you mean X?)", or "" when nothing is close. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const match = closest(typed, known);
  return match ? ` (did you mean ${match}?)` : "";
}
