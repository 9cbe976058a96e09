#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs through `prepare`).
// A reader that stops early (`… --help | head`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
try {
  await import("../dist/src/cli/main.js");
} catch (error) {
  // Only a checkout that was never built gets here this way; anything else is the CLI's own error.
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/src/cli/main.js")) throw error;
  process.stderr.write(
    "ekyc-conformance: the compiled CLI is missing (dist/src/cli/main.js): run `npm run build` (or `npm ci`) in the kit's folder\n",
  );
  process.exitCode = 2;
}
