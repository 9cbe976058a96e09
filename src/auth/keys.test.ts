import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KeyError } from "./errors.ts";
import { keyFingerprint, loadPrivateKey, loadPublicKey } from "./keys.ts";
import { SANDBOX_KEYS_DIR, loadSandboxCredentials } from "./sandbox-credentials.ts";

const dir = mkdtempSync(join(tmpdir(), "auth-keys-"));
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privPkcs8 = rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const privPkcs1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const pubSpki = rsa.publicKey.export({ type: "spki", format: "pem" }) as string;
const pubPkcs1 = rsa.publicKey.export({ type: "pkcs1", format: "pem" }) as string;
const privDer64 = rsa.privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
const pubDer64 = rsa.publicKey.export({ type: "spki", format: "der" }).toString("base64");
const fp = keyFingerprint(rsa.publicKey);

function keyError(f: () => unknown): KeyError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyError);
    return error as KeyError;
  }
  throw new Error("expected a KeyError");
}

/** One line, names the variable, and contains no piece of any key. */
function expectClean(error: KeyError, variable: string, ...materials: string[]) {
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message.startsWith(`${variable}: `)).toBe(true);
  expect(error.variableName).toBe(variable);
  for (const m of materials) {
    const body = m.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    for (let i = 0; i + 16 <= body.length; i += 16) expect(error.message).not.toContain(body.slice(i, i + 16));
  }
}

describe("loading keys that are fine", () => {
  it("accepts PKCS#8, PKCS#1 and bare Base64 DER private keys, as text or file", () => {
    const file = join(dir, "priv.pem");
    writeFileSync(file, privPkcs8);
    const derFile = join(dir, "priv.der");
    writeFileSync(derFile, rsa.privateKey.export({ type: "pkcs8", format: "der" }));
    for (const v of [privPkcs8, privPkcs1, privDer64, file, derFile, privPkcs8.replace(/\n/g, "\\n")]) {
      const key = loadPrivateKey(v, "ZOLOZ_PRIVATE_KEY");
      expect(key.type).toBe("private");
      expect(keyFingerprint(key)).toBe(fp);
    }
  });

  it("accepts SPKI, PKCS#1 and bare Base64 DER public keys", () => {
    const file = join(dir, "pub.pem");
    writeFileSync(file, pubSpki);
    for (const v of [pubSpki, pubPkcs1, pubDer64, file, `\n  ${pubSpki}  \n`]) {
      const key = loadPublicKey(v, "ZOLOZ_PUBLIC_KEY");
      expect(key.type).toBe("public");
      expect(keyFingerprint(key)).toBe(fp);
    }
  });

  it("loads the committed test-only fixtures", () => {
    const creds = loadSandboxCredentials();
    expect(creds.testOnly).toBe(true);
    expect(creds.zoloz.clientId).toMatch(/^\d{16}$/);
    expect(keyFingerprint(creds.keys.merchantPrivate)).toBe(keyFingerprint(creds.keys.merchantPublic));
    expect(keyFingerprint(creds.keys.platformPrivate)).toBe(keyFingerprint(creds.keys.platformPublic));
    expect(keyFingerprint(creds.keys.merchantPublic)).not.toBe(keyFingerprint(creds.keys.platformPublic));
    expect(creds.keys.merchantPublic.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(readFileSync(join(SANDBOX_KEYS_DIR, "README.md"), "utf8")).toMatch(/TEST-ONLY/);
  });
});

describe("loading keys that are wrong: one line, variable, problem, fix, no key material", () => {
  it("public key where a private key is expected", () => {
    for (const v of [pubSpki, pubDer64]) {
      const e = keyError(() => loadPrivateKey(v, "MERCHANT_PRIVATE_KEY"));
      expect(e.message).toMatch(/public key .*private key is needed; set it to/);
      expectClean(e, "MERCHANT_PRIVATE_KEY", v);
    }
  });

  it("private key where a public key is expected", () => {
    for (const v of [privPkcs8, privDer64]) {
      const e = keyError(() => loadPublicKey(v, "ZOLOZ_PUBLIC_KEY"));
      expect(e.message).toMatch(/private key where a public key is needed/);
      expectClean(e, "ZOLOZ_PUBLIC_KEY", v, privPkcs8);
    }
  });

  it("EC key instead of RSA", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const e = keyError(() => loadPrivateKey(pem, "MERCHANT_PRIVATE_KEY"));
    expect(e.message).toMatch(/is a ec key, not RSA; use an RSA-2048/);
    expectClean(e, "MERCHANT_PRIVATE_KEY", pem);
  });

  it("RSA shorter than 2048 bits", () => {
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = small.publicKey.export({ type: "spki", format: "pem" }) as string;
    const e = keyError(() => loadPublicKey(pem, "ZOLOZ_PUBLIC_KEY"));
    expect(e.message).toMatch(/RSA-1024, shorter than 2048 bits; generate an RSA-2048/);
    expectClean(e, "ZOLOZ_PUBLIC_KEY", pem);
  });

  it("unreadable file", () => {
    const e = keyError(() => loadPrivateKey(join(dir, "missing.pem"), "MERCHANT_PRIVATE_KEY"));
    expect(e.message).toMatch(/missing\.pem cannot be read \(ENOENT\); set it to/);
    expectClean(e, "MERCHANT_PRIVATE_KEY");
    expect(keyError(() => loadPrivateKey(dir, "MERCHANT_PRIVATE_KEY")).message).toMatch(/cannot be read/);
  });

  it("garbage, truncated PEM, empty", () => {
    const truncated = privPkcs8.slice(0, 400);
    const e1 = keyError(() => loadPrivateKey(truncated, "MERCHANT_PRIVATE_KEY"));
    expect(e1.message).toMatch(/does not parse as a key/);
    expectClean(e1, "MERCHANT_PRIVATE_KEY", truncated);
    const junk = "A".repeat(40) + "!@#$" + "B".repeat(80);
    const e2 = keyError(() => loadPrivateKey(junk, "MERCHANT_PRIVATE_KEY"));
    expect(e2.message).toMatch(/neither PEM text, Base64 DER nor the path of a readable file/);
    expectClean(e2, "MERCHANT_PRIVATE_KEY", junk);
    const b64junk = Buffer.alloc(300, 9).toString("base64");
    const e3 = keyError(() => loadPublicKey(b64junk, "ZOLOZ_PUBLIC_KEY"));
    expect(e3.message).toMatch(/Base64 DER is not a SPKI or PKCS#1 public key/);
    expectClean(e3, "ZOLOZ_PUBLIC_KEY", b64junk);
    expect(keyError(() => loadPublicKey("  ", "ZOLOZ_PUBLIC_KEY")).message).toMatch(
      /^ZOLOZ_PUBLIC_KEY: is empty; set it to/,
    );
  });

  it("passphrase-protected key", () => {
    const enc = rsa.privateKey.export({
      type: "pkcs8",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: "pw",
    }) as string;
    const e = keyError(() => loadPrivateKey(enc, "MERCHANT_PRIVATE_KEY"));
    expect(e.message).toMatch(/passphrase-protected; export it unencrypted/);
    expectClean(e, "MERCHANT_PRIVATE_KEY", enc);
  });
});
