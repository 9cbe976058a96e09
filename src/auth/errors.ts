// Typed errors of the auth layer. Messages are one line and never carry secrets or key material,
// because they end up in reports and CI logs.

import type { Vendor } from "../types.ts";

/** A vendor (or the sandbox) refused to issue a token, or answered the token call unusably. */
export class AuthError extends Error {
  constructor(
    readonly vendor: Vendor,
    message: string,
    /** Vendor business code (ADVANCE `code`) when there was one. */
    readonly code?: string,
    /** HTTP status of the token answer when known. */
    readonly httpStatus?: number,
  ) {
    super(oneLine(message));
    this.name = "AuthError";
  }
}

/** A configured key is unusable. The message names the variable, the problem and the fix. */
export class KeyError extends Error {
  constructor(
    readonly variableName: string,
    readonly problem: string,
    fix: string,
  ) {
    super(oneLine(`${variableName}: ${problem}; ${fix}`));
    this.name = "KeyError";
  }
}

/** A ZOLOZ `Signature` or `Encrypt` header that cannot be parsed. */
export class SignatureHeaderError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = "SignatureHeaderError";
  }
}

/** ZOLOZ RSA_AES encryption or decryption failed. */
export class ZolozCryptoError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = "ZolozCryptoError";
  }
}

/** Collapse whitespace so a message always fits one log line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
