// Loading RSA keys from configuration. A key may be given as PEM text (PKCS#8, PKCS#1, SPKI),
// bare Base64 DER (as the ZOLOZ Java SDK and portal hand them out), or a path to a file holding
// either. Every failure is one KeyError line naming the variable; key material is never echoed.

import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { KeyError } from "./errors.ts";

export interface KeyLoadOptions {
  /** Minimum RSA modulus length; default 2048 (what ZOLOZ issues and requires). */
  minBits?: number;
}

type Kind = "private" | "public";

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]+$/;

export function loadPrivateKey(valueOrPath: string, variableName: string, options: KeyLoadOptions = {}): KeyObject {
  return load(valueOrPath, variableName, "private", options);
}

export function loadPublicKey(valueOrPath: string, variableName: string, options: KeyLoadOptions = {}): KeyObject {
  return load(valueOrPath, variableName, "public", options);
}

/** Short, non-secret identifier of a key pair (SHA-256 of the SPKI DER), for logs and reports. */
export function keyFingerprint(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

function load(valueOrPath: string, variable: string, kind: Kind, options: KeyLoadOptions): KeyObject {
  const fixPem =
    kind === "private"
      ? "set it to the PKCS#8 (or PKCS#1) private key PEM text or a path to that file"
      : "set it to the SPKI public key PEM text or a path to that file";
  if (typeof valueOrPath !== "string" || valueOrPath.trim() === "") {
    throw new KeyError(variable, "is empty", fixPem);
  }
  // Env files often carry PEM on one line with literal "\n".
  const value =
    valueOrPath.includes("\\n") && valueOrPath.includes("-----BEGIN") ? valueOrPath.replace(/\\n/g, "\n") : valueOrPath;
  const trimmed = value.trim();

  let material: string | Buffer;
  let source: string;
  if (trimmed.includes("-----BEGIN")) {
    material = trimmed;
    source = "PEM text";
  } else if (looksLikePath(trimmed)) {
    material = readKeyFile(trimmed, variable, fixPem);
    source = `file ${trimmed}`;
  } else if (trimmed.length >= 64 && BASE64_BODY.test(trimmed)) {
    material = trimmed;
    source = "Base64 DER";
  } else {
    throw new KeyError(variable, "is neither PEM text, Base64 DER nor the path of a readable file", fixPem);
  }
  const key = parse(material, variable, kind, source, fixPem);
  checkRsa(key, variable, kind, source, options.minBits ?? 2048);
  return key;
}

function looksLikePath(value: string): boolean {
  if (value.length > 4096 || /[\r\n]/.test(value)) return false;
  // A bare Base64 key never contains "." and is far longer than a typical path; check the disk
  // first so a path made only of Base64 characters still counts as a path.
  if (existsSync(value)) return true;
  return value.includes(".") || value.startsWith("/") || value.startsWith("~") || value.length < 64;
}

function readKeyFile(path: string, variable: string, fix: string): string | Buffer {
  let data: Buffer;
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    data = readFileSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new KeyError(variable, `file ${path} cannot be read (${code})`, fix);
  }
  const text = data.toString("utf8").trim();
  if (text.includes("-----BEGIN")) return text;
  if (text.length >= 64 && BASE64_BODY.test(text)) return text;
  return data; // binary DER
}

function parse(material: string | Buffer, variable: string, kind: Kind, source: string, fix: string): KeyObject {
  if (typeof material === "string" && material.includes("-----BEGIN")) {
    const label = PEM_LABEL.exec(material)?.[1] ?? "";
    if (kind === "private" && /PUBLIC KEY|CERTIFICATE/.test(label)) {
      throw new KeyError(variable, `${source} holds a public key (${label}) where a private key is needed`, fix);
    }
    if (kind === "public" && /PRIVATE KEY/.test(label)) {
      throw new KeyError(
        variable,
        `${source} holds a private key where a public key is needed`,
        "set it to the matching SPKI public key PEM (openssl pkey -pubout) and keep the private key out of this setting",
      );
    }
    if (label === "ENCRYPTED PRIVATE KEY" || /Proc-Type: 4,ENCRYPTED/.test(material)) {
      throw new KeyError(
        variable,
        `${source} is passphrase-protected`,
        "export it unencrypted (openssl pkcs8 -topk8 -nocrypt) for the test kit",
      );
    }
    try {
      return kind === "private" ? createPrivateKey(material) : createPublicKey(material);
    } catch (error) {
      throw new KeyError(
        variable,
        `${source} (${label || "unlabelled"}) does not parse as a key (${nodeCode(error)})`,
        fix,
      );
    }
  }
  const der = typeof material === "string" ? Buffer.from(material.replace(/\s+/g, ""), "base64") : material;
  // createPublicKey silently derives a public key from private DER, so look for that first.
  if (
    kind === "public" &&
    (parsesAs(() => createPrivateKey({ key: der, format: "der", type: "pkcs8" })) ||
      parsesAs(() => createPrivateKey({ key: der, format: "der", type: "pkcs1" })))
  ) {
    throw new KeyError(
      variable,
      `${source} holds a private key where a public key is needed`,
      "set it to the matching SPKI public key and keep the private key out of this setting",
    );
  }
  // DER does not say what it is: try the encodings the vendors use, then the other kind to give a better message.
  const tries: Array<[Kind, "pkcs8" | "pkcs1" | "spki"]> =
    kind === "private"
      ? [
          ["private", "pkcs8"],
          ["private", "pkcs1"],
        ]
      : [
          ["public", "spki"],
          ["public", "pkcs1"],
        ];
  for (const [, type] of tries) {
    try {
      return kind === "private"
        ? createPrivateKey({ key: der, format: "der", type: type as "pkcs8" | "pkcs1" })
        : createPublicKey({ key: der, format: "der", type: type as "spki" | "pkcs1" });
    } catch {
      // try the next encoding
    }
  }
  if (kind === "private" && parsesAs(() => createPublicKey({ key: der, format: "der", type: "spki" }))) {
    throw new KeyError(variable, `${source} holds a public key where a private key is needed`, fix);
  }
  throw new KeyError(
    variable,
    `${source} is not a ${kind === "private" ? "PKCS#8 or PKCS#1 private" : "SPKI or PKCS#1 public"} key`,
    fix,
  );
}

function checkRsa(key: KeyObject, variable: string, kind: Kind, source: string, minBits: number): void {
  if (key.asymmetricKeyType !== "rsa") {
    throw new KeyError(
      variable,
      `${source} is a ${key.asymmetricKeyType ?? "non-asymmetric"} key, not RSA`,
      `use an RSA-2048 ${kind} key (SHA256withRSA is the only signing algorithm ZOLOZ accepts)`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < minBits) {
    throw new KeyError(
      variable,
      `${source} is RSA-${bits}, shorter than ${minBits} bits`,
      `generate an RSA-${minBits} key pair (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:${minBits})`,
    );
  }
}

function parsesAs(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

function nodeCode(error: unknown): string {
  const e = error as { code?: string };
  return e.code ?? "unsupported format";
}
