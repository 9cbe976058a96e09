// The typed view of the specs that the rest of the kit uses. Built by src/openapi/load.ts from specs/*.yaml.
import type { OperationId, SchemaFinding, Vendor } from "../types.ts";

export interface DocPage {
  id: string;
  url: string;
  title: string;
  /** In-file location, filled by src/openapi/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
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
  /** In-file location, filled by src/openapi/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
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
  /** In-file location, filled by src/openapi/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

export interface Rejection {
  violation: string;
  status: number;
  code?: string;
  message?: string;
  inferred: boolean;
  /** In-file location, filled by src/openapi/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
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
  /** In-file location, filled by src/openapi/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
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
  /** In-file location, filled by src/openapi/load.ts (`specs/x.yaml#/pointer`) and its 1-based line. */
  specPointer?: string;
  specLine?: number;
}

/** Documented values of a parameter (`x-known-values`); `complete: false` when the docs point to a fuller list. */
export interface KnownValues {
  values: string[];
  source: string;
  complete: boolean;
}

/** Where a resource key is read: the JSON request body, a path parameter, a query parameter, or the JSON answer. */
export type KeySource = "body" | "path" | "query" | "response";

/** A test on the request body or the answer (both JSON): the value at `pointer` equals / differs from a constant. */
export interface ResourceCondition {
  in: "request" | "response";
  pointer: string;
  equals?: unknown;
  notEquals?: unknown;
}

/** `x-resource`: what an operation does to a vendor-side resource (docs/spec-conventions.md, Resources). */
export interface ResourceSemantics {
  /** Names the resource in journal keys: `<vendor>:<kind>:<id>`. */
  kind: string;
  effect: "create" | "delete" | "read";
  /** Key fields and where each is read. */
  keys: Record<string, KeySource>;
  /** The key whose value names the resource. */
  id: string;
  /** A create only creates when every condition holds (e.g. uqudo search with `insert: true` and no match). */
  when: ResourceCondition[];
  /** A create: the operation that deletes it, its body and path parameters built from the keys (first key present). */
  undo?: { operation: OperationId; body?: Record<string, string[]>; path?: Record<string, string[]> };
  /** A delete: answers besides success that mean the resource is not there (already gone). */
  gone: { status?: number; code?: string }[];
  /** How the resource shows in a successful answer; without it, the success itself shows it. */
  visible?: { nonEmpty?: string; flag?: string; id?: string };
}

/** `x-envelope`: where a vendor's answer keeps its business outcome (JSON pointers into the body). */
export interface Envelope {
  code?: string;
  message?: string;
  /** ZOLOZ resultStatus. */
  status?: string;
  /** The success pair: `status` is `success.status` exactly when `code` is `success.code` (the ZOLOZ rule). */
  success: { code?: string; status?: string };
  /** Which field decides a success (with a 2xx); by default every field `success` gives. */
  decidedBy?: "code" | "status";
  /** The envelope may be absent (the ZOLOZ probe echoes its body): a 2xx JSON answer without it is a success. */
  optional: boolean;
  /** Pointers present exactly on success (ZOLOZ enroll's transactionId). */
  successOnly: string[];
  /** The value the pointer holds off success (ADVANCE `data: null`). */
  nullOnFailure: string[];
}

/** Limits of a top-level JSON body property, read from its schema. */
export interface FieldLimits {
  type?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/** `safe`: repeating cannot change the target's state; `delete`: only cleanup repeats it; `unsafe`: never blindly. */
export type RetrySafety = "safe" | "delete" | "unsafe";

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
  /** `x-resource`, when the operation creates, deletes or shows a resource. */
  resource?: ResourceSemantics;
  /** `x-retry: safe`, `delete` for an x-resource delete, `unsafe` otherwise. */
  retry: RetrySafety;
  /** The vendor's `x-envelope` with the operation's own `x-envelope` over it. */
  envelope: Envelope;
  /** Limits of the top-level properties of the JSON request body and of the 2xx JSON answer. */
  limits: { request: Record<string, FieldLimits>; response: Record<string, FieldLimits> };
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
