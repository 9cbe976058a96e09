// Secret scan of the committed fixtures/: no test secret in any encoding, no PEM, no JWT, no unredacted credential
// header, no raw image. fixtures/keys/ holds the test-only keys by design: it is excluded, but held to its file list.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSandboxCredentials } from "../../src/auth/sandbox-credentials.ts";
import { REDACTED } from "../../src/redact/index.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";

const FIXTURES = join(REPO_ROOT, "fixtures");
const KEYS = join(FIXTURES, "keys");
const EXPECTED_KEY_FILES = [
  "README.md",
  "merchant-private.pem",
  "merchant-public.pem",
  "platform-private.pem",
  "platform-public.pem",
  "sandbox-credentials.json",
];
const CREDENTIAL_HEADERS = new Set([
  "signature",
  "authorization",
  "x-access-token",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "encrypt",
]);
const MIN_PAYLOAD_RUN = 192;

/** Every form a secret may leak in: raw, Base64 (standard and URL-safe), percent-encoded, hex (either case). */
function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms = [
    secret,
    bytes.toString("base64"),
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
    encodeURIComponent(secret),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
  ];
  return [...new Set(forms)];
}

/** The secrets of sandbox-credentials.json, and the Base64 lines of the private keys. */
function knownSecrets(): Array<{ name: string; value: string }> {
  const c = loadSandboxCredentials();
  const out = [
    { name: "advance.accessKey", value: c.advance.accessKey },
    { name: "advance.secretKey", value: c.advance.secretKey },
    { name: "advance.tokenSigningSecret", value: c.advance.tokenSigningSecret },
    { name: "uqudo.clientSecret", value: c.uqudo.clientSecret },
    { name: "uqudo.tokenSigningSecret", value: c.uqudo.tokenSigningSecret },
  ];
  for (const file of [c.zoloz.merchantPrivateKeyFile, c.zoloz.platformPrivateKeyFile]) {
    readFileSync(join(KEYS, file), "utf8")
      .split("\n")
      .filter((line) => line.length >= 40 && !line.startsWith("-----"))
      .forEach((line, i) => out.push({ name: `${file} line ${i + 2}`, value: line }));
  }
  return out;
}

// The formats a face photo travels in. Tiny synthetic fuzz images in other formats (a 1×320 WebP is 88 Base64
// characters) stay below the payload run the redactor replaces and hold no face.
const IMAGE_MAGIC: Array<[string, string]> = [
  ["/9j/", "a Base64 JPEG"],
  ["iVBORw0KGgo", "a Base64 PNG"],
  ["R0lGODlh", "a Base64 GIF"],
  ["UklGR", "a Base64 WebP (RIFF)"],
];

/** What is wrong with one file's text; empty when it is clean. */
function scanText(text: string, secrets: Array<{ name: string; value: string }>): string[] {
  const problems: string[] = [];
  for (const { name, value } of secrets) {
    for (const form of secretForms(value))
      if (form.length >= 8 && text.includes(form))
        problems.push(`contains the test secret ${name}${form === value ? "" : ` (encoded as ${form.slice(0, 12)}…)`}`);
  }
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(text)) problems.push("contains a PEM block");
  const jwt = /\beyJ[\w-]{6,}/.exec(text);
  if (jwt) problems.push(`contains a JWT or Base64 JSON (${jwt[0].slice(0, 16)}…)`);
  for (const [magic, what] of IMAGE_MAGIC) if (text.includes(magic)) problems.push(`contains ${what} (${magic})`);
  // JSON escapes of MIME line breaks do not split a payload; percent-encoded Base64 is still Base64.
  const joined = text.replace(/\\r|\\n|\r|\n/g, "");
  const run = new RegExp(`(?:[A-Za-z0-9+/=_-]|%2[BbFf]|%3[Dd]){${MIN_PAYLOAD_RUN},}`).exec(joined);
  if (run) problems.push(`contains a Base64 run of ${run[0].length} characters (${run[0].slice(0, 16)}…)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problems;
  }
  for (const side of ["request", "response"] as const) {
    const headers = (json as Record<string, { headers?: Record<string, unknown> } | undefined>)?.[side]?.headers ?? {};
    for (const [header, value] of Object.entries(headers)) {
      if (CREDENTIAL_HEADERS.has(header.toLowerCase()) && value !== REDACTED)
        problems.push(`${side} header ${header} is not ${REDACTED}`);
    }
  }
  return problems;
}

function walk(dir: string, skip: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (path === skip) continue;
    if (statSync(path).isDirectory()) out.push(...walk(path, skip));
    else out.push(path);
  }
  return out;
}

describe("secret scan of the committed fixtures/", () => {
  const secrets = knownSecrets();

  it("the scanner catches every kind of leak it looks for", () => {
    const secret = secrets[1]!.value;
    const samples: Record<string, string> = {
      raw: `{"body":"${secret}"}`,
      base64: `{"body":"x${Buffer.from(secret).toString("base64")}"}`,
      percent: `{"body":"${encodeURIComponent(secret)}"}`,
      hex: `{"body":"${Buffer.from(secret).toString("hex")}"}`,
      keyLine: `{"body":"${secrets.find((s) => s.name.includes(".pem"))!.value}"}`,
      pem: "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----",
      jwt: '{"token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}',
      header: JSON.stringify({ request: { headers: { Authorization: "Bearer abc" } }, response: { headers: {} } }),
      jpeg: '{"faceImage":"/9j/4AAQSkZJRgABAQ"}',
      png: '{"faceImage":"iVBORw0KGgoAAAANSUhEUg"}',
      run: `{"faceImage":"${"QUJD".repeat(48)}"}`,
      mime: `{"faceImage":"${Array.from({ length: 4 }, () => "QUJD".repeat(19)).join("\\r\\n")}"}`,
    };
    for (const [kind, sample] of Object.entries(samples)) expect(scanText(sample, secrets), kind).not.toEqual([]);
    expect(
      scanText(
        JSON.stringify({
          request: { headers: { signature: REDACTED } },
          response: { headers: { "x-access-token": REDACTED } },
          body: `[image:jpeg 320x320 1234B sha256=${"ab".repeat(32)}]`,
        }),
        secrets,
      ),
    ).toEqual([]);
  });

  it("no file outside fixtures/keys/ leaks a secret, a credential header, or an image", () => {
    const files = walk(FIXTURES, KEYS);
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) =>
      scanText(readFileSync(file, "utf8"), secrets).map((p) => `${relative(REPO_ROOT, file)}: ${p}`),
    );
    expect(
      problems,
      "fixtures must be redacted (src/redact); re-record with: rm -rf fixtures/recorded && CONFORMANCE_RECORD=1 npx vitest run --project suites:sandbox",
    ).toEqual([]);
  });

  it("fixtures/keys/ holds exactly the documented test-only files", () => {
    expect(readdirSync(KEYS).sort()).toEqual(EXPECTED_KEY_FILES);
    const credentials = JSON.parse(readFileSync(join(KEYS, "sandbox-credentials.json"), "utf8")) as {
      testOnly?: unknown;
    };
    expect(credentials.testOnly).toBe(true);
    expect(readFileSync(join(KEYS, "README.md"), "utf8")).toMatch(/TEST-ONLY/);
  });
});
