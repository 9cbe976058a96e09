// What `--help` says besides the options: a description line that shows default and variable the way Commander shows
// choices, and the closing block of every command (examples, exit codes, where credentials go).
import type { Command } from "commander";
import { LIVE_VARIABLES } from "../config/index.ts";

/** "text (default: X; env: VAR)": the value used when the flag is not given, and the variable that sets it too. */
export function described(text: string, extra: { default?: string; env?: string } = {}): string {
  const parts = [
    extra.default !== undefined ? `default: ${extra.default}` : "",
    extra.env ? `env: ${extra.env}` : "",
  ].filter(Boolean);
  return parts.length ? `${text} (${parts.join("; ")})` : text;
}

export const EXIT_CODES = `Exit codes:
  0  conforming: every case passed or was skipped with a reason (baseline-accepted findings count as passed)
  1  a new deviation: a check failed and no baseline entry accepts it
  2  the run could not judge: a configuration error (one line on stderr), an outage or missing evidence
     (inconclusive cases, a missing fixture or shard)`;

const NOTES: Record<keyof typeof LIVE_VARIABLES, string> = {
  advance: " (or a ready ADVANCE_ACCESS_TOKEN for the key pair)",
  zoloz: " (keys: PEM text or a file)",
  uqudo: "",
};

export const CREDENTIALS = `Credentials (--target live only) come from environment variables, never from flags, and never reach a report:
${Object.entries(LIVE_VARIABLES)
  .map(([vendor, names]) => `  ${vendor.padEnd(8)} ${names.join(", ")}${NOTES[vendor as keyof typeof LIVE_VARIABLES]}`)
  .join("\n")}
  Only the selected vendors' variables are read (--vendor). Every variable: docs/targets.md.`;

/** Appends examples, and the exit codes and credentials where they apply, after the options of `command`. */
export function epilogue(
  command: Command,
  examples: string[],
  sections: { exitCodes?: boolean; credentials?: boolean } = {},
): Command {
  const blocks = [`Examples:\n${examples.map((e) => `  $ ${e}`).join("\n")}`];
  if (sections.exitCodes) blocks.push(EXIT_CODES);
  if (sections.credentials) blocks.push(CREDENTIALS);
  return command.addHelpText("after", `\n${blocks.join("\n\n")}\n`);
}
