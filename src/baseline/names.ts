// A baseline entry must name an operation of the specs and a check of the kit: a typo would match nothing and be
// reported as a fixed deviation ("remove it") instead of as the mistake it is.
import { ConfigError } from "../types.ts";
import { didYouMean } from "../suggest.ts";
import type { Baseline } from "./types.ts";

export function checkBaselineNames(baseline: Baseline, operations: readonly string[], checks: readonly string[]): void {
  const source = baseline.source ?? "baseline";
  baseline.entries.forEach((entry, i) => {
    if (!operations.includes(entry.operation)) {
      throw new ConfigError(
        `${source}: entries[${i}].operation "${entry.operation}" is not an operation of the specs${didYouMean(entry.operation, operations)}; write a global id such as ${operations[0]}`,
      );
    }
    if (!checks.includes(entry.check)) {
      throw new ConfigError(
        `${source}: entries[${i}].check "${entry.check}" is not a check of the kit${didYouMean(entry.check, checks)}; choose from ${checks.join(", ")}`,
      );
    }
  });
}
