// Cleanup that survives failure: every user or face the run creates is written to a journal (JSON lines, ids only:
// no images, no tokens, no secrets) before it can exist, and struck off once it is known gone. Whatever is still
// pending after a crash is deleted by `ekyc-conformance cleanup`.
//
// The file is append-only ({"op":"add",...} and {"op":"done","key":...}), so the run's worker processes can share it
// with plain O_APPEND writes of one short line each; `cleanup` compacts it afterwards.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { outcomeOf } from "../openapi/outcome.ts";
import { getAt, parsePointer } from "../openapi/pointer.ts";
import { matchPath } from "../openapi/semantics.ts";
import type { OperationInfo, SpecSet } from "../openapi/types.ts";
import type { Exchange, RequestSpec, Vendor } from "../types.ts";
import { textOf } from "../bytes.ts";

export const JOURNAL_VARIABLE = "CONFORMANCE_JOURNAL";
export const DEFAULT_JOURNAL = ".conformance/journal.jsonl";

export interface JournalEntry {
  /** `<vendor>:<x-resource kind>:<id>`, e.g. `advance:user:<userId>`, `uqudo:face:<oneToNVerificationId>`. */
  key: string;
  vendor: Vendor;
  /** The call that created it. */
  operationId: string;
  /** The x-resource keys of the create, by name. */
  ids: Record<string, string>;
  /** Case that created it. */
  caseId: string;
  /** Where it was created: the target name and the vendor base URL's origin (never a path, query or credential). */
  target: string;
  origin: string;
  at: string;
}

type Line = ({ op: "add" } & JournalEntry) | { op: "done"; key: string; at: string };

/** Reads a journal file: the entries added and not yet struck off, in the order they were added. */
export function readJournal(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  const pending = new Map<string, JournalEntry>();
  for (const text of readFileSync(file, "utf8").split("\n")) {
    if (!text.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue; // a line torn by a crash mid-write
    }
    if (line.op === "add") {
      const { op: _op, ...entry } = line;
      pending.set(line.key, entry);
    } else if (line.op === "done") pending.delete(line.key);
  }
  return [...pending.values()];
}

/** Rewrites the journal with only its pending entries; removes it when none are left. */
export function compactJournal(file: string): JournalEntry[] {
  const pending = readJournal(file);
  if (pending.length === 0) rmSync(file, { force: true });
  else writeFileSync(file, pending.map((e) => JSON.stringify({ op: "add", ...e })).join("\n") + "\n");
  return pending;
}

function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parsed(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    return jsonObject(JSON.parse(textOf(bytes)));
  } catch {
    return undefined; // multipart, form or no body: no JSON key is readable
  }
}

function jsonBody(request: RequestSpec): Record<string, unknown> | undefined {
  const body = request.body;
  if (body?.kind === "json") return jsonObject(body.value);
  return body?.kind === "raw" ? parsed(body.bytes) : undefined;
}

interface Sources {
  body?: Record<string, unknown>;
  path?: Record<string, string>;
  query?: Record<string, string>;
  response?: Record<string, unknown>;
}

type Resource = Pick<JournalEntry, "key" | "vendor" | "operationId" | "ids">;

/** The resource an operation's `x-resource` names in these request/answer parts, when its create conditions hold. */
function resourceIn(operation: OperationInfo, sources: Sources): Resource | undefined {
  const r = operation.resource;
  if (!r) return undefined;
  for (const c of r.when) {
    const value = getAt(c.in === "request" ? sources.body : sources.response, parsePointer(c.pointer));
    if ("equals" in c ? value !== c.equals : value === c.notEquals) return undefined;
  }
  const ids: Record<string, string> = {};
  for (const [key, where] of Object.entries(r.keys)) {
    const value = sources[where]?.[key];
    if (typeof value === "string") ids[key] = value;
  }
  const id = ids[r.id];
  return id === undefined
    ? undefined
    : { key: `${operation.vendor}:${r.kind}:${id}`, vendor: operation.vendor, operationId: operation.id, ids };
}

function exchangeSources(exchange: Exchange, operation: OperationInfo): Sources {
  const body = parsed(exchange.request.body);
  const response = jsonObject(exchange.response.json);
  return {
    ...(body ? { body } : {}),
    path: matchPath(operation.path, exchange.request.operationPath) ?? {},
    query: Object.fromEntries(new URLSearchParams(exchange.request.operationPath.split("?")[1] ?? "")),
    ...(response ? { response } : {}),
  };
}

/** A resource with a non-empty id (the only kind a journal can name). */
const named = (resource: Resource | undefined): Resource | undefined =>
  resource && resource.key.split(":").slice(2).join(":") !== "" ? resource : undefined;

