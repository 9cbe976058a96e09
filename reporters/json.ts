// results.json: the results model itself, validated against its schema.
import { writeResults } from "../src/results/io.ts";
import type { Reporter } from "./types.ts";

export const jsonReporter: Reporter = {
  label: "results.json",
  write: (results, { out }) => writeResults(out, results),
};
