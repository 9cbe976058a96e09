// Redacted views of an exchange for results and reports, and a curl line that reproduces it with secrets masked.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RedactedMessage } from "../results/model.ts";
import type { Redactor } from "../redact/index.ts";
import type { Exchange, SentRequest } from "../types.ts";

/** Set by the CLI on the sandbox target only: the folder beside the report where request bodies are written. */
export const REPRODUCE_DIR_VARIABLE = "CONFORMANCE_REPRODUCE_DIR";
/** How the printed curl names that folder: relative, so it runs from the report's folder. */
export const REPRODUCE_DIR = "reproduce";
const MAX_PASSED_BODY = 256 * 1024;

const MAX_BODY_CHARS = 20_000;
const HIDDEN_HEADERS = new Set([
  "x-conformance-case",
  "x-conformance-sequence",
  "content-length",
  "host",
  "connection",
]);

function visible(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HIDDEN_HEADERS.has(name)));
}

function truncated(body: string): { body: string; bodyTruncated?: boolean } {
  return body.length > MAX_BODY_CHARS ? { body: body.slice(0, MAX_BODY_CHARS), bodyTruncated: true } : { body };
}

export function redactExchange(
  exchange: Exchange,
  redactor: Redactor,
): { request: RedactedMessage; response: RedactedMessage; durationMs: number } {
  const { request, response } = exchange;
  return {
    request: {
      method: request.method,
      url: redactor.text(request.url),
      headers: redactor.headers(visible(request.headers)),
      ...truncated(redactor.body(request.body, request.headers["content-type"])),
    },
    response: {
      status: response.status,
      headers: redactor.headers(visible(response.headers)),
      ...truncated(redactor.body(response.body, response.headers["content-type"])),
    },
    durationMs: exchange.timing.durationMs,
  };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlFor(message: RedactedMessage): string {
  const parts = ["curl", "-X", message.method ?? "GET", quote(message.url ?? "")];
  for (const [name, value] of Object.entries(message.headers)) parts.push("-H", quote(`${name}: ${value}`));
  if (message.body)
    parts.push("--data-binary", quote(message.body.length > 2000 ? `${message.body.slice(0, 2000)}…` : message.body));
  return parts.join(" ");
}

/**
 * On the sandbox target, a curl that runs as printed (from the report's folder, against `ekyc-conformance sandbox
 * --port <port>`): the sandbox's test credentials in clear, and the exact body bytes (images included: they are
 * synthetic, never a face) written beside the report and sent with `--data-binary @file`. Undefined elsewhere, where
 * secrets stay redacted.
 */
export function sandboxCurl(request: SentRequest, passed: boolean): string | undefined {
  const dir = process.env[REPRODUCE_DIR_VARIABLE];
  // Bodies of passed cases are kept only when small: the oversized-image cases alone would add tens of MB per run.
  if (!dir || (passed && request.body.length > MAX_PASSED_BODY)) return undefined;
  const parts = ["curl", "-sS", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(visible(request.headers))) parts.push("-H", quote(`${name}: ${value}`));
  if (request.body.length > 0) {
    // Named by content: the same body (a retried or repeated request) is written once.
    const file = `${createHash("sha256").update(request.body).digest("hex").slice(0, 16)}.body`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), request.body);
    parts.push("--data-binary", `@${REPRODUCE_DIR}/${file}`);
  }
  return parts.join(" ");
}
