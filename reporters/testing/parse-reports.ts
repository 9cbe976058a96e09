// Reads the JUnit and Allure reports back, independently of the code that wrote them, for tests that compare every
// format with results.json.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface JunitCase {
  classname: string;
  name: string;
  outcome: "passed" | "failed" | "error" | "skipped";
  message?: string;
  properties: { name: string; value: string }[];
}

export interface JunitReport {
  totals: { tests: number; failures: number; errors: number; skipped: number };
  cases: JunitCase[];
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseJunit(text: string): JunitReport {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`junit.xml is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  }).parse(text) as {
    testsuites: Record<string, string> & { testsuite?: { testcase?: Record<string, unknown>[] }[] };
  };
  const root = doc.testsuites;
  const cases: JunitCase[] = [];
  for (const suite of list(root.testsuite))
    for (const tc of list(suite.testcase)) {
      const failure = tc["failure"] as { message?: string } | undefined;
      const error = tc["error"] as { message?: string } | undefined;
      const skipped = tc["skipped"] as { message?: string } | undefined;
      const outcome =
        failure !== undefined ? "failed" : error !== undefined ? "error" : skipped !== undefined ? "skipped" : "passed";
      const message = (failure ?? error ?? skipped)?.message;
      const properties = list(
        (tc["properties"] as { property?: { name: string; value: string }[] } | undefined)?.property,
      );
      cases.push({
        classname: String(tc["classname"]),
        name: String(tc["name"]),
        outcome,
        ...(message !== undefined ? { message } : {}),
        properties,
      });
    }
  const n = (k: string) => Number(root[k]);
  return { totals: { tests: n("tests"), failures: n("failures"), errors: n("errors"), skipped: n("skipped") }, cases };
}

export interface AllureTest {
  fullName: string;
  name: string;
  status: string;
  statusDetails: { message?: string };
  labels: { name: string; value: string }[];
  parameters: { name: string; value: string }[];
  attachments: { name: string; source: string; type: string }[];
}

export function readAllure(dir: string): { tests: AllureTest[]; files: string[] } {
  if (!existsSync(dir)) throw new Error(`${dir}: no Allure results folder`);
  const files = readdirSync(dir);
  const tests = files
    .filter((f) => f.endsWith("-result.json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as AllureTest);
  return { tests, files };
}
