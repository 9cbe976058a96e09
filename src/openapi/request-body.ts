// What a request or response carries, as the validators see it: media types, header lookups, the kit's RequestBody.
import { isObj, type Obj } from "./json.ts";
import { textOf } from "../bytes.ts";

/** Media types are matched without parameters (charset) and case-insensitively. */
export function mediaKey(mt: string): string {
  return mt.split(";")[0]!.trim().toLowerCase();
}

export function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) out[k.toLowerCase()] = h[k]!;
  return out;
}

export function contentType(h: Record<string, string>, lower?: Record<string, string>): string | undefined {
  let v = lower?.["content-type"] ?? h["content-type"];
  if (v === undefined) {
    for (const k in h) if (k.toLowerCase() === "content-type") v = h[k];
  }
  if (v === undefined || v === "") return undefined;
  let media = mediaTypes.get(v);
  if (media === undefined) {
    media = v.split(";")[0]!.trim().toLowerCase();
    if (mediaTypes.size < 256) mediaTypes.set(v, media);
  }
  return media;
}

// A run meets a handful of content-type spellings, each thousands of times.
const mediaTypes = new Map<string, string>();

export function matchWildcard<T>(media: Map<string, T | null>, ct: string): T | null | undefined {
  const [type] = ct.split("/");
  return media.get(`${type}/*`) ?? media.get("*/*");
}

export function firstJson<T>(media: Map<string, T | null>): T | null {
  for (const [k, v] of media) if (k.includes("json")) return v;
  return media.values().next().value ?? null;
}

/** Accepts a plain value or the kit's RequestBody union, so callers can pass what they are about to send. */
export function plainBody(body: unknown): unknown {
  if (!isRequestBody(body)) return body;
  switch (body.kind) {
    case "json":
      return "value" in body ? body.value : body;
    case "form":
      return isObj(body.fields) ? body.fields : body;
    case "multipart":
      if (!Array.isArray(body.parts)) return body;
      return Object.fromEntries(
        (body.parts as { name: string; data: Uint8Array | string }[]).map((p) => [
          p.name,
          typeof p.data === "string" ? p.data : Buffer.from(p.data).toString("latin1"),
        ]),
      );
    case "raw":
      if (body.bytes instanceof Uint8Array) {
        const text = textOf(body.bytes);
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
      return body;
    default:
      return body;
  }
}

export function bodyKindMedia(body: unknown): string | undefined {
  if (!isRequestBody(body)) return undefined;
  switch (body.kind) {
    case "json":
      return "application/json";
    case "form":
      return "application/x-www-form-urlencoded";
    case "multipart":
      return "multipart/form-data";
    case "raw":
      return typeof body.contentType === "string" ? body.contentType.split(";")[0]!.trim().toLowerCase() : undefined;
    default:
      return undefined;
  }
}

/** Only the exact RequestBody shapes count, so a JSON body that happens to have a `kind` key is left alone. */
function isRequestBody(b: unknown): b is Obj {
  if (!isObj(b)) return false;
  const keys = Object.keys(b).length;
  switch (b.kind) {
    case "json":
      return "value" in b && keys === 2;
    case "form":
      return isObj(b.fields) && keys === 2;
    case "multipart":
      return Array.isArray(b.parts) && keys === 2;
    case "raw":
      return b.bytes instanceof Uint8Array && typeof b.contentType === "string" && keys === 3;
    default:
      return false;
  }
}
