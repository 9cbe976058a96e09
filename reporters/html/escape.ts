// The only way text reaches the HTML report. Everything a vendor sent (bodies, headers, messages, values, URLs)
// goes through `text()` or `attr()`; there is no other sink. Control and bidi characters are made visible rather
// than interpreted, so a U+202E in a response cannot reorder what a reviewer reads.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const SPECIAL = /[&<>"']/g;

// C0 except tab/newline/CR, DEL and C1, zero-width and bidi formatting characters, line/paragraph separators, BOM.
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** HTML-escapes a string for element content; invisible/bidi characters become a visible `[U+XXXX]` marker. */
export function text(value: string): string {
  return value
    .replace(SPECIAL, (c) => ENTITIES[c]!)
    .replace(INVISIBLE, (ch) => `<span class="ctl">[${codePoint(ch)}]</span>`);
}

/**
 * An identifier (case id, operation id, check name) for element content: escaped like `text()`, and breakable only
 * after `_`, `.`, `/` or `-` (with `.id` in the CSS), so `response_schema_conformance` never wraps mid-word.
 */
export function ident(value: string): string {
  return value
    .split(/(?<=[_./-])/)
    .map(text)
    .join("<wbr>");
}

/** Escapes a string for a double-quoted attribute value (the only kind of attribute this report writes). */
export function attr(value: string): string {
  return value.replace(SPECIAL, (c) => ENTITIES[c]!).replace(INVISIBLE, (ch) => `[${codePoint(ch)}]`);
}

/**
 * A URL allowed in an href: only https, without credentials. Anything else (javascript:, data:, http:, relative,
 * unparsable) returns undefined and is shown as text. Used for OUR doc links only; vendor data never becomes a link.
 */
export function httpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || url.username || url.password) return undefined;
  return url.href;
}

/** Readable JSON for an `unknown` value (expected/actual/shrunk input); never throws. */
export function pretty(value: unknown): string {
  if (value === undefined) return "(absent)";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v), 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Body text for display: pretty-printed when it is JSON, cut at `max` characters with a note. */
export function bodyText(body: string, max: number): { text: string; cut: number } {
  let out = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null) out = JSON.stringify(parsed, null, 2);
  } catch {
    // not JSON: shown as sent
  }
  return out.length > max ? { text: out.slice(0, max), cut: out.length - max } : { text: out, cut: 0 };
}
