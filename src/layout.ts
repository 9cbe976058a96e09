// Where the kit's files are, from a repo checkout (TypeScript in src/) and from the installed package (compiled
// JavaScript in dist/src/). Every path the kit computes from its own location starts here.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);

/** True when running the compiled package (dist/src/layout.js), false when running the TypeScript source. */
export const COMPILED = here.endsWith(".js");

/** The folder holding src/, suites/ and reporters/: the repo root, or dist/ in the package. */
export const CODE_ROOT = resolve(dirname(here), "..");

/** The folder holding package.json, specs/ and fixtures/: the repo root, or the installed package's folder. */
export const PACKAGE_ROOT = COMPILED ? resolve(CODE_ROOT, "..") : CODE_ROOT;

/** The extension of the kit's own modules as they run: ".ts" from source, ".js" compiled. */
export const CODE_EXT = COMPILED ? ".js" : ".ts";

/** fixtures/keys/: the sandbox's TEST-ONLY credentials, shipped with the package. */
export const SANDBOX_KEYS_DIR = join(PACKAGE_ROOT, "fixtures", "keys");
