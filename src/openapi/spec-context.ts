// What the seams of one vendor's spec (resolve, convert, compile, findings, operation) share: its source, its
// locations and the state built while it is loaded. VendorSpec is the one implementation.
import type A from "ajv-draft-04";
import type { Obj } from "./json.ts";
import type { DocPage, DocumentedExample } from "./types.ts";
import type { Vendor } from "../types.ts";
import type { YamlSource } from "./yaml-source.ts";

export type Ajv = InstanceType<typeof A.default>;

/**
 * "check": the hot path, first error only, no schema references in errors (several times faster than "explain");
 * "explain": allErrors + verbose, run only on a body "check" rejected, to build its findings;
 * "coerce": like "explain", with type coercion, for query/header/path values (strings on the wire).
 */
export type AjvKind = "check" | "explain" | "coerce";

export interface SpecContext {
  readonly file: string;
  readonly src: YamlSource;
  readonly vendor: Vendor;
  readonly examples: DocumentedExample[];
  readonly requestExamples: DocumentedExample[];
  /** `https://spec.local/<vendor>.json`, the id of the definitions document. */
  readonly schemaId: string;
  /** Converted schema node → in-file pointer of the OpenAPI schema it came from. */
  readonly ptrOf: WeakMap<object, string>;
  /** Synthesised `{anyOf: [schema, {type: null}]}` parts whose errors only repeat the real ones. */
  readonly synthetic: WeakSet<object>;
  /** Wrapper schemas of parameter/header groups: lower-case name → in-file pointer of the declaration. */
  readonly groupPtrs: WeakMap<object, Record<string, string>>;
  /** x- keywords met so far, registered with ajv as annotations. */
  readonly xKeywords: Set<string>;
  /** The ajv instances created so far (none while the components are converted). */
  readonly ajvs: ReadonlyMap<AjvKind, Ajv>;
  /** The ajv of that kind with the definitions registered, created on first use. */
  ajv(kind: AjvKind): Ajv;
  /**
   * This exact text passed every check of this exact code before (a spec-cache hit): validators are compiled on
   * first use and schemas are not validated against the meta schema again.
   */
  readonly prechecked: boolean;
  /** Every body takes the explain path (the yardstick for the fast path; see compileBodySchema). */
  readonly reference: boolean;
  readonly defsDoc: Obj;
  /** Throws a SpecError naming the line of `pointer` (or its nearest existing parent). */
  fail(pointer: string, problem: string, fix: string): never;
  /** `specs/x.yaml#<inFile>`. */
  specPointer(inFile: string): string;
  /** The x-doc-pages entry `id`, or a failure naming `what` at `pointer`. */
  page(id: unknown, pointer: string, what: string): DocPage;
  stringList(v: unknown, ptr: string, what: string): string[];
  hasDeviation(id: string): boolean;
}
