// The operations the sandbox serves and the documented outcomes it answers with, all read from the specs
// (specs/*.yaml via src/openapi): routes are the spec's paths, a rejection is the FIRST `x-rejections` entry for the
// violation, and messages come from `x-business-codes`. A violation the spec does not document gets the vendor's
// generic refusal and is listed in `gaps` (the vendor tests assert there are none).
import { matchPath } from "../openapi/semantics.ts";
import type { ImageLimits, OperationInfo, SpecSet } from "../openapi/types.ts";
import type { Vendor } from "../types.ts";

export interface Outcome {
  status: number;
  code?: string;
  message?: string;
}

/** The generic refusal for a violation the spec documents no rejection for (reported in `Rules.gaps`). */
const UNDOCUMENTED: Record<Vendor, Outcome> = {
  advance: { status: 200, code: "PARAMETER_ERROR", message: "Parameter error, please check you input." },
  zoloz: { status: 200, code: "PARAM_ILLEGAL" },
  uqudo: { status: 400 },
};

const SUCCESS_MESSAGE: Record<Vendor, string> = { advance: "OK", zoloz: "Success", uqudo: "" };

/** Where each outcome came from, so tests can list spec gaps. */
export interface RuleGap {
  operation: string;
  violation: string;
}

export class Rules {
  readonly gaps: RuleGap[] = [];
  private readonly byKey = new Map<string, OperationInfo>();

  constructor(readonly spec: SpecSet) {
    for (const info of spec.operations) this.byKey.set(info.id, info);
  }

  /** The spec operations of `vendor` whose path template matches `path` (several when only the method differs). */
  route(vendor: Vendor, path: string): OperationInfo[] {
    return this.spec.operations.filter((o) => o.vendor === vendor && matchPath(o.path, path) !== undefined);
  }

  info(opId: string): OperationInfo | undefined {
    return this.byKey.get(opId);
  }

  /** The documented rejection for `violation` on `opId` (first listed in the spec). */
  reject(opId: string, violation: string): Outcome {
    const info = this.byKey.get(opId);
    const hit = info?.rejections.find((r) => r.violation === violation);
    if (!hit) {
      if (!this.gaps.some((g) => g.operation === opId && g.violation === violation))
        this.gaps.push({ operation: opId, violation });
      return UNDOCUMENTED[opId.split(".")[0] as Vendor];
    }
    const out: Outcome = { status: hit.status };
    if (hit.code) out.code = hit.code;
    const message = hit.message ?? (hit.code ? this.codeMessage(opId, hit.code) : undefined);
    if (message !== undefined) out.message = message;
    return out;
  }

  /** Whether the spec documents a rejection for this violation. */
  documents(opId: string, violation: string): boolean {
    return this.byKey.get(opId)?.rejections.some((r) => r.violation === violation) ?? false;
  }

  /** First documented message of `code` (ADVANCE) or its description (ZOLOZ). */
  codeMessage(opId: string, code: string): string {
    const vendor = opId.split(".")[0] as Vendor;
    const bc = this.byKey.get(opId)?.businessCodes.find((c) => c.code === code);
    if (code === "SUCCESS") return bc?.messages[0] ?? SUCCESS_MESSAGE[vendor];
    return bc?.messages[0] ?? bc?.description ?? code;
  }

  /** ZOLOZ resultStatus documented for `code` (the operation's own table wins over the common one). */
  zolozStatus(opId: string, code: string): "S" | "F" | "U" {
    const codes = this.byKey.get(opId)?.businessCodes.filter((c) => c.code === code) ?? [];
    const own = codes.find((c) => !c.common) ?? codes[0];
    return own?.status ?? (code === "SUCCESS" ? "S" : code === "SYSTEM_ERROR" ? "U" : "F");
  }

  image(opId: string, field: string): ImageLimits {
    const hit = this.byKey.get(opId)?.imageFields.find((f) => f.field === field);
    if (!hit) throw new Error(`${opId} has no x-image on ${field}: the sandbox reads image limits from the spec`);
    return hit.limits;
  }
}
