// junit.xml from the final results: one <testsuite> per operation, one <testcase> per case. A deviation is a
// <failure> whose message is the finding (check, pointer, expected/actual); an inconclusive case is an <error> with
// its cause; a case whose findings a baseline accepted passes, with a property naming each entry.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { baselineLine, causeLine, findingLine, firstFailure } from "../src/results/describe.ts";
import type { CaseResult, RunResults } from "../src/results/model.ts";
import type { Reporter } from "./types.ts";

export const JUNIT_FILE = "junit.xml";

// XML 1.0 cannot carry most control characters even escaped: vendor text with them is shown as [U+XXXX].
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function xml(value: string): string {
  return value
    .replace(ILLEGAL, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}
/** Element text keeps its newlines readable. */
const body = (value: string): string => xml(value).replace(/&#10;/g, "\n");
const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function detail(c: CaseResult): string {
  return c.findings
    .map((f) =>
      [
        `[${f.severity}] ${findingLine(f)}`,
        `  rule: ${f.rule.text}`,
        ...(f.schemaFindings ?? []).filter((s) => s.specRule).map((s) => `  spec (${s.pointer}): ${s.specRule}`),
      ].join("\n"),
    )
    .join("\n");
}

function testcase(c: CaseResult): string {
  const props = (c.baselined ?? []).map(
    (f) =>
      `<property name="baseline" value="${xml(`${f.baseline ? baselineLine(f.baseline) : "baseline entry"} accepted ${findingLine(f)}`)}"/>`,
  );
  const parts: string[] = [];
  if (props.length) parts.push(`<properties>${props.join("")}</properties>`);
  if (c.status === "failed") {
    const first = firstFailure(c);
    const more = c.findings.filter((f) => f.severity === "failure").length - 1;
    const message = first ? `${findingLine(first)}${more > 0 ? ` (+${more} more)` : ""}` : "failed without a finding";
    parts.push(
      `<failure message="${xml(message)}" type="${xml(first?.check ?? "conformance")}">${body(detail(c))}</failure>`,
    );
  } else if (c.status === "inconclusive") {
    parts.push(
      `<error message="${xml(causeLine(c))}" type="${xml(c.fault ?? "inconclusive")}">${body(causeLine(c))}</error>`,
    );
  } else if (c.status === "skipped") {
    parts.push(`<skipped message="${xml(c.reason ?? "skipped")}"/>`);
  }
  const out = [
    c.reproduction?.command ? `reproduce: ${c.reproduction.command}` : "",
    c.status !== "failed" && c.findings.length ? detail(c) : "",
  ]
    .filter(Boolean)
    .join("\n");
  if (out) parts.push(`<system-out>${body(out)}</system-out>`);
  return `    <testcase classname="${xml(c.operationId)}" name="${xml(c.id)}" time="${seconds(c.durationMs)}">${parts.join("")}</testcase>\n`;
}

export function renderJunit(results: RunResults): string {
  const suites = new Map<string, CaseResult[]>();
  for (const c of results.cases) suites.set(c.operationId, [...(suites.get(c.operationId) ?? []), c]);
  const count = (list: CaseResult[], status: CaseResult["status"]) => list.filter((c) => c.status === status).length;
  const totals = (list: CaseResult[]) =>
    `tests="${list.length}" failures="${count(list, "failed")}" errors="${count(list, "inconclusive")}" skipped="${count(list, "skipped")}" time="${seconds(list.reduce((s, c) => s + c.durationMs, 0))}"`;
  const xmlSuites = [...suites].map(
    ([operation, list]) =>
      `  <testsuite name="${xml(operation)}" ${totals(list)} timestamp="${xml(results.run.startedAt)}">\n${list.map(testcase).join("")}  </testsuite>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ekyc-conformance (${xml(results.run.target)}, seed ${results.run.seed})" ${totals(results.cases)}>\n${xmlSuites.join("")}</testsuites>\n`;
}

export const junitReporter: Reporter = {
  label: "JUnit XML",
  write(results, { out }) {
    mkdirSync(out, { recursive: true });
    const path = join(out, JUNIT_FILE);
    writeFileSync(path, renderJunit(results), "utf8");
    return path;
  },
};
