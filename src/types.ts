// Shared types at the kit's boundaries. Every module speaks these; nothing here has behaviour.

export type Vendor = "advance" | "zoloz" | "uqudo";
export const VENDORS: readonly Vendor[] = ["advance", "zoloz", "uqudo"];

export type TargetName = "sandbox" | "live" | "fixtures";

/** Global operation id: `<vendor>.<operationId in that vendor's spec>`, e.g. `advance.enroll`. */
export type OperationId = string;

// ---------------------------------------------------------------- requests

/** How a case wants its credentials: the transport turns this into real headers/signatures. */
export type AuthMode = "valid" | "none" | "wrong" | "expired";

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array | string;
}

export type RequestBody =
  | { kind: "json"; value: unknown }
  /** Bytes sent as they are (garbage, wrong content type, duplicated keys). */
  | { kind: "raw"; bytes: Uint8Array; contentType: string }
  | { kind: "form"; fields: Record<string, string> }
  | { kind: "multipart"; parts: MultipartPart[] };

/** What a case asks to send, before auth, signing and serialisation. */
export interface RequestSpec {
  operationId: OperationId;
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Default "valid". */
  auth?: AuthMode;
}

/** The request as it went on the wire. Header names are lower case. */
export interface SentRequest {
  method: string;
  url: string;
  /** Path and query, as signed by ZOLOZ. */
  path: string;
  /** The operation's documented path and query, without any base-URL prefix (what fixtures match on). */
  operationPath: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The response as it came off the wire. Header names are lower case. */
export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Parsed JSON body when the body parsed as JSON; absent for an empty body. */
  json?: unknown;
  /** Why the body did not parse as JSON (absent when it parsed or was empty). */
  parseError?: string;
}

/** Outcome of verifying a ZOLOZ response signature (set by the transport, judged by a check). */
export interface SignatureVerification {
  status: "valid" | "invalid" | "missing" | "not-applicable";
  detail?: string;
}

export interface Exchange {
  operationId: OperationId;
  request: SentRequest;
  response: ReceivedResponse;
  timing: { startedAt: string; durationMs: number };
  signature?: SignatureVerification;
  /** The transport's judgement that this answer is the infrastructure failing, not the vendor answering. */
  fault?: InfraVerdict;
  /** Set when the retry policy repeated the call or stopped it: what it said last, and what every attempt got. */
  retry?: RetryRecord;
}

/** An answer that is an infrastructure fault (an HTML 503, a 429, a cut-off body): never a conformance verdict. */
export interface InfraVerdict {
  kind: InfraFaultKind;
  reason: string;
}

export interface RetryRecord {
  /** How the policy ended (e.g. "gave up after 3 attempts"), when it had a say. */
  note?: string;
  attempts: AttemptAnswer[];
}

/** One attempt's answer, as the retry policy saw it. */
export interface AttemptAnswer {
  status: number;
  contentType?: string;
  /** Why the answer looked like an outage (e.g. "HTTP 500 with an HTML page"), when it did. */
  fault?: string;
}

/** Evidence about a call the transport repeated: each attempt's answer, and a control request's answer. */
export interface CallEvidence {
  attempts: AttemptAnswer[];
  /** The same operation's valid default request, sent right after the last attempt. */
  control?: AttemptAnswer & { operationId: OperationId };
}

/** A failure to get any HTTP response at all: an infrastructure fault, never a conformance verdict. */
export type InfraFaultKind =
  | "connection-refused"
  | "connection-reset"
  /** The host name did not resolve (ENOTFOUND, EAI_AGAIN): nothing was sent. */
  | "dns-failure"
  | "timeout"
  | "body-too-large"
  | "redirect-loop"
  /** A JSON body that stops mid-value: cut off on the way, not the vendor's answer. */
  | "truncated-body"
  | "vendor-outage"
  | "rate-limited"
  | "auth-unavailable"
  | "budget-exhausted"
  | "no-fixture"
  | "other";

export class InfraError extends Error {
  constructor(
    readonly kind: InfraFaultKind,
    message: string,
    readonly operationId?: OperationId,
    /** Set by the transport: whether the request may have reached the target (so what it creates may exist). */
    readonly sent?: boolean,
  ) {
    super(message);
    this.name = "InfraError";
  }
}

/** What the user gave the kit (a flag, a variable, a file) cannot be used: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A UsageError of the configuration: its variables, or the files they name (fixtures, baseline). */
export class ConfigError extends UsageError {
  override name = "ConfigError";
}

/** Context a transport needs to keep recordings and replays aligned with cases. */
export interface SendContext {
  /** Stable case id, e.g. `advance.enroll/region-wrong`. */
  caseId: string;
}

export interface Transport {
  readonly target: TargetName;
  send(request: RequestSpec, context: SendContext): Promise<Exchange>;
  /** Throws an InfraError when requests of this operation are no longer sent (its host is down), before any is built. */
  admit?(operationId: OperationId): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- findings

export type Severity = "failure" | "warning" | "info";

/** Where a documented rule lives: the vendor's public page and the spec pointer that encodes it. */
export interface RuleRef {
  /** One sentence, quoting or paraphrasing the vendor documentation. */
  text: string;
  /** Public URL of the vendor page. */
  docUrl?: string;
  /** Spec file and JSON pointer, e.g. `specs/advance.yaml#/paths/~1intl~1.../post`. */
  specPointer?: string;
}

/** One schema violation, as found by the compiled validators. */
export interface SchemaFinding {
  /** JSON pointer into the validated value. */
  pointer: string;
  keyword: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** JSON pointer into the spec document of the violated schema keyword. */
  specPointer: string;
  /** 1-based line in the YAML spec of that keyword, when known. */
  specLine?: number;
  /** The spec's own words for the violated schema: its `description` (e.g. "1 (worst) to 5 (best)"). */
  specRule?: string;
}

export interface Finding {
  check: string;
  severity: Severity;
  message: string;
  rule: RuleRef;
  /** Web Fuzzing Commons fault category, where one fits (100 server error, 101 schema mismatch, 102 success on invalid input, 103 delete not working, 205 wrongly not authenticated, ...). */
  wfc?: number;
  expected?: unknown;
  actual?: unknown;
  schemaFindings?: SchemaFinding[];
  /** JSON pointer into the response body this finding is about, when it is about one place. */
  pointer?: string;
  /** Id of an `x-doc-deviations` entry that explains this finding, if one does. */
  deviation?: string;
  /** Whose fault it is, in an exchange the proxy observed: the app's request ("client") or the vendor's answer. */
  side?: "client" | "vendor";
}
