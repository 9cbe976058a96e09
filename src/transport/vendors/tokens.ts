// Credentials a case asks to be wrong: well-formed, so a vendor that only checks the shape still sees a real token.
import { randomBytes } from "node:crypto";
import { signJwt } from "../../auth/jws.ts";

/** A JWT that expired an hour ago. Signed with a throwaway key unless the target's key is known (the local sandbox). */
export function expiredJwt(alg: "HS256" | "HS512", claims: Record<string, unknown>, secret?: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    { ...claims, iat: now - 7200, exp: now - 3600 },
    secret ?? randomBytes(32),
    alg,
    alg === "HS512" ? { alg } : { alg, typ: "JWT" },
  );
}

export function wrongToken(): string {
  return `invalid-${randomBytes(16).toString("hex")}`;
}
