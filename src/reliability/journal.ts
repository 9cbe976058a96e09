// Cleanup that survives failure: every user or face the run creates is written to a journal (JSON lines, ids only:
// no images, no tokens, no secrets) before it can exist, and struck off once it is known gone. Whatever is still
// pending after a crash is deleted by `ekyc-conformance cleanup`.
//
// The file is append-only ({"op":"add",...} and {"op":"done","key":...}), so the run's worker processes can share it
// with plain O_APPEND writes of one short line each; `cleanup` compacts it afterwards.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { outcomeOf } from "../spec/outcome.ts";
import type { OperationInfo } from "../spec/types.ts";
import type { Exchange, RequestSpec, Vendor } from "../types.ts";

export const JOURNAL_VARIABLE = "CONFORMANCE_JOURNAL";
export const DEFAULT_JOURNAL = ".conformance/journal.jsonl";

export interface JournalEntry {
  /** `advance:user:<userId>`, `zoloz:user:<userId>`, `uqudo:face:<oneToNVerificationId>`. */
  key: string;
  vendor: Vendor;
  /** The call that created it. */
  operationId: string;
  ids: { userId?: string; bizId?: string; oneToNVerificationId?: string };
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

function jsonBody(request: RequestSpec): Record<string, unknown> | undefined {
  const body = request.body;
  if (body?.kind === "json" && body.value && typeof body.value === "object" && !Array.isArray(body.value)) return body.value as Record<string, unknown>;
  if (body?.kind === "raw") {
    try {
      const value = JSON.parse(Buffer.from(body.bytes).toString("utf8")) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);

/** A resource whose id the kit chooses, known before the request goes out (so a crash mid-request is covered). */
export function intendedResource(request: RequestSpec): Pick<JournalEntry, "key" | "vendor" | "operationId" | "ids"> | undefined {
  const body = jsonBody(request);
  const userId = str(body?.["userId"]);
  if (!userId) return undefined;
  if (request.operationId === "advance.enroll") return { key: `advance:user:${userId}`, vendor: "advance", operationId: request.operationId, ids: { userId } };
  if (request.operationId === "zoloz.connectEnroll") {
    const bizId = str(body?.["bizId"]);
    return { key: `zoloz:user:${userId}`, vendor: "zoloz", operationId: request.operationId, ids: { userId, ...(bizId ? { bizId } : {}) } };
  }
  return undefined;
}

/** A resource whose id the vendor assigns, known once the answer is in (uqudo's 1:N faces). */
export function createdResource(exchange: Exchange, operation: OperationInfo): Pick<JournalEntry, "key" | "vendor" | "operationId" | "ids"> | undefined {
  if (exchange.operationId !== "uqudo.faceSearchInsert" && exchange.operationId !== "uqudo.faceSearch") return undefined;
  if (!outcomeOf(exchange, operation).success) return undefined;
  const response = (exchange.response.json ?? {}) as Record<string, unknown>;
  const id = str(response["oneToNVerificationId"]);
  if (!id) return undefined;
  let request: Record<string, unknown> = {};
  try {
    request = JSON.parse(Buffer.from(exchange.request.body).toString("utf8")) as Record<string, unknown>;
  } catch {
    // multipart or form: the insert flag is not readable, the operation decides
  }
  const inserted = exchange.operationId === "uqudo.faceSearchInsert" || (request["insert"] === true && response["oneToNVerificationMatch"] !== true);
  return inserted ? { key: `uqudo:face:${id}`, vendor: "uqudo", operationId: exchange.operationId, ids: { oneToNVerificationId: id } } : undefined;
}

/** The resource a delete removes, when its answer says it is gone (deleted now, or not there at all). */
export function deletedResource(exchange: Exchange, operation: OperationInfo): string | undefined {
  const outcome = outcomeOf(exchange, operation);
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(Buffer.from(exchange.request.body).toString("utf8")) as Record<string, unknown>;
  } catch {
    // a path-parameter delete has no body
  }
  switch (exchange.operationId) {
    case "advance.deleteEnroll": {
      const userId = str(body["userId"]);
      // "UserId is invalid" (PARAMETER_ERROR) is ADVANCE's answer for a user that is not enrolled.
      return userId && (outcome.success || outcome.code === "PARAMETER_ERROR") ? `advance:user:${userId}` : undefined;
    }
    case "zoloz.connectUnenroll": {
      const userId = str(body["userId"]);
      return userId && (outcome.success || outcome.code === "INVALID_ARGUMENT") ? `zoloz:user:${userId}` : undefined;
    }
    case "uqudo.faceSearchDelete": {
      const id = decodeURIComponent(exchange.request.operationPath.split("?")[0]!.split("/").pop() ?? "");
      return id && (outcome.success || outcome.status === 404) ? `uqudo:face:${id}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The documented call that deletes an entry's resource. */
export function undoRequest(entry: JournalEntry): RequestSpec {
  switch (entry.vendor) {
    case "advance":
      return { operationId: "advance.deleteEnroll", body: { kind: "json", value: { userId: entry.ids.userId } } };
    case "zoloz":
      return { operationId: "zoloz.connectUnenroll", body: { kind: "json", value: { bizId: entry.ids.bizId ?? entry.ids.userId, userId: entry.ids.userId } } };
    case "uqudo":
      return { operationId: "uqudo.faceSearchDelete", pathParams: { oneToNVerificationId: entry.ids.oneToNVerificationId ?? "" } };
  }
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
    return [...this.pending.values()].filter((e) => caseId === undefined || e.caseId === caseId).map(({ confirmed: _c, ...e }) => e);
  }
}

let shared: Journal | undefined;

/** The process's journal: written to CONFORMANCE_JOURNAL when set, kept in memory otherwise. */
export function sharedJournal(): Journal {
  const file = process.env[JOURNAL_VARIABLE]?.trim() || undefined;
  if (!shared || shared.file !== file) shared = new Journal(file);
  return shared;
}
