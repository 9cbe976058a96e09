// Public surface of the local sandbox.
export {
  startSandbox,
  MAX_BODY_BYTES,
  type Sandbox,
  type SandboxOptions,
  type FaultRule,
  type FaultKind,
} from "./server.ts";
export { MUTATIONS, findMutation, type Mutation, type MutationApply } from "./mutations.ts";
export type { MutationFlags } from "./handler-context.ts";
export type { SandboxCredentials } from "./credentials.ts";
export { runSandboxCommand, type SandboxCommandOptions } from "./cli.ts";
export { matchLevel as sandboxMatchLevel } from "./imaging.ts";
export { ADVANCE_IMAGE_CAP } from "./advance.ts";
