// The one redaction function every writer goes through: fixtures, results, HTML, Allure, logs, errors, curl.
// Secrets become [REDACTED]; image and other binary payloads become a descriptor carrying their SHA-256,
// so a recording can still be matched on the payload without holding a face.
import { createHash } from "node:crypto";
import { imageSize } from "image-size";
import { bufferOf, textOf } from "../bytes.ts";

export const REDACTED = "[REDACTED]";

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-access-token",
  "signature",
  "encrypt",
  "cookie",
  "set-cookie",
]);
const SECRET_KEYS = new Set([
  "token",
  "access_token",
  "accesstoken",
  "refresh_token",
  "accesskey",
  "secretkey",
  "signature",
  "client_secret",
  "clientsecret",
  "symmetrickey",
  "password",
  "privatekey",
]);
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;
// Long runs of Base64 (standard or URL-safe, padded or not, with MIME line breaks) are payloads, not text.
const MIN_PAYLOAD_RUN = 192;
/** Base64 of the JPEG and PNG signatures: an image shorter than a payload run is still an image (a tiny fuzz PNG). */
// JPEG, PNG, GIF, WebP (RIFF), BMP and PDF signatures as they start a Base64 run (standard and URL-safe).
const IMAGE_MAGIC_BASE64 = ["/9j/", "_9j_", "iVBORw0KGgo", "R0lGOD", "UklGR", "Qk", "JVBERi0"];
const MIN_IMAGE_RUN = 16;
const DATA_URI_PREFIX = /data:[\w/+.-]+;base64,$/;

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47 ||
    code === 95 ||
    code === 45 ||
    code === 13 ||
    code === 10
  );
}

// A scan, not a regex: V8's backtracking overflows its stack on multi-megabyte runs.
function replacePayloads(text: string): string {
  let out = "";
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isBase64Char(text.charCodeAt(end))) end++;
    while (end < text.length && text.charCodeAt(end) === 61 && end - i < text.length) end++;
    if (
      end - i >= MIN_PAYLOAD_RUN ||
      (end - i >= MIN_IMAGE_RUN && IMAGE_MAGIC_BASE64.some((magic) => text.startsWith(magic, i)))
    ) {
      const before = text.slice(Math.max(last, i - 64), i);
      const prefix = DATA_URI_PREFIX.exec(before)?.[0] ?? "";
      out += text.slice(last, i - prefix.length) + describeBinary(decodeBase64Run(text.slice(i, end)));
      last = end;
    }
    i = end;
  }
  return last === 0 ? text : out + text.slice(last);
}
const MIN_SECRET_LENGTH = 4;

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Describes binary content without keeping it: `[image:jpeg 300x300 12345B sha256=…]`. */
export function describeBinary(bytes: Uint8Array): string {
  const digest = sha256(bytes);
  if (bytes.length === 0) return `[empty 0B sha256=${digest}]`;
  try {
    const size = imageSize(bytes);
    if (size.type && size.width !== undefined && size.height !== undefined)
      return `[image:${size.type} ${size.width}x${size.height} ${bytes.length}B sha256=${digest}]`;
  } catch {
    // not an image the sniffer knows: fall through to a plain binary descriptor
  }
  return `[binary ${bytes.length}B sha256=${digest}]`;
}

// Node's decoder reads both alphabets and skips line breaks: no copies of a multi-megabyte run.
const decodeBase64Run = (run: string): Uint8Array => Buffer.from(run, "base64");

export interface RedactorOptions {
  /** Exact secret values (keys, tokens, client secrets, a face image's Base64) to scrub wherever they appear. */
  secrets?: Iterable<string>;
}

export class Redactor {
  private readonly secretForms = new Set<string>();
  /** Bodies already redacted, by their bytes and media type: a request body is redacted for its result, its
   * recording and its replay, and an image body costs a full scan and a hash each time. */
  private bodies = new WeakMap<Uint8Array, Map<string, string>>();
  /** Long strings already redacted, oldest first, bounded by their total length (see MEMO_BUDGET_CHARS). */
  private readonly texts = new Map<string, string>();
  private textChars = 0;
  /** The short secret forms as one alternation (longest first), built on first use: one pass over a multi-megabyte
   * body instead of one per form. Longer forms (a face's Base64) are searched for one by one. */
  private pattern: { short: RegExp | undefined; long: string[] } | undefined;

  constructor(options: RedactorOptions = {}) {
    for (const secret of options.secrets ?? []) this.addSecret(secret);
  }

  /** Registers a secret in every form a writer might leak it: raw, Base64, percent-encoded, hex. */
  addSecret(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    this.bodies = new WeakMap();
    this.pattern = undefined;
    this.texts.clear();
    this.textChars = 0;
    const bytes = Buffer.from(secret, "utf8");
    for (const form of [
      secret,
      bytes.toString("base64"),
      bytes.toString("base64url"),
      encodeURIComponent(secret),
      bytes.toString("hex"),
    ]) {
      if (form.length >= MIN_SECRET_LENGTH) this.secretForms.add(form);
    }
  }

  text(value: string): string {
    if (value.length < MEMO_MIN_CHARS) return this.redactText(value);
    // The same image travels in case after case (a fuzz run's face): its scan and hash are done once.
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    const redacted = this.redactText(value);
    if (value.length <= MEMO_MAX_CHARS) this.remember(value, redacted);
    return redacted;
  }

