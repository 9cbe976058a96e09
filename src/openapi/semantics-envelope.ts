// `x-envelope`: where a vendor's answers carry their code, message and status, and which values mean success.
import { isObj } from "./json.ts";
import { only, pointer, SEE, type SpecReader } from "./semantics-reader.ts";
import type { Envelope } from "./types.ts";

const ENVELOPE_FIELDS = [
  "code",
  "message",
  "status",
  "success",
  "decidedBy",
  "optional",
  "successOnly",
  "nullOnFailure",
];

/** The vendor's `x-envelope` (root), with an operation's own `x-envelope` over it. No envelope: success is any 2xx. */
export function readEnvelope(reader: SpecReader, node: unknown, at: string, base?: Envelope): Envelope {
  const out: Envelope = base
    ? { ...base, success: { ...base.success } }
    : { success: {}, optional: false, successOnly: [], nullOnFailure: [] };
  if (node === undefined) return out;
  if (!isObj(node)) reader.fail(at, "x-envelope is not a mapping", SEE);
  only(reader, node, at, "x-envelope", ENVELOPE_FIELDS);
  for (const k of ["code", "message", "status"] as const)
    if (node[k] !== undefined) out[k] = pointer(reader, node[k], `${at}/${k}`, `x-envelope ${k}`);
  if (node.success !== undefined) {
    if (!isObj(node.success))
      reader.fail(`${at}/success`, "x-envelope success is not a mapping", "write {code: SUCCESS} or {status: S}");
    only(reader, node.success, `${at}/success`, "x-envelope success", ["code", "status"]);
    for (const k of ["code", "status"] as const) {
      const v = node.success[k];
      if (v === undefined) continue;
      if (typeof v !== "string")
        reader.fail(`${at}/success/${k}`, `x-envelope success.${k} is not a string`, "quote the value");
      if (out[k] === undefined)
        reader.fail(
          `${at}/success/${k}`,
          `x-envelope success.${k} is given but x-envelope has no ${k} pointer`,
          `add ${k}: <pointer>`,
        );
      out.success[k] = v;
    }
  }
  if (node.decidedBy !== undefined) {
    if (node.decidedBy !== "code" && node.decidedBy !== "status")
      reader.fail(`${at}/decidedBy`, `x-envelope decidedBy is ${JSON.stringify(node.decidedBy)}`, "use code or status");
    if (out.success[node.decidedBy] === undefined)
      reader.fail(
        `${at}/decidedBy`,
        `x-envelope decidedBy ${node.decidedBy} but success gives no ${node.decidedBy}`,
        `add success.${node.decidedBy}`,
      );
    out.decidedBy = node.decidedBy;
  }
  if (node.optional !== undefined) {
    if (typeof node.optional !== "boolean")
      reader.fail(`${at}/optional`, "x-envelope optional is not a boolean", "write true or false");
    out.optional = node.optional;
  }
  for (const k of ["successOnly", "nullOnFailure"] as const) {
    const list = node[k];
    if (list === undefined) continue;
    if (!Array.isArray(list)) reader.fail(`${at}/${k}`, `x-envelope ${k} is not a list`, 'write it as ["/pointer"]');
    out[k] = list.map((p, i) => pointer(reader, p, `${at}/${k}/${i}`, `x-envelope ${k} entry`));
  }
  return out;
}
