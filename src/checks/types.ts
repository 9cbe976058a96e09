// A check is a declarative definition over one exchange, in the way ajv writes one keyword per file.
import type { OperationInfo, SpecSet } from "../openapi/types.ts";
import type { AuthMode, CallEvidence, Exchange, Finding, RuleRef } from "../types.ts";
import type { ImageFacts } from "../images/inspect.ts";
import type { ZolozRequestVerification } from "../auth/zoloz.ts";

/** What the documentation says should happen to the request a case sent. */
export type Expectation =
  /**
   * Input the docs call valid: a documented success. With `deviation`, valid under the reading that deviation chose
   * only (e.g. a size between 2,000,000 and 2,097,151 bytes against "less than 2M"): a refusal is its other reading,
   * reported at the deviation's severity.
   */
  | { kind: "accept"; deviation?: string }
  /** Input with these violations (spec x-rejections vocabulary): one of their documented rejections. */
  | { kind: "reject"; violations: string[] }
  /** Credentials in this state: the documented auth error, never a success. */
  | { kind: "auth"; mode: Exclude<AuthMode, "valid"> }
  /**
   * A resource the flow created must be visible through this exchange. `copies`: other ids known to hold the same
   * face (a shared 1:N gallery keeps earlier copies); a vendor that answers with one of them has found the face too.
   */
  | { kind: "present"; resource: string; copies?: string[] }
  /** A resource the flow deleted must be gone when seen through this exchange. */
  | { kind: "absent"; resource: string }
  /** Nothing documented to expect beyond the response contract (e.g. a probe). */
  | { kind: "any" };

export interface CheckContext {
  exchange: Exchange;
  operation: OperationInfo;
  spec: SpecSet;
  expectation: Expectation;
  /** Present when the transport repeated the call: what each attempt got, and what a control request got. */
  call?: CallEvidence;
  /** Present when the request was an app's (the proxy): what the client-side checks judge. */
  client?: ClientEvidence;
}

/**
 * What the proxy learned about a request an app sent, computed before the checks (decoding images is async) in the
 * way the transport computes a response signature verdict for response_signature.
 */
export interface ClientEvidence {
  /** The body as the app meant it: parsed JSON (decrypted when keys were given) or form fields; absent when unreadable. */
  body?: unknown;
  /** Why the body could not be read (encrypted without the key, not JSON); body checks are then skipped. */
  bodyUnreadable?: string;
  query: Record<string, string>;
  pathParams: Record<string, string>;
  /** Facts of each image field of the body, from the decoded bytes. */
  images: { field: string; facts: ImageFacts }[];
  /** ZOLOZ: the request signature verified against the merchant public key (absent without the key). */
  zolozSignature?: ZolozRequestVerification;
}

export interface Check {
  /** Schemathesis-compatible name where the meaning matches. */
  name: string;
  /** Web Fuzzing Commons fault category of this check's failures, where one fits. */
  wfc?: number;
  /** The documented rule, phrased for a report reader. */
  rule: string;
  appliesTo(context: CheckContext): boolean;
  run(context: CheckContext): Finding[];
}

/** Rule reference for an operation: its doc page and spec location. */
export function ruleRef(operation: OperationInfo, text: string, pointerSuffix = ""): RuleRef {
  return { text, docUrl: operation.docPage.url, specPointer: operation.specPointer + pointerSuffix };
}

export function finding(
  check: Check,
  context: CheckContext,
  fields: Omit<Finding, "check" | "rule" | "severity"> & { severity?: Finding["severity"]; rule?: RuleRef },
): Finding {
  const { severity = "failure", rule, ...rest } = fields;
  return {
    check: check.name,
    severity,
    rule: rule ?? ruleRef(context.operation, check.rule),
    ...(check.wfc !== undefined ? { wfc: check.wfc } : {}),
    ...rest,
  };
}
