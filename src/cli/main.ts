// The ekyc-conformance command line: run, sandbox, report, diff. Exit 0 conforming, 1 new deviations,
// 2 configuration or infrastructure errors, always with one line saying what is wrong.
import { Command, CommanderError, Option } from "commander";
import { resolve } from "node:path";
import { writeHtmlReport } from "../../reporters/html/render.ts";
import { readResults } from "../../reporters/results.ts";
import { applyBaseline, loadBaseline } from "../baseline/index.ts";
import { SECRET_VARIABLES } from "../config/index.ts";
import { diffResults, renderDiffText } from "../diff/index.ts";
import { Redactor } from "../redact/index.ts";
import { MUTATIONS } from "../sandbox/mutations.ts";
import { didYouMean } from "../suggest.ts";
import { mergeCommand } from "./merge.ts";
import { addCleanupCommand, addLimitOptions } from "../reliability/cli.ts";
import { EXIT, runCommand } from "./run.ts";
import { kitVersion } from "./results.ts";

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((v) => v.trim()).filter(Boolean)];

function program(): Command {
  const cli = new Command("ekyc-conformance")
    .description("Contract tests and conformance reports for the ADVANCE.AI, ZOLOZ and uqudo face and eKYC APIs")
    .version(kitVersion())
    // Usage errors are one line like every other error: `ekyc-conformance: unknown option '--x' (see ...)`.
    .configureOutput({ outputError: (message, write) => write(`ekyc-conformance: ${oneLine(message.replace(/^error:\s*/, ""))} (see ekyc-conformance --help)\n`) })
    .exitOverride();

  cli
    .command("run")
    .description("run the conformance suites against a target and write reports (results.json, conformance.html, junit.xml)")
    .addOption(new Option("--target <target>", "where to run: the embedded sandbox, the vendors' live sandboxes, or recorded fixtures").choices(["sandbox", "live", "fixtures"]))
    .option("--vendor <vendor>", "only these vendors (repeat or comma-separate): advance, zoloz, uqudo", collect)
    .option("--seed <n>", "fuzzing seed (CONFORMANCE_SEED)")
    .option("--runs <n>", "fuzz cases per property (CONFORMANCE_FUZZ_RUNS)")
    .option("--record", "record every exchange as a redacted fixture (sandbox or live target)")
    .option("--fixtures <dir>", "fixtures folder to record into or replay from")
    .option("--baseline <file>", "accepted deviations (YAML or JSON) that do not fail the run")
    .option("--previous <file>", "an earlier results.json: adds a drift section to the report")
    .option("--case <id>", "run only the case with this id or name")
    .option("--shard <i/n>", "run shard i of n (vitest sharding; merge the results files afterwards)")
    .option("--out <dir>", "where reports are written", "reports")
    .option("--quiet", "no progress bar")
    .addOption(new Option("--sandbox-mutation <name>", "test only: inject a contract regression into the embedded sandbox").hideHelp())
    .action(async (options) => {
      process.exitCode = await runCommand(options);
    });
  addLimitOptions(cli.commands.find((c) => c.name() === "run")!);
  addCleanupCommand(cli);

  cli
    .command("sandbox")
    .description("start the local sandbox of all three vendors and print its base URLs and test credentials")
    .option("--port <n>", "port to listen on (default: a free one)")
    .option("--json", "print one JSON object with URLs and credentials on the first line of standard output")
    .option("--mutation <name>", "test only: answer with this contract regression (repeatable; listed below), to see the kit catch it", (v: string, p: string[] = []) => [...p, v])
    .addHelpText("after", () => `\nMutations (--mutation NAME):\n${MUTATIONS.map((m) => `  ${m.name.padEnd(42)} ${m.description}`).join("\n")}`)
    .action(async (options: { port?: string; json?: boolean; mutation?: string[] }) => {
      const port = options.port === undefined ? 0 : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${options.port} is not a port number (0-65535)`);
      const known = MUTATIONS.map((m) => m.name);
      for (const name of options.mutation ?? []) if (!known.includes(name)) throw new UsageError(`--mutation ${name}: unknown sandbox mutation${didYouMean(name, known)}`);
      const { runSandboxCommand } = await import("../sandbox/index.ts");
      process.exitCode = await runSandboxCommand({ port, ...(options.json ? { json: true } : {}), ...(options.mutation ? { mutation: options.mutation } : {}) });
    });

  cli
    .command("report")
    .description("re-render the HTML report from a results file")
    .argument("<results>", "a results.json written by `run`")
    .option("--out <dir>", "where conformance.html is written", "reports")
    .option("--previous <file>", "an earlier results.json for the drift section")
    .option("--baseline <file>", "accepted deviations to apply")
    .action((file: string, options: { out: string; previous?: string; baseline?: string }) => {
      let results = readResults(file);
      const baseline = options.baseline ? applyBaseline(results, loadBaseline(options.baseline), new Date()) : undefined;
      if (baseline) results = baseline.results;
      const previous = options.previous ? readResults(options.previous) : undefined;
      const path = writeHtmlReport(resolve(options.out), results, { ...(previous ? { previous } : {}), ...(baseline ? { baseline } : {}) });
      process.stdout.write(`HTML report: ${path}\n`);
    });

  cli
    .command("merge")
    .description("merge the results files of the shards of one run (run --shard i/n) into one results.json and report")
    .argument("<results...>", "results.json files written by `run --shard i/n`")
    .option("--out <dir>", "where the merged results.json and conformance.html are written", "reports")
    .action((files: string[], options: { out: string }) => {
      process.exitCode = mergeCommand(files, resolve(options.out));
    });

  cli
    .command("diff")
    .description("compare two results files: what appeared, disappeared and changed, and response shape drift")
    .argument("<old>", "earlier results.json")
    .argument("<new>", "later results.json")
    .action((oldFile: string, newFile: string) => {
      process.stdout.write(renderDiffText(diffResults(readResults(oldFile), readResults(newFile))) + "\n");
    });
  return cli;
}

class UsageError extends Error {}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").find((l) => l.trim()) ?? "unknown error";
}

export async function main(argv: string[]): Promise<number> {
  const cli = program();
  try {
    await cli.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT.error;
    }
    // Through the one redaction function: a message may quote a value that is, or holds, a configured secret.
    const redactor = new Redactor({ secrets: SECRET_VARIABLES.map((name) => process.env[name]?.trim() ?? "").filter(Boolean) });
    process.stderr.write(`ekyc-conformance: ${redactor.text(oneLine(error))}\n`);
    if (process.env["EKYC_DEBUG"]) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    return EXIT.error;
  }
}

process.exitCode = await main(process.argv.slice(2));
