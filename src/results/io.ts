// Reading, validating and writing reports/results.json: the one hand-off between a run and every reporter.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { RESULTS_VERSION, type RunResults } from "./model.ts";

export const RESULTS_FILE = "results.json";
export const RESULTS_SCHEMA_PATH = new URL("./results.schema.json", import.meta.url);

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(RESULTS_SCHEMA_PATH, "utf8")) as object;
    compiled = new Ajv2020({ allErrors: false, strict: true }).compile(schema);
  }
  return compiled;
}

/** One line naming where and what, e.g. `/cases/3/status must be one of: passed, failed, ...`. */
function describe(error: ErrorObject): string {
  const at = error.instancePath === "" ? "(top level)" : error.instancePath;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${at} is missing required property "${String(p.missingProperty)}"`;
    case "enum":
      return `${at} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${at} must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return `${at} ${error.message ?? "is invalid"}`;
  }
}

/**
 * Checks that `json` is a RunResults this kit can render. Throws a one-line Error naming `source`,
 * the JSON pointer and the problem. The version is checked first so an old or newer kit's file
 * gets an actionable message rather than a list of shape errors.
 */
export function validateResults(json: unknown, source = `reports/${RESULTS_FILE}`): RunResults {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error(`${source}: not a results object (expected {run, cases, deviations})`);
  }
  const run = (json as { run?: unknown }).run;
  const version = typeof run === "object" && run !== null ? (run as { version?: unknown }).version : undefined;
  if (version === undefined) {
    throw new Error(`${source}: run.version is missing; this kit expects results version ${RESULTS_VERSION}`);
  }
  if (version !== RESULTS_VERSION) {
    throw new Error(
      `${source}: version ${JSON.stringify(version)} is not supported by this kit (expects ${RESULTS_VERSION}); re-run or upgrade`,
    );
  }
  const validate = validator();
  if (!validate(json)) {
    const first = validate.errors?.[0];
    throw new Error(`${source}: ${first ? describe(first) : "does not match src/results/results.schema.json"}`);
  }
  return json as RunResults;
}

/** Validates, then writes `<dir>/results.json`. Returns the path written. */
export function writeResults(dir: string, results: RunResults): string {
  validateResults(results, join(dir, RESULTS_FILE));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, RESULTS_FILE);
  writeFileSync(path, JSON.stringify(results, null, 2) + "\n", "utf8");
  return path;
}

/** Reads and validates a results file; every failure is a one-line Error naming the path. */
export function readResults(path: string): RunResults {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${path}: cannot read results file (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message.split("\n")[0]})`);
  }
  return validateResults(json, path);
}
