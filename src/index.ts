// The package root of ekyc-conformance: what a team imports to use the kit inside its own test suite
// (`import { loadSpecs, startSandbox, runChecks } from "ekyc-conformance"`). The CLI is not exported: run it as a command.
// Importing this module has no side effects (no server, no network, no vitest registration).

// ---- Specs: the machine-readable documentation and its validators
export {
  loadSpecs,
  loadSpecText,
  clearSpecCache,
  DEFAULT_SPEC_DIR,
  SpecError,
  UnknownOperationError,
  type LoadedSpecSet,
} from "./openapi/index.ts";
export type {
  SpecSet,
  OperationInfo,
  RequestParts,
  DocPage,
  DocDeviation,
  DocumentedExample,
  BusinessCode,
  ImageField,
  ImageLimits,
  Rejection,
  ResponseHeaderSpec,
} from "./openapi/types.ts";
/** Request and response body types of every documented operation, generated from the specs (AdvanceEnrollRequest, UqudoFaceMatchResponse, ...). */
export type * from "./openapi/bodies.ts";

// ---- Checks: one documented rule each, judged over one exchange
export {
  CHECKS,
  CHECK_NAMES,
  checkByName,
  runChecks,
  type CheckRun,
  type Check,
  type CheckContext,
  type Expectation,
} from "./checks/index.ts";
export { finding, ruleRef } from "./checks/types.ts";
export { statusCodeConformance } from "./checks/status_code_conformance.ts";
export { notAServerError } from "./checks/not_a_server_error.ts";
export { contentTypeConformance } from "./checks/content_type_conformance.ts";
export { responseHeadersConformance } from "./checks/response_headers_conformance.ts";
export { responseSchemaConformance } from "./checks/response_schema_conformance.ts";
export { envelopeConformance } from "./checks/envelope_conformance.ts";
export { negativeDataRejection } from "./checks/negative_data_rejection.ts";
export { positiveDataAcceptance } from "./checks/positive_data_acceptance.ts";
export { ignoredAuth } from "./checks/ignored_auth.ts";
export { responseSignature } from "./checks/response_signature.ts";
export { useAfterFree } from "./checks/use_after_free.ts";
export { ensureResourceAvailability } from "./checks/ensure_resource_availability.ts";

// ---- Arbitraries: fast-check generators labelled with the violations they carry
export * from "./arbitraries/index.ts";

// ---- Sandbox: the local HTTP stand-in for all three vendors
export {
  startSandbox,
  MUTATIONS,
  findMutation,
  type Sandbox,
  type SandboxOptions,
  type SandboxCredentials,
  type FaultRule,
  type FaultKind,
  type Mutation,
} from "./sandbox/index.ts";

// ---- Configuration, transports and recorded fixtures
export { configFromEnv, ConfigError, DEFAULT_SEED, DEFAULT_FUZZ_RUNS, type KitConfig } from "./config/index.ts";
export {
  createTransport,
  sandboxConfig,
  FIXTURE_ORIGINS,
  type SandboxInfo,
  type TransportOptions,
} from "./transport/index.ts";
export { FixtureReplayer, type ReplayOptions } from "./recording/replayer.ts";
export { FixtureRecorder } from "./recording/recorder.ts";
export { loadFixtures, type Fixture } from "./recording/format.ts";
export { Redactor } from "./redact/index.ts";

// ---- Running cases: the same runner the kit's suites use
export { createRunContext, redactorFor, DEFAULT_FIXTURES_DIR, type ContextOptions } from "./suite/run-context.ts";
export { runCase, runFlow, type RunContext } from "./suite/run.ts";
export type { CaseDefinition, CaseInput, FlowDefinition, FlowStep, SuiteDefinition } from "./suite/types.ts";

// ---- Results model and reports
export {
  RESULTS_VERSION,
  type RunResults,
  type RunMetadata,
  type CaseResult,
  type CaseStatus,
  type DocDeviationRef,
  type RedactedMessage,
  type Reproduction,
} from "./results/model.ts";
export { validateResults, readResults, writeResults, RESULTS_FILE } from "./results/io.ts";
export { renderHtml, writeHtmlReport, HTML_FILE, type HtmlOptions } from "../reporters/html/index.ts";
export { runVerdict, vendorVerdict, type Verdict } from "./results/verdict.ts";
export {
  applyBaseline,
  loadBaseline,
  parseBaseline,
  type Baseline,
  type BaselineEntry,
  type BaselineOutcome,
} from "./baseline/index.ts";
export { diffResults, renderDiffText, type Drift } from "./diff/index.ts";

// ---- Shared vocabulary
export {
  VENDORS,
  InfraError,
  type Vendor,
  type TargetName,
  type OperationId,
  type RequestSpec,
  type Exchange,
  type SentRequest,
  type ReceivedResponse,
  type Finding,
  type SchemaFinding,
  type Severity,
  type RuleRef,
  type Transport,
} from "./types.ts";