  /**
   * `value` is `bytes` in one of the kit's Base64 spellings (src/images/transport.ts: padded or not, MIME lines,
   * URL-safe, a data URI): it redacts to the bytes' descriptor unless a secret is in it, which is known without
   * scanning and decoding it character by character. A later `text`/`body` of the same string (a request body
   * re-parsed) finds the answer here.
   */
  knownPayload(value: string, bytes: Uint8Array): void {
    if (value.length < MEMO_MIN_CHARS || this.texts.has(value)) return;
    const { short, long } = (this.pattern ??= secretPattern(this.secretForms));
    if (short) short.lastIndex = 0;
    const secret = (short !== undefined && short.test(value)) || long.some((form) => value.includes(form));
    this.remember(value, secret ? this.redactText(value) : describeBinary(bytes));
  }

  private remember(value: string, redacted: string): void {
    this.texts.set(value, redacted);
    this.textChars += value.length;
    for (const [key] of this.texts) {
      if (this.textChars <= MEMO_BUDGET_CHARS || key === value) break;
      this.texts.delete(key);
      this.textChars -= key.length;
    }
  }

  private redactText(value: string): string {
    let out = value.replace(PEM, REDACTED).replace(JWT, REDACTED);
    const { short, long } = (this.pattern ??= secretPattern(this.secretForms));
    if (short) out = out.replace(short, REDACTED);
    for (const form of long) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return replacePayloads(out);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return out;
  }

  json(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[this.text(key)] =
          SECRET_KEYS.has(key.toLowerCase()) && item !== null && item !== "" ? REDACTED : this.json(item);
      }
      return out;
    }
    return value;
  }

  /** Redacts a body by its media type; the result is always printable text. */
  body(bytes: Uint8Array, contentType = ""): string {
    if (bytes.length === 0) return "";
    return this.rememberedBody(bytes, contentType, () => this.redactBody(bytes, contentType));
  }

  private rememberedBody(bytes: Uint8Array, contentType: string, redact: () => string): string {
    let byType = this.bodies.get(bytes);
    let redacted = byType?.get(contentType);
    if (redacted === undefined) {
      redacted = redact();
      if (!byType) this.bodies.set(bytes, (byType = new Map()));
      byType.set(contentType, redacted);
    }
    return redacted;
  }

  /**
   * `bytes` are `JSON.stringify(value)`, as the kit serialised a request body of its own: redacting the value itself
   * gives the same text as parsing the bytes back, without decoding and parsing megabytes of image again. Only plain
   * JSON data qualifies (anything with a toJSON, or not a plain object or array, would read back differently).
   */
  knownBody(bytes: Uint8Array, contentType: string, value: unknown): void {
    if (bytes.length === 0 || !/json/i.test(contentType) || !plainJson(value, 0)) return;
    this.rememberedBody(bytes, contentType, () => JSON.stringify(this.json(value)));
  }

  private redactBody(bytes: Uint8Array, contentType: string): string {
    const type = contentType.toLowerCase();
    if (type.startsWith("multipart/")) return this.multipart(bytes, contentType);
    const text = textOf(bytes);
    if (type.includes("x-www-form-urlencoded")) {
      const params = new URLSearchParams(text);
      const out = new URLSearchParams();
      for (const [key, value] of params)
        out.append(key, SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : this.text(value));
      return out.toString();
    }
    if (!isMostlyText(bytes)) return describeBinary(bytes);
    try {
      return JSON.stringify(this.json(JSON.parse(text)));
    } catch {
      return this.text(text);
    }
  }

  private multipart(bytes: Uint8Array, contentType: string): string {
    const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
    if (!boundary) return describeBinary(bytes);
    const raw = bufferOf(bytes);
    const delimiter = Buffer.from(`--${boundary}`);
    const parts: string[] = [];
    let start = raw.indexOf(delimiter);
    while (start !== -1) {
      const next = raw.indexOf(delimiter, start + delimiter.length);
      if (next === -1) break;
      const part = raw.subarray(start + delimiter.length, next);
      const split = part.indexOf("\r\n\r\n");
      if (split !== -1) {
        const head = part.subarray(0, split).toString("utf8").trim();
        const content = part.subarray(split + 4, part.length - 2);
        parts.push(
          `${this.text(head)}\n\n${isMostlyText(content) && content.length < 256 ? this.text(content.toString("utf8")) : describeBinary(content)}`,
        );
      }
      start = next;
    }
    return parts.map((p) => `--${boundary}\n${p}`).join("\n") + `\n--${boundary}--`;
  }
}

/** Data JSON.parse could have produced (strings, finite numbers, booleans, null, plain arrays and objects). */
function plainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !plainJson(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key === "__proto__" || !plainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

const MAX_PATTERN_FORM = 1024;
// Only strings long enough for a scan to cost more than a lookup, and small enough that holding a few is cheap.
const MEMO_MIN_CHARS = 4096;
const MEMO_MAX_CHARS = 1 << 20;
const MEMO_BUDGET_CHARS = 8 << 20;

function secretPattern(forms: Iterable<string>): { short: RegExp | undefined; long: string[] } {
  const all = [...forms].sort((a, b) => b.length - a.length);
  const short = all.filter((f) => f.length <= MAX_PATTERN_FORM);
  return {
    short: short.length
      ? new RegExp(short.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g")
      : undefined,
    long: all.filter((f) => f.length > MAX_PATTERN_FORM),
  };
}

function isMostlyText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  let control = 0;
  for (const byte of sample) if (byte === 0 || byte < 9 || (byte > 13 && byte < 32)) control++;
  return control === 0;
}
