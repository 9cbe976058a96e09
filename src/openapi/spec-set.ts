// The SpecSet over all loaded vendors: operation lookup by id, and validation routed to the compiled operation.
import type { OperationId, SchemaFinding, Vendor } from "../types.ts";
import { UnknownOperationError } from "./errors.ts";
import type { CompiledOperation } from "./operation.ts";
import type { DocDeviation, DocPage, DocumentedExample, OperationInfo, RequestParts, SpecSet } from "./types.ts";
import type { VendorSpec } from "./vendor-spec.ts";

/** The SpecSet plus what the doc generator needs to name spec lines. */
export interface LoadedSpecSet extends SpecSet {
  /** Spec files by vendor, relative to the repository (e.g. `specs/advance.yaml`). */
  files: Partial<Record<Vendor, string>>;
  /** 1-based line of a `specs/x.yaml#/json/pointer` (nearest existing prefix). */
  lineOf(specPointer: string): number | undefined;
  /** Documented request-body examples (status 0; `mediaType` is the request's). */
  requestExamples(vendor?: Vendor): DocumentedExample[];
  /** Like validateResponse, but the body only (documented examples carry no headers). */
  validateResponseBody(id: OperationId, status: number, body: unknown, mediaType?: string): SchemaFinding[];
  /** The raw (YAML → JS) document of a vendor, read-only by convention. */
  document(vendor: Vendor): Readonly<Record<string, unknown>>;
}

export class SpecSetImpl implements LoadedSpecSet {
  readonly vendors: Vendor[];
  readonly operations: OperationInfo[];
  readonly hashes: Partial<Record<Vendor, string>> = {};
  readonly files: Partial<Record<Vendor, string>> = {};
  private readonly byId = new Map<string, CompiledOperation>();
  private readonly byVendor = new Map<Vendor, VendorSpec>();
  private readonly byFile = new Map<string, VendorSpec>();

  constructor(modules: VendorSpec[]) {
    this.vendors = modules.map((m) => m.vendor);
    this.operations = [];
    for (const m of modules) {
      this.hashes[m.vendor] = m.hash;
      this.files[m.vendor] = m.file;
      this.byVendor.set(m.vendor, m);
      this.byFile.set(m.file, m);
      for (const op of m.operations) {
        this.operations.push(op.info);
        this.byId.set(op.info.id, op);
      }
    }
  }

  private compiled(id: OperationId): CompiledOperation {
    const op = this.byId.get(id);
    if (!op) throw new UnknownOperationError(id, [...this.byId.keys()]);
    return op;
  }

  operation(id: OperationId): OperationInfo {
    return this.compiled(id).info;
  }

  docPages(vendor: Vendor): DocPage[] {
    return this.byVendor.get(vendor)?.docPages ?? [];
  }

  deviations(vendor?: Vendor): DocDeviation[] {
    return this.pick(vendor).flatMap((m) => m.deviations);
  }

  examples(vendor?: Vendor): DocumentedExample[] {
    return this.pick(vendor).flatMap((m) => m.examples);
  }

  requestExamples(vendor?: Vendor): DocumentedExample[] {
    return this.pick(vendor).flatMap((m) => m.requestExamples);
  }

  private pick(vendor?: Vendor): VendorSpec[] {
    if (vendor === undefined) return [...this.byVendor.values()];
    const m = this.byVendor.get(vendor);
    return m ? [m] : [];
  }

  validateResponse(id: OperationId, status: number, headers: Record<string, string>, body: unknown): SchemaFinding[] {
    return this.compiled(id).validateResponse(status, headers, body);
  }

  validateRequest(id: OperationId, request: RequestParts): SchemaFinding[] {
    return this.compiled(id).validateRequest(request);
  }

  validateResponseBody(id: OperationId, status: number, body: unknown, mediaType?: string): SchemaFinding[] {
    return this.compiled(id).validateResponse(status, mediaType ? { "content-type": mediaType } : {}, body, false);
  }

  lineOf(specPointer: string): number | undefined {
    const hash = specPointer.indexOf("#");
    const file = hash < 0 ? specPointer : specPointer.slice(0, hash);
    const m = this.byFile.get(file);
    return m?.src.nearestLineOf(hash < 0 ? "" : specPointer.slice(hash + 1));
  }

  document(vendor: Vendor): Readonly<Record<string, unknown>> {
    const m = this.byVendor.get(vendor);
    if (!m) throw new Error(`no spec loaded for vendor "${vendor}"`);
    return m.src.raw;
  }
}
