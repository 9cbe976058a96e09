// Public entry point of the spec layer: everything else in the kit reads the specs through this.
export { loadSpecs, loadSpecText, clearSpecCache, DEFAULT_SPEC_DIR, REPO_ROOT, type LoadedSpecSet } from "./load.ts";
export { SpecError, UnknownOperationError } from "./errors.ts";
export type * from "./types.ts";
export * from "./bodies.ts";
