// Drift between two runs: which checks changed verdict, which findings appeared or disappeared, which cases changed
// status, and how response bodies changed shape. Used by the CLI (`renderDiffText`) and the HTML report.
import type { CaseResult, CaseStatus, RunResults } from "../results/model.ts";
import { caseCheckStatus, checksOf, CELL_ORDER, type CellStatus } from "../results/verdict.ts";
import type { Severity } from "../types.ts";
import { shapeOfBody, typesText, type Shape } from "./shape.ts";

export interface RunRef {
  kitVersion: string;
  target: string;
  startedAt: string;
  seed: number;
}

export interface FindingRef {
  caseId: string;
  severity: Severity;
  message: string;
}

/** One operation × check whose verdict or findings changed. "absent" = no case of the run applied the check. */
export interface CheckDrift {
  operationId: string;
  check: string;
  from: CellStatus | "absent";
  to: CellStatus | "absent";
  appeared: FindingRef[];
  disappeared: FindingRef[];
}

export interface CaseStatusChange {
  caseId: string;
  operationId: string;
  from: CaseStatus;
  to: CaseStatus;
}

export interface ShapeChange {
  pointer: string;
  kind: "new" | "vanished" | "retyped";
  /** Types joined by `|`, e.g. "string|null". */
  from?: string;
  to?: string;
}

/** Shape drift of the response bodies of one operation with one HTTP status. */
export interface ShapeDrift {
  operationId: string;
  status: number;
  changes: ShapeChange[];
}

export interface Drift {
  from: RunRef;
  to: RunRef;
  checks: CheckDrift[];
  cases: { appeared: string[]; disappeared: string[]; statusChanged: CaseStatusChange[] };
  shapes: ShapeDrift[];
  /** Operation + status pairs with a JSON body in only one run: not compared, only listed. */
  responseStatuses: { operationId: string; status: number; seenIn: "old" | "new" }[];
  unchanged: boolean;
}

const ref = (r: RunResults): RunRef => ({
  kitVersion: r.run.kitVersion,
  target: r.run.target,
  startedAt: r.run.startedAt,
  seed: r.run.seed,
});

function cellStatuses(r: RunResults): Map<string, { operationId: string; check: string; status: CellStatus }> {
  const out = new Map<string, { operationId: string; check: string; status: CellStatus }>();
  for (const c of r.cases)
    for (const check of checksOf(c)) {
      const key = `${c.operationId}\u0000${check}`;
      const status = caseCheckStatus(c, check);
      const prev = out.get(key);
      if (!prev || CELL_ORDER.indexOf(status) < CELL_ORDER.indexOf(prev.status))
        out.set(key, { operationId: c.operationId, check, status });
    }
  return out;
}

/** Findings as a multiset keyed by case, severity and message (baselined ones excluded: they are accepted). */
function findingsBy(r: RunResults): Map<string, Map<string, FindingRef>> {
  const out = new Map<string, Map<string, FindingRef>>();
  for (const c of r.cases)
    for (const f of c.findings) {
      const key = `${c.operationId}\u0000${f.check}`;
      let m = out.get(key);
      if (!m) out.set(key, (m = new Map()));
      m.set(`${c.id}\u0000${f.severity}\u0000${f.message}`, { caseId: c.id, severity: f.severity, message: f.message });
    }
  return out;
}

function shapesBy(cases: CaseResult[]): Map<string, { operationId: string; status: number; shape: Shape }> {
  const out = new Map<string, { operationId: string; status: number; shape: Shape }>();
  for (const c of cases)
    for (const ex of c.exchanges) {
      const res = ex.response;
      if (!res || res.status === undefined) continue;
      const shape = shapeOfBody(res.body, res.bodyTruncated);
      if (!shape) continue;
      const key = `${c.operationId}\u0000${res.status}`;
      let entry = out.get(key);
      if (!entry) out.set(key, (entry = { operationId: c.operationId, status: res.status, shape: new Map() }));
      for (const [pointer, types] of shape) {
        const into = entry.shape.get(pointer) ?? new Set();
        for (const t of types) into.add(t);
        entry.shape.set(pointer, into);
      }
    }
  return out;
}

