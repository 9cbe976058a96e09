// Verdicts and the operation × check matrix, computed once from RunResults so every reporter agrees on them.
import type { Vendor } from "../types.ts";
import type { CaseResult, RunResults } from "./model.ts";

export type CellStatus = "fail" | "warn" | "inconclusive" | "pass" | "skip";
/** Worst first: a cell takes the colour of its worst case. */
export const CELL_ORDER: readonly CellStatus[] = ["fail", "inconclusive", "warn", "pass", "skip"];

export interface Verdict {
  kind: "conforming" | "deviations" | "inconclusive";
  /** Human label: "conforming", "3 deviations", "inconclusive". */
  label: string;
  /** Failure-severity findings (not baselined) in failed cases; at least 1 per failed case. */
  deviations: number;
  warnings: number;
  baselined: number;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  inconclusive: number;
}

/** Status of one check on one case: what a matrix cell counts. */
export function caseCheckStatus(c: CaseResult, check: string): CellStatus {
  if (c.status === "skipped") return "skip";
  if (c.status === "inconclusive") return "inconclusive";
  const own = c.findings.filter((f) => f.check === check);
  if (own.some((f) => f.severity === "failure")) return "fail";
  // A failed case without any failure finding cannot say which check failed: blame all of them rather than hide it.
  if (c.status === "failed" && !c.findings.some((f) => f.severity === "failure")) return "fail";
  if (own.some((f) => f.severity === "warning")) return "warn";
  return "pass";
}

/** Checks of a case: the declared ones plus any a finding names (so no finding is ever off the matrix). */
export function checksOf(c: CaseResult): string[] {
  const set = new Set(c.checks);
  for (const f of [...c.findings, ...(c.baselined ?? [])]) set.add(f.check);
  return [...set];
}

function verdictOf(cases: CaseResult[]): Verdict {
  const v: Verdict = {
    kind: "conforming",
    label: "conforming",
    deviations: 0,
    warnings: 0,
    baselined: 0,
    total: cases.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    inconclusive: 0,
  };
  for (const c of cases) {
    v[c.status]++;
    v.warnings += c.findings.filter((f) => f.severity === "warning").length;
    v.baselined += c.baselined?.length ?? 0;
    if (c.status === "failed") v.deviations += Math.max(1, c.findings.filter((f) => f.severity === "failure").length);
  }
  if (v.failed > 0) {
    v.kind = "deviations";
    v.label = `${v.deviations} deviation${v.deviations === 1 ? "" : "s"}`;
  } else if (v.inconclusive > 0 || v.passed === 0) {
    // Nothing proven: an unreachable vendor, or a run where every case was skipped, is not "conforming".
    v.kind = "inconclusive";
    v.label = "inconclusive";
  }
  return v;
}

export function vendorVerdict(results: RunResults, vendor: Vendor): Verdict {
  return verdictOf(results.cases.filter((c) => c.vendor === vendor));
}

export function runVerdict(results: RunResults): Verdict {
  const v = verdictOf(results.cases);
  // A partial merge: the missing shards' cases were never judged, so what is there cannot make the run conforming.
  if (v.kind === "conforming" && results.run.missingShards)
    return {
      ...v,
      kind: "inconclusive",
      label: `inconclusive (shards ${results.run.missingShards.missing.join(", ")} of ${results.run.missingShards.count} missing)`,
    };
  return v;
}

/** Vendors of the run, in run order, plus any vendor that only appears in cases. */
export function vendorsOf(results: RunResults): Vendor[] {
  const out = [...results.run.vendors];
  for (const c of results.cases) if (!out.includes(c.vendor)) out.push(c.vendor);
  return out;
}

export interface Cell {
  counts: Record<CellStatus, number> & { baselined: number };
  /** The cell's colour. */
  status: CellStatus;
  /** Indexes into results.cases, worst first. */
  cases: number[];
}

export interface Matrix {
  vendor: Vendor;
  operations: string[];
  checks: string[];
  /** Keyed by `cellKey(operation, check)`; absent when no case of the operation applies the check. */
  cells: Map<string, Cell>;
}

export const cellKey = (operation: string, check: string): string => `${operation}\u0000${check}`;

export function buildMatrix(results: RunResults, vendor: Vendor): Matrix {
  const operations: string[] = [];
  const checks: string[] = [];
  const cells = new Map<string, Cell>();
  results.cases.forEach((c, index) => {
    if (c.vendor !== vendor) return;
    if (!operations.includes(c.operationId)) operations.push(c.operationId);
    for (const check of checksOf(c)) {
      if (!checks.includes(check)) checks.push(check);
      const key = cellKey(c.operationId, check);
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          counts: { fail: 0, warn: 0, inconclusive: 0, pass: 0, skip: 0, baselined: 0 },
          status: "skip",
          cases: [],
        };
        cells.set(key, cell);
      }
      const status = caseCheckStatus(c, check);
      cell.counts[status]++;
      if (c.baselined?.some((f) => f.check === check)) cell.counts.baselined++;
      cell.cases.push(index);
    }
  });
  for (const [key, cell] of cells) {
    cell.status = CELL_ORDER.find((s) => cell.counts[s] > 0) ?? "skip";
    const check = key.slice(key.indexOf("\u0000") + 1);
    const rank = (i: number) => CELL_ORDER.indexOf(caseCheckStatus(results.cases[i]!, check));
    cell.cases.sort((a, b) => rank(a) - rank(b) || a - b);
  }
  operations.sort();
  return { vendor, operations, checks, cells };
}

/** The kit's exit codes: 2 is every "could not judge" (a usage or configuration error, an outage, missing evidence). */
export const EXIT = { conforming: 0, deviations: 1, error: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The gate's exit code, from the same results every report shows: 1 new deviations, 2 inconclusive cases, else 0. */
export function exitCodeOf(results: RunResults): ExitCode {
  if (results.cases.some((c) => c.status === "failed")) return EXIT.deviations;
  if (results.cases.some((c) => c.status === "inconclusive") || results.run.missingShards) return EXIT.error;
  return EXIT.conforming;
}
