// What a suite declares: cases as data. Building, sending and judging them lives in src/suite.
import type { Expectation } from "../checks/types.ts";
import type { ImageDescription } from "../images/index.ts";
import type { Base64Transport } from "../images/transport.ts";
import type { AuthMode, OperationId } from "../types.ts";

/** How an image travels in the request. */
export type ImageTransport = Base64Transport | "url" | "multipart";

/** A placeholder the runner replaces by a rendered image (never stored raw in a suite or a fixture). */
export interface ImageRef {
  $image: ImageDescription;
  transport?: ImageTransport;
}

/** A placeholder for a value the run generates: a fresh user id, biz id, or one captured by an earlier step. */
export interface GeneratedRef {
  $generate: "userId" | "bizId" | "unknownId";
  /** Exact length (a documented maximum): the run prefix, then more digest characters. */
  length?: number;
}
export interface CapturedRef {
  $captured: string;
}

export type InputValue = unknown;

export interface CaseInput {
  /** Body fields (query fields for GET operations) to set on the operation's valid default request. */
  set?: Record<string, InputValue>;
  /** Fields to remove from the default request. */
  omit?: string[];
  pathParams?: Record<string, InputValue>;
  /** Replace the whole body with these bytes. */
  raw?: { text?: string; base64?: string; contentType: string };
  headers?: Record<string, string>;
  auth?: AuthMode;
}

export interface CaseDefinition {
  /** Short stable slug: the case id is `<operation>/<name>`. */
  name: string;
  /** What the documentation says about it (shown in reports). */
  title?: string;
  kind: "example" | "negative" | "positive" | "auth";
  input?: CaseInput;
  expect: Expectation;
  /** The case needs a face the vendor recognises: in live mode it needs CONFORMANCE_FACE_IMAGE. */
  needsRealFace?: boolean;
}

export interface FlowStep {
  operationId: OperationId;
  input?: CaseInput;
  expect: Expectation;
  /** Capture a response field (JSON pointer) under a name for later steps (`{ $captured: name }`). */
  capture?: Record<string, string>;
}

export interface FlowDefinition {
  name: string;
  title: string;
  /** Operation the flow is reported under. */
  operationId: OperationId;
  /** Values shared by all steps (e.g. the user id), generated once per flow. */
  shared?: Record<string, GeneratedRef["$generate"]>;
  steps: FlowStep[];
  /** Steps that undo what the flow created; run even when a step fails. */
  cleanup: FlowStep[];
  needsRealFace?: boolean;
}

export type FuzzFamily = "image" | "params";

export interface SuiteDefinition {
  operationId: OperationId;
  cases: CaseDefinition[];
  /** Auth modes to try (expectation: the documented auth error). */
  auth?: Exclude<AuthMode, "valid">[];
  flows?: FlowDefinition[];
  fuzz?: FuzzFamily[];
}

export type { Expectation, ImageDescription };
