// The operation's x- data: business/result codes, image limits of body fields, documented rejections.
import { oneLine } from "./errors.ts";
import { isObj, type Obj } from "./json.ts";
import { escapeSegment, getAt, parsePointer } from "./pointer.ts";
import { deref } from "./resolve.ts";
import type { SpecContext } from "./spec-context.ts";
import type { BusinessCode, ImageField, ImageLimits, Rejection } from "./types.ts";

export function readBusinessCodes(s: SpecContext, op: Obj, ptr: string): BusinessCode[] {
  const raw = s.src.raw;
  const own: BusinessCode[] = [];
  const common: BusinessCode[] = [];
  const read = (list: unknown, at: string, isCommon: boolean, into: BusinessCode[]) => {
    if (list === undefined) return;
    if (!Array.isArray(list))
      s.fail(at, "code list is not a YAML list", "write it as a list of {code, messages, source}");
    list.forEach((c, i) => {
      const cPtr = `${at}/${i}`;
      if (!isObj(c) || typeof c.code !== "string")
        s.fail(cPtr, "code entry has no string `code`", "write {code: X, messages: [...], source: <page id>}");
      const page = s.page(c.source, `${cPtr}/source`, `code ${c.code}`);
      const messages =
        c.messages === undefined ? [] : s.stringList(c.messages, `${cPtr}/messages`, `code ${c.code} messages`);
      const bc: BusinessCode = {
        code: c.code,
        messages,
        source: page.id,
        common: isCommon,
        specPointer: s.specPointer(cPtr),
        specLine: s.src.lineOf(cPtr),
      };
      if (c.status !== undefined) {
        if (c.status !== "S" && c.status !== "F" && c.status !== "U")
          s.fail(`${cPtr}/status`, `code ${c.code} has status ${JSON.stringify(c.status)}`, "use S, F or U");
        bc.status = c.status;
      }
      if (typeof c.description === "string") bc.description = oneLine(c.description);
      into.push(bc);
    });
  };
  read(op["x-business-codes"], `${ptr}/x-business-codes`, false, own);
  read(op["x-result-codes"], `${ptr}/x-result-codes`, false, own);
  read(raw["x-common-business-codes"], "/x-common-business-codes", true, common);
  read(raw["x-common-result-codes"], "/x-common-result-codes", true, common);
  const ownCodes = new Set(own.map((c) => c.code));
  return [...own, ...common.filter((c) => !ownCodes.has(c.code))];
}

/** The x-image fields among the top-level properties of the request body at `bodyPtr`. */
export function readImageFields(s: SpecContext, bodyPtr: string | undefined, operationId: string): ImageField[] {
  if (bodyPtr === undefined) return [];
  const out: ImageField[] = [];
  const seen = new Set<string>();
  const rb = getAt(s.src.raw, parsePointer(bodyPtr)) as Obj;
  for (const [mt, media] of Object.entries((rb.content as Obj) ?? {})) {
    if (!isObj(media) || media.schema === undefined) continue;
    for (const { name, schema, ptr } of topProperties(
      s,
      media.schema,
      `${bodyPtr}/content/${escapeSegment(mt)}/schema`,
    )) {
      const xi = schema["x-image"];
      if (xi === undefined || seen.has(name)) continue;
      seen.add(name);
      out.push({
        field: name,
        limits: imageLimits(s, xi, `${ptr}/x-image`, operationId),
        specPointer: s.specPointer(`${ptr}/x-image`),
        specLine: s.src.lineOf(`${ptr}/x-image`),
      });
    }
  }
  return out;
}

/** Top-level properties of a (possibly $ref'd / allOf-composed) object schema. */
function topProperties(
  s: SpecContext,
  schema: unknown,
  ptr: string,
  depth = 0,
): { name: string; schema: Obj; ptr: string }[] {
  if (depth > 10) return [];
  const { node, ptr: at } = deref(s, schema, ptr);
  if (!isObj(node)) return [];
  const out: { name: string; schema: Obj; ptr: string }[] = [];
  if (isObj(node.properties)) {
    for (const [name, p] of Object.entries(node.properties)) {
      const r = deref(s, p, `${at}/properties/${escapeSegment(name)}`);
      if (isObj(r.node)) out.push({ name, schema: r.node, ptr: r.ptr });
    }
  }
  for (const k of ["allOf", "oneOf", "anyOf"] as const) {
    const list = node[k];
    if (Array.isArray(list)) list.forEach((sub, i) => out.push(...topProperties(s, sub, `${at}/${k}/${i}`, depth + 1)));
  }
  return out;
}

