// `ekyc-conformance merge`: joins the results files of the shards of one run (`run --shard i/n`) into one
// validated results.json and one HTML report, as if the run had not been split.
import { writeReports } from "../../reporters/index.ts";
import type { CaseResult, DocDeviationRef, RunResults } from "../results/model.ts";
import { readResults } from "../results/io.ts";
import { exitCodeOf } from "../results/verdict.ts";
import { VENDORS, type Vendor } from "../types.ts";

export class MergeError extends Error {}

/** The run settings that must be equal in every part: otherwise the parts are not shards of one run. */
const SAME = ["kitVersion", "target", "seed", "fuzzRuns"] as const;

/**
 * Merges parts (in any order) into one RunResults. Refuses parts of different runs (kit version, target,
 * seed, fuzz runs, spec hashes, shard count) and a case id reported twice with different outcomes.
 */
export function mergeResults(parts: { source: string; results: RunResults }[]): RunResults {
  if (parts.length === 0) throw new MergeError("nothing to merge: give at least one results file");
  const first = parts[0]!;
  const cases = new Map<string, { source: string; result: CaseResult }>();
  const deviations = new Map<string, DocDeviationRef>();
  const vendors = new Set<Vendor>();
  const specHashes: RunResults["run"]["specHashes"] = {};
  const shards = new Map<number, string>();
  let startedAt = first.results.run.startedAt;
  let finishedAt = first.results.run.finishedAt;
  for (const { source, results } of parts) {
    const run = results.run;
    for (const key of SAME) {
      if (run[key] !== first.results.run[key]) {
        throw new MergeError(
          `${source}: ${key} ${JSON.stringify(run[key])} differs from ${first.source} (${JSON.stringify(first.results.run[key])}); merge only the shards of one run`,
        );
      }
    }
    for (const [vendor, hash] of Object.entries(run.specHashes) as [Vendor, string][]) {
      const known = specHashes[vendor];
      if (known !== undefined && known !== hash)
        throw new MergeError(
          `${source}: the ${vendor} spec differs from the other parts (sha256 ${hash.slice(0, 12)} vs ${known.slice(0, 12)})`,
        );
      specHashes[vendor] = hash;
    }
    if (run.shard) {
      const firstShard = parts.find((p) => p.results.run.shard)?.results.run.shard;
      if (firstShard && run.shard.count !== firstShard.count)
        throw new MergeError(
          `${source}: shard ${run.shard.index}/${run.shard.count} is not a shard of a ${firstShard.count}-way split`,
        );
      const other = shards.get(run.shard.index);
      if (other !== undefined)
        throw new MergeError(`${source}: shard ${run.shard.index}/${run.shard.count} is given twice (also ${other})`);
      shards.set(run.shard.index, source);
    }
    run.vendors.forEach((v) => vendors.add(v));
    if (run.startedAt < startedAt) startedAt = run.startedAt;
    if (run.finishedAt > finishedAt) finishedAt = run.finishedAt;
    for (const result of results.cases) {
      const seen = cases.get(result.id);
      if (
        seen &&
        (seen.result.status !== result.status ||
          JSON.stringify(seen.result.findings) !== JSON.stringify(result.findings))
      ) {
        throw new MergeError(
          `${source}: case ${result.id} is also in ${seen.source} with another outcome (${result.status} vs ${seen.result.status})`,
        );
      }
      if (!seen) cases.set(result.id, { source, result });
    }
    for (const d of results.deviations) deviations.set(`${d.vendor}\u0000${d.id}`, d);
  }
  const { shard: _shard, ...run } = first.results.run;
  return {
    run: {
      ...run,
      vendors: VENDORS.filter((v) => vendors.has(v)),
      specHashes,
      startedAt,
      finishedAt,
    },
    cases: [...cases.values()].map((c) => c.result).sort((a, b) => a.id.localeCompare(b.id)),
    deviations: [...deviations.values()],
  };
}

/** The split and the shards no part covers, or undefined when none is missing (or no part is a shard). */
export function missingShards(parts: RunResults[]): { count: number; missing: number[] } | undefined {
  const count = parts.find((p) => p.run.shard)?.run.shard?.count;
  if (count === undefined) return undefined;
  const have = new Set(parts.flatMap((p) => (p.run.shard ? [p.run.shard.index] : [])));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
  return missing.length ? { count, missing } : undefined;
}

/** Shards present and missing, e.g. "shards 1, 3 of 3 (missing 2)". Empty when no part is a shard. */
export function shardCoverage(parts: RunResults[]): string {
  const count = parts.find((p) => p.run.shard)?.run.shard?.count;
  if (count === undefined) return "";
  const have = [...new Set(parts.flatMap((p) => (p.run.shard ? [p.run.shard.index] : [])))].sort((a, b) => a - b);
  const missing = missingShards(parts)?.missing;
  return `shards ${have.join(", ")} of ${count}${missing ? ` (missing ${missing.join(", ")})` : ""}`;
}

/** Reads, merges and renders every report into `out`; returns the run's exit code. */
export function mergeCommand(files: string[], out: string, options: { allowPartial?: boolean } = {}): number {
  const parts = files.map((source) => ({ source, results: readResults(source) }));
  const coverage = shardCoverage(parts.map((p) => p.results));
  const missing = missingShards(parts.map((p) => p.results));
  // A missing shard is missing evidence: its cases would silently count as not run. Refused before anything is written.
  if (missing && !options.allowPartial) {
    throw new MergeError(
      `${coverage}: merge every shard of the run, or pass --allow-partial to merge these and report the missing shards`,
    );
  }
  const merged = mergeResults(parts);
  if (missing) merged.run.missingShards = missing;
  const notes = [
    `  merged ${parts.length} results file${parts.length === 1 ? "" : "s"}${coverage ? `: ${coverage}` : ""}`,
  ];
  if (missing) notes.push(`  PARTIAL: ${coverage}; the missing shards' cases are not in this report`);
  writeReports(merged, { out, notes });
  if (missing) process.stderr.write(`ekyc-conformance merge: partial merge (--allow-partial): ${coverage}\n`);
  // A partial merge is inconclusive (src/results/verdict.ts): what is missing was not judged.
  return exitCodeOf(merged);
}