function compareShapes(a: Shape, b: Shape): ShapeChange[] {
  const changes: ShapeChange[] = [];
  for (const [pointer, types] of b) {
    const old = a.get(pointer);
    if (!old) changes.push({ pointer, kind: "new", to: typesText(types) });
    else if (typesText(old) !== typesText(types))
      changes.push({ pointer, kind: "retyped", from: typesText(old), to: typesText(types) });
  }
  for (const [pointer, types] of a)
    if (!b.has(pointer)) changes.push({ pointer, kind: "vanished", from: typesText(types) });
  return changes.sort((x, y) => (x.pointer < y.pointer ? -1 : x.pointer > y.pointer ? 1 : 0));
}

const byKey = <T extends { operationId: string }>(x: T, y: T) =>
  x.operationId < y.operationId ? -1 : x.operationId > y.operationId ? 1 : 0;

export function diffResults(old: RunResults, current: RunResults): Drift {
  // Checks: verdict changes and finding messages that appeared or disappeared.
  const oldCells = cellStatuses(old);
  const newCells = cellStatuses(current);
  const oldFindings = findingsBy(old);
  const newFindings = findingsBy(current);
  const checks: CheckDrift[] = [];
  for (const key of new Set([...oldCells.keys(), ...newCells.keys()])) {
    const o = oldCells.get(key);
    const n = newCells.get(key);
    const of = oldFindings.get(key) ?? new Map<string, FindingRef>();
    const nf = newFindings.get(key) ?? new Map<string, FindingRef>();
    const appeared = [...nf].filter(([k]) => !of.has(k)).map(([, f]) => f);
    const disappeared = [...of].filter(([k]) => !nf.has(k)).map(([, f]) => f);
    const from = o?.status ?? "absent";
    const to = n?.status ?? "absent";
    if (from !== to || appeared.length > 0 || disappeared.length > 0)
      checks.push({ operationId: (n ?? o)!.operationId, check: (n ?? o)!.check, from, to, appeared, disappeared });
  }
  checks.sort((x, y) => byKey(x, y) || (x.check < y.check ? -1 : x.check > y.check ? 1 : 0));

  // Cases.
  const oldCases = new Map(old.cases.map((c) => [c.id, c]));
  const newCases = new Map(current.cases.map((c) => [c.id, c]));
  const appeared = [...newCases.keys()].filter((id) => !oldCases.has(id)).sort();
  const disappeared = [...oldCases.keys()].filter((id) => !newCases.has(id)).sort();
  const statusChanged: CaseStatusChange[] = [];
  for (const [id, n] of newCases) {
    const o = oldCases.get(id);
    if (o && o.status !== n.status)
      statusChanged.push({ caseId: id, operationId: n.operationId, from: o.status, to: n.status });
  }
  statusChanged.sort((x, y) => (x.caseId < y.caseId ? -1 : 1));

  // Response shapes, per operation and HTTP status, compared only where both runs saw a JSON body.
  const oldShapes = shapesBy(old.cases);
  const newShapes = shapesBy(current.cases);
  const shapes: ShapeDrift[] = [];
  const responseStatuses: Drift["responseStatuses"] = [];
  for (const [key, n] of newShapes) {
    const o = oldShapes.get(key);
    if (!o) {
      responseStatuses.push({ operationId: n.operationId, status: n.status, seenIn: "new" });
      continue;
    }
    const changes = compareShapes(o.shape, n.shape);
    if (changes.length > 0) shapes.push({ operationId: n.operationId, status: n.status, changes });
  }
  for (const [key, o] of oldShapes)
    if (!newShapes.has(key)) responseStatuses.push({ operationId: o.operationId, status: o.status, seenIn: "old" });
  shapes.sort((x, y) => byKey(x, y) || x.status - y.status);
  responseStatuses.sort((x, y) => byKey(x, y) || x.status - y.status);

  const unchanged =
    checks.length === 0 &&
    appeared.length === 0 &&
    disappeared.length === 0 &&
    statusChanged.length === 0 &&
    shapes.length === 0 &&
    responseStatuses.length === 0;
  return {
    from: ref(old),
    to: ref(current),
    checks,
    cases: { appeared, disappeared, statusChanged },
    shapes,
    responseStatuses,
    unchanged,
  };
}