function imageLimits(s: SpecContext, xi: unknown, ptr: string, operationId: string): ImageLimits {
  if (!isObj(xi)) s.fail(ptr, `x-image of "${operationId}" is not a mapping`, "see docs/spec-conventions.md (Images)");
  const formats = s.stringList(xi.formats, `${ptr}/formats`, "x-image formats");
  if (formats.some((f) => f !== "jpeg" && f !== "png"))
    s.fail(
      `${ptr}/formats`,
      `x-image formats ${JSON.stringify(formats)} include an unknown format`,
      "use jpeg and/or png",
    );
  const transports = s.stringList(xi.transports, `${ptr}/transports`, "x-image transports");
  if (transports.some((t) => !["base64", "url", "multipart"].includes(t)))
    s.fail(
      `${ptr}/transports`,
      `x-image transports ${JSON.stringify(transports)} include an unknown transport`,
      "use base64, url and/or multipart",
    );
  if (typeof xi.maxBytes !== "number" || !(xi.maxBytes > 0))
    s.fail(
      `${ptr}/maxBytes`,
      "x-image maxBytes is not a positive number",
      "give the limit in decoded bytes, e.g. 2097152",
    );
  const page = s.page(xi.source, `${ptr}/source`, "x-image");
  const limits: ImageLimits = {
    formats: formats as ImageLimits["formats"],
    maxBytes: xi.maxBytes,
    transports: transports as ImageLimits["transports"],
    source: page.id,
  };
  if (xi.exclusiveMaxBytes !== undefined) limits.exclusiveMaxBytes = xi.exclusiveMaxBytes === true;
  if (xi.otherReadingMaxBytes !== undefined) {
    if (typeof xi.otherReadingMaxBytes !== "number" || !(xi.otherReadingMaxBytes > 0))
      s.fail(
        `${ptr}/otherReadingMaxBytes`,
        "x-image otherReadingMaxBytes is not a positive number",
        "give the other reading's limit in decoded bytes, e.g. 2000000",
      );
    const listed = s.src.raw["x-doc-deviations"];
    if (
      typeof xi.sizeDeviation !== "string" ||
      !Array.isArray(listed) ||
      !listed.some((d) => isObj(d) && d.id === xi.sizeDeviation)
    )
      s.fail(
        `${ptr}/sizeDeviation`,
        "x-image otherReadingMaxBytes needs a sizeDeviation naming an x-doc-deviations id",
        "add sizeDeviation: <deviation id>",
      );
    limits.otherReadingMaxBytes = xi.otherReadingMaxBytes;
    limits.sizeDeviation = xi.sizeDeviation as string;
  }
  for (const k of ["minWidth", "minHeight", "maxWidth", "maxHeight"] as const) {
    const v = xi[k];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v <= 0)
      s.fail(`${ptr}/${k}`, `x-image ${k} is not a positive integer`, "give pixels as an integer");
    limits[k] = v;
  }
  return limits;
}

export function readRejections(s: SpecContext, operationId: string, list: unknown, ptr: string): Rejection[] {
  if (list === undefined) return [];
  if (!Array.isArray(list))
    s.fail(ptr, `x-rejections of "${operationId}" is not a list`, "see docs/spec-conventions.md (Rejections)");
  return list.map((r, i) => {
    const rPtr = `${ptr}/${i}`;
    if (!isObj(r) || typeof r.violation !== "string" || typeof r.status !== "number")
      s.fail(
        rPtr,
        "rejection needs a string `violation` and a numeric `status`",
        "write {violation: missing:userId, status: 200, code: ..., inferred: false}",
      );
    if (!VIOLATION.test(r.violation))
      s.fail(
        `${rPtr}/violation`,
        `unknown violation "${r.violation}"`,
        "use the vocabulary in docs/spec-conventions.md (missing:<field>, image-too-large, auth-missing, ...)",
      );
    const out: Rejection = {
      violation: r.violation,
      status: r.status,
      inferred: r.inferred === true,
      specPointer: s.specPointer(rPtr),
      specLine: s.src.lineOf(rPtr),
    };
    if (typeof r.code === "string") out.code = r.code;
    if (typeof r.message === "string") out.message = r.message;
    return out;
  });
}

const VIOLATION =
  /^((missing|empty|too-long|wrong-type|out-of-range):[A-Za-z0-9_.\-[\]]+|image-too-large|image-dimensions|image-format|image-undecodable|image-empty|image-no-face|image-unreachable|region-invalid|unknown-id|malformed-body|wrong-content-type|auth-missing|auth-invalid|auth-expired)$/;