/** A resource whose id the kit chooses, known before the request goes out (so a crash mid-request is covered). */
export function intendedResource(request: RequestSpec, spec: SpecSet): Resource | undefined {
  const operation = spec.operations.find((o) => o.id === request.operationId);
  const r = operation?.resource;
  if (
    !operation ||
    r?.effect !== "create" ||
    Object.values(r.keys).includes("response") ||
    r.when.some((c) => c.in === "response")
  )
    return undefined;
  const body = jsonBody(request);
  return named(
    resourceIn(operation, {
      ...(body ? { body } : {}),
      ...(request.pathParams ? { path: request.pathParams } : {}),
      ...(request.query ? { query: request.query } : {}),
    }),
  );
}

/** The resource a successful create made, when its id is known once the answer is in (uqudo's 1:N faces); with
 *  `known`, also one whose id the request chose (what cleanup after a case deletes). */
export function createdResource(exchange: Exchange, operation: OperationInfo, known = false): Resource | undefined {
  const r = operation.resource;
  if (r?.effect !== "create" || (!known && !Object.values(r.keys).includes("response"))) return undefined;
  if (!outcomeOf(exchange, operation).success) return undefined;
  const resource = resourceIn(operation, exchangeSources(exchange, operation));
  return known ? resource : named(resource);
}

/** The resource a delete removes, when its answer says it is gone (deleted now, or not there at all). */
export function deletedResource(exchange: Exchange, operation: OperationInfo): string | undefined {
  const r = operation.resource;
  if (r?.effect !== "delete") return undefined;
  const outcome = outcomeOf(exchange, operation);
  const gone =
    outcome.success ||
    r.gone.some(
      (g) =>
        (g.code === undefined || g.code === outcome.code) && (g.status === undefined || g.status === outcome.status),
    );
  return gone ? named(resourceIn(operation, exchangeSources(exchange, operation)))?.key : undefined;
}

/** The documented call that deletes an entry's resource: its creator's `x-resource` undo, built from the entry's ids. */
export function undoRequest(entry: Pick<JournalEntry, "operationId" | "ids">, spec: SpecSet): RequestSpec {
  const undo = spec.operation(entry.operationId).resource?.undo;
  if (!undo) throw new Error(`${entry.operationId} names no x-resource undo: its journal entry cannot be deleted`);
  const build = (fields: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(fields).map(([f, keys]) => [f, keys.map((k) => entry.ids[k]).find((v) => v !== undefined) ?? ""]),
    );
  return {
    operationId: undo.operation,
    ...(undo.body ? { body: { kind: "json" as const, value: build(undo.body) } } : {}),
    ...(undo.path ? { pathParams: build(undo.path) } : {}),
  };
}

/**
 * The process's view of the journal: what this process added and has not seen deleted, mirrored to the file
 * (when one is configured) line by line.
 */
export class Journal {
  private readonly pending = new Map<string, JournalEntry & { confirmed: boolean }>();

  constructor(readonly file?: string) {
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  private write(line: Line): void {
    if (this.file) appendFileSync(this.file, JSON.stringify(line) + "\n");
  }

  /** Records a resource about to be created (or just created, `confirmed`). Returns whether it was new. */
  add(entry: Omit<JournalEntry, "at">, confirmed = false): boolean {
    const known = this.pending.get(entry.key);
    if (known) {
      known.confirmed ||= confirmed;
      return false;
    }
    const full: JournalEntry = { ...entry, at: new Date().toISOString() };
    this.pending.set(entry.key, { ...full, confirmed });
    this.write({ op: "add", ...full });
    return true;
  }

  /** The create answered: it exists now. */
  confirm(key: string): void {
    const known = this.pending.get(key);
    if (known) known.confirmed = true;
  }

  /** The resource is gone (deleted, or never created). Only what this journal knows is struck off. */
  done(key: string): void {
    if (!this.pending.delete(key)) return;
    this.write({ op: "done", key, at: new Date().toISOString() });
  }

  /** Takes over entries read from a journal file (the cleanup command), without writing them again. */
  adopt(entries: JournalEntry[]): void {
    for (const entry of entries) this.pending.set(entry.key, { ...entry, confirmed: true });
  }

  /** A create that was refused: strike off its entry, unless an earlier create of the same key succeeded. */
  refused(key: string): void {
    const known = this.pending.get(key);
    if (known && !known.confirmed) this.done(key);
  }

  /** Pending entries of this process (all, or one case's). */
  entries(caseId?: string): JournalEntry[] {
    return [...this.pending.values()]
      .filter((e) => caseId === undefined || e.caseId === caseId)
      .map(({ confirmed: _c, ...e }) => e);
  }
}

let shared: Journal | undefined;

/** The process's journal: written to CONFORMANCE_JOURNAL when set, kept in memory otherwise. */
export function sharedJournal(): Journal {
  const file = process.env[JOURNAL_VARIABLE]?.trim() || undefined;
  if (!shared || shared.file !== file) shared = new Journal(file);
  return shared;
}
