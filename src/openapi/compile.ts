// ajv instances of one vendor (plain and coercing) with its definitions registered; compile errors become SpecErrors.
import A from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import { isObj, type Obj } from "./json.ts";
import { escapeSegment, parsePointer } from "./pointer.ts";
import type { Ajv, AjvKind, SpecContext } from "./spec-context.ts";

export type { Ajv, AjvKind };

const ANY_TYPE = ["object", "array", "string", "number", "boolean", "null"] as const;

/** x- extensions are annotations: ajv accepts them on any schema and checks nothing. */
export function addAnnotation(ajv: Ajv, keyword: string): void {
  ajv.addKeyword({ keyword, schemaType: [...ANY_TYPE] });
}

export function newAjv(s: SpecContext, kind: AjvKind): Ajv {
  const ajv = new A.default({
    strict: true,
    // allOf narrowing (envelope + per-operation code enum) puts `properties` without `type` and `required`
    // without `properties` in sub-schemas, which strictTypes/strictRequired would reject; unknown keywords
    // and formats (typos) are still errors.
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: kind !== "check",
    // parentSchema lets a finding name the spec keyword it violated (see ptrOf).
    verbose: kind !== "check",
    coerceTypes: kind === "coerce",
    // Validating schemas compiles the draft-04 meta schema in every instance (~15 ms each); a prechecked spec's
    // schemas were all validated by the process that cached it.
    ...(s.prechecked ? { validateSchema: false } : {}),
  });
  addFormats.default(ajv);
  for (const k of s.xKeywords) addAnnotation(ajv, k);
  if (!s.prechecked && !ajv.validateSchema(s.defsDoc)) {
    const e = ajv.errors?.[0];
    const segs = parsePointer(e?.instancePath ?? "");
    const ptr =
      segs[0] === "definitions" && segs[1] !== undefined ? convertedPath(s, s.defsDoc, segs) : "/components/schemas";
    s.fail(
      ptr,
      `invalid schema: ${segs.slice(2).join(".") || "schema"} ${e?.message ?? "is invalid"}`,
      "fix the keyword so it follows OpenAPI 3.0 / JSON Schema draft-04",
    );
  }
  try {
    ajv.addSchema(s.defsDoc);
  } catch (e) {
    s.fail(
      "/components/schemas",
      `components cannot be registered: ${(e as Error).message}`,
      "fix the component schemas",
    );
  }
  return ajv;
}

/** Spec pointer for a path inside a converted document: deepest mapped node + remaining existing segments. */
export function convertedPath(s: SpecContext, root: unknown, segs: string[]): string {
  let node: unknown = root;
  let ptr = s.ptrOf.get(root as object) ?? "";
  let i = 0;
  for (; i < segs.length; i++) {
    const next = (node as Obj)?.[segs[i]!];
    if (next === null || typeof next !== "object") break;
    node = next;
    ptr = s.ptrOf.get(next) ?? ptr;
  }
  const rest = segs[i];
  if (rest !== undefined && s.src.lineOf(`${ptr}/${escapeSegment(rest)}`) !== undefined)
    ptr += `/${escapeSegment(rest)}`;
  return ptr;
}

/** Compiles, turning ajv's errors into one-line SpecErrors that name the keyword's spec line. */
export function guardCompile<T>(s: SpecContext, ptr: string, roots: unknown[], compile: () => T): T {
  try {
    return compile();
  } catch (e) {
    const msg = (e as Error).message;
    let where = ptr;
    let fix = "fix the schema so that ajv (JSON Schema draft-04, strict) accepts it";
    const kw = /unknown keyword: "([^"]+)"/.exec(msg);
    const fmt = /unknown format "([^"]+)"/.exec(msg);
    const pred = kw ? (n: Obj) => kw[1]! in n : fmt ? (n: Obj) => n.format === fmt[1] : undefined;
    if (kw) fix = `remove or correct "${kw[1]}" (a typo of an OpenAPI keyword?), or prefix it with x-`;
    if (fmt)
      fix = `use a format ajv-formats knows (date-time, uri, email, byte, binary, int32, ...) or drop "format: ${fmt[1]}"`;
    if (pred) {
      for (const r of [...roots, s.defsDoc]) {
        const hit = findNode(r, pred);
        if (hit) {
          where = (s.ptrOf.get(hit) ?? where) + (kw ? `/${escapeSegment(kw[1]!)}` : "/format");
          break;
        }
      }
    }
    s.fail(where, `schema rejected by ajv: ${msg}`, fix);
  }
}

export function compileSchema(s: SpecContext, schema: Obj, ptr: string, kind: AjvKind): ValidateFunction {
  return guardCompile(s, ptr, [schema], () => s.ajv(kind).compile(schema));
}

/** A body schema: `check` answers valid/invalid; `explain()` (compiled on first use) gives a failure's errors. */
export interface CompiledSchema {
  check: (data: unknown) => boolean;
  explain(): ValidateFunction;
  /** Spec pointer (in-file) of the schema. */
  pointer: string;
}

/**
 * Compiles the "check" validator now (strict errors surface at load) and the "explain" one on first need, so a
 * process that only sees valid bodies never pays for it; a prechecked spec compiles "check" on first use too, and
 * then puts it in place of the stub, so the hot path calls ajv's function directly. `s.reference` makes every
 * body take the explain path: the behaviour before the fast path, kept as the yardstick the bench and tests
 * compare it with.
 */
export function compileBodySchema(s: SpecContext, schema: Obj, ptr: string): CompiledSchema {
  const check = s.prechecked ? undefined : compileSchema(s, schema, ptr, "check");
  let explain: ValidateFunction | undefined;
  const compiled: CompiledSchema = {
    check: s.reference
      ? () => false
      : (check ?? ((data) => (compiled.check = compileSchema(s, schema, ptr, "check"))(data))),
    explain: () => (explain ??= compileSchema(s, schema, ptr, "explain")),
    pointer: ptr,
  };
  return compiled;
}

/** A validator a caller calls and then reads `.errors` of, as a ValidateFunction; compiled on its first call. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Compiles now, or, for a prechecked spec, on the first call (the errors of each call are copied over). */
export function compileValidator(s: SpecContext, schema: Obj, ptr: string, kind: AjvKind): Validator {
  if (!s.prechecked) return compileSchema(s, schema, ptr, kind);
  let fn: ValidateFunction | undefined;
  const validate: Validator = (data) => {
    fn ??= compileSchema(s, schema, ptr, kind);
    const ok = fn(data) as boolean;
    validate.errors = fn.errors;
    return ok;
  };
  validate.errors = null;
  return validate;
}

function findNode(root: unknown, pred: (n: Obj) => boolean): Obj | undefined {
  if (root === null || typeof root !== "object") return undefined;
  if (isObj(root) && pred(root)) return root;
  for (const v of Object.values(root)) {
    const hit = findNode(v, pred);
    if (hit) return hit;
  }
  return undefined;
}
