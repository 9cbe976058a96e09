// The typed view of the specs that the rest of the kit uses. Built by src/spec/load.ts from specs/*.yaml.
import type { OperationId, SchemaFinding, Vendor } from "../types.ts";

export interface DocPage {
  id: string;
  url: string;
  title: string;
  /** In-file location, filled by src/spec/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

export interface BusinessCode {
  code: string;
  /** Documented messages for this code, verbatim. Empty when the docs give none. */
  messages: string[];
  /** ZOLOZ resultStatus documented for this code. */
  status?: "S" | "F" | "U";
  description?: string;
  /** Doc page id. */
  source: string;
  /** True when listed at the root (glossary / gateway common codes) rather than on the operation. */
  common: boolean;
  /** In-file location, filled by src/spec/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

export interface ImageLimits {
  formats: ("jpeg" | "png")[];
  maxBytes: number;
  exclusiveMaxBytes?: boolean;
  /**
   * The limit under the other reading of an ambiguous unit (e.g. "2M" as 2,000,000 rather than 2,097,152 bytes),
   * same exclusivity; sizes between the two limits conform under one reading only. `sizeDeviation` names the
   * doc deviation that records the question.
   */
  otherReadingMaxBytes?: number;
  sizeDeviation?: string;
  minWidth?: number;
  minHeight?: number;
  maxWidth?: number;
  maxHeight?: number;
  transports: ("base64" | "url" | "multipart")[];
  source: string;
}

export interface ImageField {
  /** Request body property name (top level). */
  field: string;
  limits: ImageLimits;
  /** In-file location, filled by src/spec/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

export interface Rejection {
  violation: string;
  status: number;
  code?: string;
  message?: string;
  inferred: boolean;
  /** In-file location, filled by src/spec/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

export interface DocDeviation {
  id: string;
  vendor: Vendor;
  summary: string;
  sources: string[];
  operations: string[];
  chosen: string;
  otherReading: string;
  reportedAs: "failure" | "warning" | "info";
  /**
   * Which findings the deviation explains: those of `check` (at or below `pointer`, where the body holds `value`),
   * narrowed to schema findings of one of `keyword` and to cases that send the input `violation`.
   */
  explains?: { check: string; pointer?: string; value?: unknown; keyword?: string[]; violation?: string };
  /** In-file location, filled by src/spec/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

export interface ResponseHeaderSpec {
  name: string;
  required: boolean;
  description?: string;
}

export interface DocumentedExample {
  operationId: OperationId;
  status: number;
  mediaType: string;
  name: string;
  value: unknown;
  docPage?: string;
  deviation?: string;
  /** In-file location, filled by src/spec/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

/** Documented values of a parameter (`x-known-values`); `complete: false` when the docs point to a fuller list. */
export interface KnownValues {
  values: string[];
  source: string;
  complete: boolean;
}

export interface OperationInfo {
  id: OperationId;
  vendor: Vendor;
  operationId: string;
  method: "GET" | "POST" | "DELETE";
  /** Path template, e.g. `/api/v1/face/one-to-n/search/{oneToNVerificationId}`. */
  path: string;
  /** Server URLs for this operation (operation-level servers win over the document's). */
  servers: string[];
  docPage: DocPage;
  /** Documented HTTP statuses. */
  statuses: number[];
  /** Documented media types by status ("" when the status has no body). */
  responseMediaTypes: Record<number, string[]>;
  responseHeaders: Record<number, ResponseHeaderSpec[]>;
  requestMediaType?: string;
  /** Business codes this operation may answer, its own and the common ones. */
  businessCodes: BusinessCode[];
  imageFields: ImageField[];
  rejections: Rejection[];
  /** Documented values by parameter name. */
  knownValues: Record<string, KnownValues>;
  /** JSON pointer of the operation in its spec file, e.g. `specs/advance.yaml#/paths/~1x/post`. */
  specPointer: string;
  /** True when the operation requires credentials. */
  secured: boolean;
  /** 1-based line of the operation in its spec file. */
  specLine?: number;
}

export interface RequestParts {
  query?: Record<string, string>;
  /** Values of `in: path` parameters. */
  pathParams?: Record<string, string>;
  headers?: Record<string, string>;
  /** The body as a plain value, or the kit's RequestBody union (json/form/multipart/raw). */
  body?: unknown;
}

export interface SpecSet {
  vendors: Vendor[];
  operations: OperationInfo[];
  /** Throws a one-line error naming the id when it is unknown. */
  operation(id: OperationId): OperationInfo;
  docPages(vendor: Vendor): DocPage[];
  deviations(vendor?: Vendor): DocDeviation[];
  examples(vendor?: Vendor): DocumentedExample[];
  /** sha256 of each spec file. */
  hashes: Partial<Record<Vendor, string>>;
  validateResponse(id: OperationId, status: number, headers: Record<string, string>, body: unknown): SchemaFinding[];
  validateRequest(id: OperationId, request: RequestParts): SchemaFinding[];
}
