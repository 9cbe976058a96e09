// The auth cases a suite asks for, as ordinary declared cases.
import type { CaseDefinition, SuiteDefinition } from "./types.ts";

const TITLES = { none: "no credentials", wrong: "wrong credentials", expired: "expired credentials" } as const;

export function authCases(suite: SuiteDefinition): CaseDefinition[] {
  return (suite.auth ?? []).map((mode) => ({
    name: `auth-${mode}`,
    title: `${TITLES[mode]} get the documented authentication error`,
    kind: "auth",
    input: { auth: mode },
    expect: { kind: "auth", mode },
  }));
}
