// Traceability: every documented business code, result code and HTTP status of every operation is expected by
// some suite case, or listed in suites/unreachable.ts with the reason no input can trigger it.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Expectation } from "../src/checks/types.ts";
import { loadSpecs, REPO_ROOT } from "../src/openapi/index.ts";
import type { OperationInfo } from "../src/openapi/types.ts";
import type { SuiteDefinition } from "../src/suite/types.ts";
import { UNREACHABLE_BY_INPUT } from "../suites/unreachable.ts";

const spec = loadSpecs();
const suites: SuiteDefinition[] = [];
for (const vendor of ["advance", "zoloz", "uqudo"]) {
  for (const file of readdirSync(join(REPO_ROOT, "suites", vendor)).filter((f) => f.endsWith(".test.ts"))) {
    suites.push(((await import(join(REPO_ROOT, "suites", vendor, file))) as { default: SuiteDefinition }).default);
  }
}

const AUTH_VIOLATION = { none: "auth-missing", wrong: "auth-invalid", expired: "auth-expired" } as const;

function expectationsFor(operationId: string): Expectation[] {
  const out: Expectation[] = [];
  for (const suite of suites) {
    if (suite.operationId === operationId) {
      out.push(...suite.cases.map((c) => c.expect));
      out.push(
        ...(suite.auth ?? []).map((mode): Expectation => ({ kind: "reject", violations: [AUTH_VIOLATION[mode]] })),
      );
    }
    for (const flow of suite.flows ?? [])
      out.push(...flow.steps.filter((s) => s.operationId === operationId).map((s) => s.expect));
  }
  return out;
}

/** What a suite expects this operation to answer: documented codes (ADVANCE, ZOLOZ) or statuses (uqudo). */
function covered(operation: OperationInfo): Set<string> {
  const expectations = expectationsFor(operation.id);
  const violations = new Set(expectations.flatMap((e) => (e.kind === "reject" ? e.violations : [])));
  const out = new Set(
    operation.rejections
      .filter((r) => violations.has(r.violation))
      .map((r) => (operation.vendor === "uqudo" ? String(r.status) : (r.code ?? ""))),
  );
  if (expectations.some((e) => e.kind === "accept" || e.kind === "present"))
    out.add(operation.vendor === "uqudo" ? String(Math.min(...operation.statuses)) : "SUCCESS");
  if (operation.vendor === "uqudo" && expectations.some((e) => e.kind === "absent")) out.add("404");
  return out;
}

function documented(operation: OperationInfo): string[] {
  return operation.vendor === "uqudo"
    ? operation.statuses.map(String)
    : [...new Set(operation.businessCodes.map((c) => c.code))];
}

function waiver(operation: OperationInfo, code: string): string | undefined {
  const table = UNREACHABLE_BY_INPUT[operation.vendor];
  return table[`${operation.operationId}:${code}`] ?? table[code];
}

describe("every documented answer is exercised by a suite", () => {
  it.each(spec.operations.map((o) => [o.id, o] as const))("%s", (_id, operation) => {
    const have = covered(operation);
    const missing = documented(operation).filter((code) => !have.has(code) && !waiver(operation, code));
    expect(
      missing,
      `add a suite case expecting these, or say in suites/unreachable.ts why no input triggers them`,
    ).toEqual([]);
  });

  it("lists no waiver that the suites cover everywhere it applies", () => {
    const stale: string[] = [];
    for (const [vendor, table] of Object.entries(UNREACHABLE_BY_INPUT)) {
      for (const key of Object.keys(table)) {
        const [opName, code] = key.includes(":") ? key.split(":") : [undefined, key];
        const operations = spec.operations.filter(
          (o) => o.vendor === vendor && (!opName || o.operationId === opName) && documented(o).includes(code!),
        );
        expect(operations.length, `${vendor} waiver ${key} names nothing documented`).toBeGreaterThan(0);
        if (operations.every((o) => covered(o).has(code!))) stale.push(`${vendor} ${key}`);
      }
    }
    expect(stale).toEqual([]);
  });
});
