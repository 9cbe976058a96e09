// The hot path of one operation: checking a response or a request against the validators its builder compiled.
import type { SchemaFinding } from "../types.ts";
import type { CompiledSchema, Validator } from "./compile.ts";
import { findings, simpleFinding } from "./findings.ts";
import {
  bodyKindMedia,
  contentType,
  firstJson,
  lowerKeys,
  matchWildcard,
  mediaKey,
  plainBody,
} from "./request-body.ts";
import type { SpecContext } from "./spec-context.ts";
import type { OperationInfo, RequestParts } from "./types.ts";

export interface ParamGroup {
  validate: Validator;
  /** "/query", "/headers", "/path". */
  prefix: string;
}

export interface ResponseEntry {
  pointer: string;
  media: Map<string, CompiledSchema | null>;
  headers?: ParamGroup;
}

/** What the builder compiles for one operation, and all that validation reads besides its OperationInfo. */
export interface OperationValidators {
  readonly spec: SpecContext;
  /** The operation's pointer in its document. */
  readonly ptr: string;
  readonly responses: Map<string, ResponseEntry>;
  readonly bodyMedia: Map<string, CompiledSchema | null>;
  bodyRequired: boolean;
  bodyPtr?: string;
  readonly params: ParamGroup[];
}

function responseFor(v: OperationValidators, status: number): ResponseEntry | undefined {
  return v.responses.get(String(status)) ?? v.responses.get(`${String(status)[0]}XX`) ?? v.responses.get("default");
}

export function validateResponse(
  v: OperationValidators,
  info: OperationInfo,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  checkHeaders: boolean,
): SchemaFinding[] {
  const s: SpecContext = v.spec;
  const entry = responseFor(v, status);
  if (!entry) {
    return [
      simpleFinding(
        s,
        "",
        "status",
        `HTTP ${status} is not a documented status of ${info.id} (documented: ${info.statuses.join(", ")})`,
        `${v.ptr}/responses`,
        info.statuses,
        status,
      ),
    ];
  }
  const out: SchemaFinding[] = [];
  let lower: Record<string, string> | undefined;
  if (entry.headers && checkHeaders) {
    lower = lowerKeys(headers);
    if (!entry.headers.validate(lower))
      out.push(...findings(s, entry.headers.validate.errors, "/headers", entry.pointer));
  }
  if (entry.media.size === 0) {
    if (body !== undefined && body !== null && body !== "") {
      out.push(
        simpleFinding(
          s,
          "",
          "body",
          `HTTP ${status} of ${info.id} is documented without a body, but one was returned`,
          entry.pointer,
          undefined,
          body,
        ),
      );
    }
    return out;
  }
  const ct = contentType(headers, lower);
  let compiled: CompiledSchema | null | undefined;
  if (ct !== undefined) {
    compiled = entry.media.get(ct) ?? matchWildcard(entry.media, ct);
    if (compiled === undefined) {
      out.push(
        simpleFinding(
          s,
          "/headers/content-type",
          "mediaType",
          `content-type ${ct} is not documented for HTTP ${status} of ${info.id} (documented: ${[...entry.media.keys()].join(", ")})`,
          `${entry.pointer}/content`,
          [...entry.media.keys()],
          ct,
        ),
      );
    }
  }
  if (compiled === undefined) compiled = firstJson(entry.media);
  if (!compiled) return out;
  if (body === undefined) {
    out.push(
      simpleFinding(
        s,
        "",
        "body",
        `HTTP ${status} of ${info.id} has no (JSON) body; the docs give one`,
        compiled.pointer,
      ),
    );
    return out;
  }
  if (!compiled.check(body)) out.push(...explain(s, compiled, body));
  return out;
}

export function validateRequest(v: OperationValidators, info: OperationInfo, request: RequestParts): SchemaFinding[] {
  const s: SpecContext = v.spec;
  const out: SchemaFinding[] = [];
  const lower = request.headers ? lowerKeys(request.headers) : {};
  for (const g of v.params) {
    const value =
      g.prefix === "/query" ? { ...request.query } : g.prefix === "/headers" ? { ...lower } : { ...request.pathParams };
    if (!g.validate(value)) out.push(...findings(s, g.validate.errors, g.prefix, `${v.ptr}/parameters`));
  }
  if (v.bodyPtr === undefined) return out;
  const body = plainBody(request.body);
  if (body === undefined) {
    if (v.bodyRequired)
      out.push(simpleFinding(s, "", "required", `${info.id} requires a request body`, `${v.bodyPtr}/required`));
    return out;
  }
  const ct =
    contentType(request.headers ?? {}, lower) ?? bodyKindMedia(request.body) ?? mediaKey(info.requestMediaType ?? "");
  let compiled = ct !== undefined ? (v.bodyMedia.get(ct) ?? matchWildcard(v.bodyMedia, ct)) : undefined;
  if (compiled === undefined && ct !== undefined && v.bodyMedia.size > 0) {
    out.push(
      simpleFinding(
        s,
        "/headers/content-type",
        "mediaType",
        `content-type ${ct} is not documented for the ${info.id} request (documented: ${[...v.bodyMedia.keys()].join(", ")})`,
        `${v.bodyPtr}/content`,
        [...v.bodyMedia.keys()],
        ct,
      ),
    );
    compiled = v.bodyMedia.get(mediaKey(info.requestMediaType ?? ""));
  }
  if (compiled && !compiled.check(body)) out.push(...explain(s, compiled, body));
  return out;
}

/** The findings of a body `check` rejected, from the allErrors + verbose validator. */
function explain(s: SpecContext, compiled: CompiledSchema, body: unknown): SchemaFinding[] {
  const full = compiled.explain();
  full(body);
  return findings(s, full.errors, "", compiled.pointer);
}
