// Redacted views of an exchange for results and reports, and a curl line that reproduces it with secrets masked.
import type { RedactedMessage } from "../results/model.ts";
import type { Redactor } from "../redact/index.ts";
import type { Exchange } from "../types.ts";

const MAX_BODY_CHARS = 20_000;
const HIDDEN_HEADERS = new Set(["x-conformance-case", "x-conformance-sequence", "content-length", "host", "connection"]);

function visible(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HIDDEN_HEADERS.has(name)));
}

function truncated(body: string): { body: string; bodyTruncated?: boolean } {
  return body.length > MAX_BODY_CHARS ? { body: body.slice(0, MAX_BODY_CHARS), bodyTruncated: true } : { body };
}

export function redactExchange(exchange: Exchange, redactor: Redactor): { request: RedactedMessage; response: RedactedMessage; durationMs: number } {
  const { request, response } = exchange;
  return {
    request: { method: request.method, url: redactor.text(request.url), headers: redactor.headers(visible(request.headers)), ...truncated(redactor.body(request.body, request.headers["content-type"])) },
    response: { status: response.status, headers: redactor.headers(visible(response.headers)), ...truncated(redactor.body(response.body, response.headers["content-type"])) },
    durationMs: exchange.timing.durationMs,
  };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlFor(message: RedactedMessage): string {
  const parts = ["curl", "-X", message.method ?? "GET", quote(message.url ?? "")];
  for (const [name, value] of Object.entries(message.headers)) parts.push("-H", quote(`${name}: ${value}`));
  if (message.body) parts.push("--data-binary", quote(message.body.length > 2000 ? `${message.body.slice(0, 2000)}…` : message.body));
  return parts.join(" ");
}
