// The shape of one contract regression the sandbox can inject (src/sandbox/mutations.ts holds the catalogue).
import type { Vendor } from "../types.ts";
import type { MutationFlags, SbResponse, WireResponse } from "./handler-context.ts";

export interface MutationApply {
  flags?: MutationFlags;
  /** Edits the response before serialisation (and before ZOLOZ signs it, so the signature stays valid). */
  response?: (res: SbResponse) => void;
  /** Edits the bytes on the wire, after signing. */
  wire?: (res: WireResponse) => void;
}

export interface Mutation {
  name: string;
  vendor: Vendor;
  /** Global operation ids it affects. */
  operations: string[];
  description: string;
  /** How the kit should report it: "warning" for rules the docs call advisory (e.g. message text). */
  severity: "failure" | "warning";
  apply: MutationApply;
}
