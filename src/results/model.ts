// The one results model. Runs write it to reports/results.json; every reporter renders from it.
// Its JSON Schema is src/results/results.schema.json; bump RESULTS_VERSION on any incompatible change.
import type { Finding, OperationId, TargetName, Vendor } from "../types.ts";

export const RESULTS_VERSION = 1;

export type CaseStatus = "passed" | "failed" | "skipped" | "inconclusive";

/** A redacted request or response as it may appear in a report (no secrets, no raw faces). */
export interface RedactedMessage {
  method?: string;
  url?: string;
  status?: number;
  headers: Record<string, string>;
  /** Body text after redaction (images replaced by a descriptor), possibly truncated. */
  body?: string;
  bodyTruncated?: boolean;
}

export interface Reproduction {
  seed?: number;
  /** fast-check path of the shrunk counterexample. */
  path?: string;
  /** Shrunk fuzz input, described (never raw image bytes). */
  input?: unknown;
  /** curl with secrets masked; on the sandbox target, runnable as printed (test credentials, body beside the report). */
  curl?: string;
  /** The curl runs as printed from the report's folder against the sandbox on the same port. */
  curlRunnable?: boolean;
  /** Kit command that re-runs this case. */
  command?: string;
}

/** The baseline entry that accepted a finding, so every report can say who accepted it, why and until when. */
export interface BaselineRef {
  /** Index of the entry in the baseline file (`entries[index]`). */
  index: number;
  reason: string;
  expires?: string;
  /** The baseline file. */
  source?: string;
}

/** Optional only so results written before the entry was recorded still load. */
export type BaselinedFinding = Finding & { baseline?: BaselineRef };

export interface CaseResult {
  /** Stable id: `<operationId>/<case slug>`. */
  id: string;
  vendor: Vendor;
  operationId: OperationId;
  /** Human name of the case. */
  name: string;
  /** "observed": an app's exchange seen by `ekyc-conformance proxy`. */
  kind: "example" | "negative" | "positive" | "auth" | "stateful" | "fuzz" | "observed";
  /** Check names applied to this case. */
  checks: string[];
  status: CaseStatus;
  /** Why skipped or inconclusive. */
  reason?: string;
  /** Infrastructure fault kind, when inconclusive. */
  fault?: string;
  findings: Finding[];
  /** Findings matched by a baseline entry: shown, but not failing the gate. */
  baselined?: BaselinedFinding[];
  exchanges: { request: RedactedMessage; response?: RedactedMessage; durationMs?: number }[];
  reproduction?: Reproduction;
  durationMs: number;
}

export interface RunMetadata {
  version: typeof RESULTS_VERSION;
  kitVersion: string;
  target: TargetName;
  vendors: Vendor[];
  seed: number;
  fuzzRuns: number;
  /** sha256 of each spec file, by vendor. */
  specHashes: Partial<Record<Vendor, string>>;
  startedAt: string;
  finishedAt: string;
  host: { hostname: string; platform: string; node: string; cpus: number };
  shard?: { index: number; count: number };
  /** A merge given only some shards (`merge --allow-partial`): the split and the shards whose cases are absent. */
  missingShards?: { count: number; missing: number[] };
  /** Set by `ekyc-conformance proxy`: the cases are an app's exchanges on their way to this upstream. */
  proxy?: { vendor: Vendor; upstream: string };
  /** Contract regression injected into the embedded sandbox (test only); every re-run command repeats it. */
  sandboxMutation?: string;
}

export interface DocDeviationRef {
  id: string;
  vendor: Vendor;
  summary: string;
  chosen: string;
  otherReading: string;
  reportedAs: "failure" | "warning" | "info";
}

export interface RunResults {
  run: RunMetadata;
  cases: CaseResult[];
  /** The doc-deviation register of the specs in force for this run. */
  deviations: DocDeviationRef[];
}
