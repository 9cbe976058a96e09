// Allure results from the final results: one test result per case (epic = vendor, feature = operation,
// story = check) with the redacted exchanges and findings attached, in <out>/allure-results, cleared per run so
// results of earlier runs never count as retries.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Stage, Status, type Attachment, type Label, type TestResult } from "allure-js-commons";
import { FileSystemWriter } from "allure-js-commons/sdk/reporter";
import { baselineLine, causeLine, findingLine, firstFailure } from "../src/results/describe.ts";
import type { CaseResult, RunResults } from "../src/results/model.ts";
import type { Reporter } from "./types.ts";

export const ALLURE_DIR = "allure-results";

const STATUS: Record<CaseResult["status"], Status> = {
  passed: Status.PASSED,
  failed: Status.FAILED,
  inconclusive: Status.BROKEN,
  skipped: Status.SKIPPED,
};

const md5 = (s: string): string => createHash("md5").update(s).digest("hex");
/** Deterministic per run and case, so re-rendering the same results writes the same files. */
const uuidOf = (results: RunResults, c: CaseResult): string => {
  const h = createHash("sha256").update(`${results.run.startedAt}\u0000${c.id}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

function statusDetails(c: CaseResult): TestResult["statusDetails"] {
  if (c.status === "failed") {
    const first = firstFailure(c);
    return {
      message: first ? findingLine(first) : "failed without a finding",
      trace: c.findings.map((f) => `[${f.severity}] ${findingLine(f)}\n  rule: ${f.rule.text}`).join("\n"),
    };
  }
  if (c.status === "inconclusive" || c.status === "skipped") return { message: causeLine(c) };
  return {};
}

export function allureResult(
  results: RunResults,
  c: CaseResult,
  attach: (name: string, content: unknown) => Attachment,
): TestResult {
  const start = Date.parse(results.run.startedAt) || 0;
  const labels: Label[] = [
    { name: "epic", value: c.vendor },
    { name: "feature", value: c.operationId },
    ...c.checks.map((check) => ({ name: "story", value: check })),
    { name: "suite", value: c.vendor },
    { name: "subSuite", value: c.operationId },
    { name: "tag", value: c.kind },
    ...(c.baselined?.length ? [{ name: "tag", value: "baselined" }] : []),
  ];
  const attachments = [attach("exchanges (redacted)", c.exchanges)];
  if (c.findings.length) attachments.push(attach("findings", c.findings));
  if (c.baselined?.length) attachments.push(attach("findings accepted by the baseline", c.baselined));
  return {
    uuid: uuidOf(results, c),
    historyId: md5(c.id),
    testCaseId: md5(c.id),
    name: c.name,
    fullName: c.id,
    status: STATUS[c.status],
    statusDetails: statusDetails(c),
    stage: Stage.FINISHED,
    labels,
    links: [],
    parameters: (c.baselined ?? []).map((f) => ({
      name: "accepted by baseline",
      value: `${f.baseline ? baselineLine(f.baseline) : "baseline entry"}: ${findingLine(f)}`,
    })),
    steps: [],
    attachments,
    ...(c.reproduction?.command ? { description: `Reproduce: \`${c.reproduction.command}\`` } : {}),
    start,
    stop: start + Math.round(c.durationMs),
  };
}

export const allureReporter: Reporter = {
  label: "Allure results",
  write(results, { out }) {
    const dir = join(out, ALLURE_DIR);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const writer = new FileSystemWriter({ resultsDir: dir });
    // Results and attachments are written plainly, under the names FileSystemWriter gives them: it syncs every file
    // to disk one by one, for reporters writing while tests run; here the folder is written once, after the run.
    for (const c of results.cases) {
      let n = 0;
      const uuid = uuidOf(results, c);
      const attach = (name: string, content: unknown): Attachment => {
        const source = `${uuid}-${n++}-attachment.json`;
        writeFileSync(join(dir, source), JSON.stringify(content, null, 2));
        return { name, source, type: "application/json" };
      };
      const result = allureResult(results, c, attach);
      writeFileSync(join(dir, `${result.uuid}-result.json`), JSON.stringify(result));
    }
    writer.writeEnvironmentInfo({
      target: results.run.target,
      seed: String(results.run.seed),
      "fuzz runs": String(results.run.fuzzRuns),
      kit: results.run.kitVersion,
      vendors: results.run.vendors.join(", "),
    });
    return dir;
  },
};
