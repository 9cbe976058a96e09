#!/usr/bin/env node
// Runs the TypeScript CLI in place through tsx, so a fresh clone needs no build step.
import { register } from "tsx/esm/api";
register();
// A reader that stops early (`… --help | head`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
await import("../src/cli/main.ts");
