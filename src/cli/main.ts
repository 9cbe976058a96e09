// The ekyc-conformance command line: run, sandbox, report, diff. Exit 0 conforming, 1 new deviations,
// 2 configuration or infrastructure errors, always with one line saying what is wrong.
// Only what defining the commands needs is imported up front: each command's modules (vitest, the specs' validators,
// the reporters) load in its action, so `--help` and usage errors start fast.
import { Command, CommanderError, Option } from "commander";
import { EXIT } from "../results/verdict.ts";
import { DEFAULT_FUZZ_RUNS, DEFAULT_SEED, SECRET_VARIABLES } from "../config/index.ts";
import { MUTATIONS } from "../sandbox/mutations.ts";
import { FAULTS, parseFault } from "../sandbox/switches.ts";
import { didYouMean } from "../suggest.ts";
import { addCleanupCommand, addLimitOptions } from "./reliability.ts";
import { described, epilogue } from "./help.ts";
import { addProxyCommand } from "./proxy.ts";
import { UsageError, VENDORS } from "../types.ts";
import { kitVersion } from "../results/build.ts";

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];

function program(): Command {
  const cli = new Command("ekyc-conformance")
    .description("Contract tests and conformance reports for the ADVANCE.AI, ZOLOZ and uqudo face and eKYC APIs")
    .version(kitVersion())
    .exitOverride();
  epilogue(
    cli,
    [
      "ekyc-conformance run                      # against the embedded sandbox",
      "ekyc-conformance run --target fixtures     # replay the recorded exchanges, no network",
      "ekyc-conformance run --target live --vendor uqudo",
      "ekyc-conformance <command> --help          # the options of one command",
    ],
    { exitCodes: true, credentials: true },
  );

  const run = cli
    .command("run")
    .description(
      "run the conformance suites against a target and write reports (results.json, conformance.html, junit.xml, allure-results/)",
    )
    .optionsGroup("Target and selection:")
    .addOption(
      new Option(
        "--target <target>",
        described("where to run: the embedded sandbox, the vendors' live sandboxes, or recorded fixtures", {
          default: "sandbox",
          env: "CONFORMANCE_TARGET",
        }),
      ).choices(["sandbox", "live", "fixtures"]),
    )
    .addOption(
      new Option(
        "--vendor <vendor>",
        described("only these vendors (repeat or comma-separate)", { default: "all", env: "CONFORMANCE_VENDORS" }),
      )
        .choices(VENDORS)
        .argParser(collect),
    )
    .option("--case <id>", "run only the case with this id or name, e.g. uqudo.faceMatch/level-5")
    .option("--shard <i/n>", "run shard i of n (merge the shards' results.json files afterwards with `merge`)")
    .optionsGroup("Inputs:")
    .option(
      "--seed <n>",
      described("fuzzing seed, an integer >= 0 (on --target fixtures: the recording's)", {
        default: String(DEFAULT_SEED),
        env: "CONFORMANCE_SEED",
      }),
    )
    .option(
      "--runs <n>",
      described("fuzz cases per property, >= 1 (on --target fixtures: the recording's)", {
        default: String(DEFAULT_FUZZ_RUNS),
        env: "CONFORMANCE_FUZZ_RUNS",
      }),
    )
    .option(
      "--fc-seed <n>",
      described("with --case of a fuzz case: replay the counterexample of this fast-check seed", {
        env: "CONFORMANCE_FC_SEED",
      }),
    )
    .option(
      "--fc-path <path>",
      described("with --fc-seed: the fast-check path of the shrunk counterexample, e.g. 0:1", {
        env: "CONFORMANCE_FC_PATH",
      }),
    )
    .option(
      "--fixtures <dir>",
      described("fixtures folder to record into or replay from", {
        default: "fixtures/recorded",
        env: "CONFORMANCE_FIXTURES_DIR",
      }),
    )
    .option(
      "--record",
      described("record every exchange as a redacted fixture (sandbox or live target)", {
        env: "CONFORMANCE_RECORD=1",
      }),
    )
    .option("--baseline <file>", "accepted deviations (YAML or JSON) that do not fail the run")
    .option("--previous <file>", "an earlier results.json: adds a drift section to the report")
    .optionsGroup("Output:")
    .option("--out <dir>", "folder the reports are written to (created if missing)", "reports")
    .option("--quiet", "no progress bar")
    .optionsGroup("Testing the kit itself:")
    // Shown: docs/reports.md and the mutation self-test tell users to run it. Validated (with a did-you-mean) in preflight.
    .addOption(
      new Option(
        "--sandbox-mutation <name>",
        "inject one contract regression into the embedded sandbox (--target sandbox only); the run must catch it",
      )
        .choices(MUTATIONS.map((m) => m.name))
        .argParser((v: string) => v),
    )
    .action(async (options) => {
      const { runCommand } = await import("./run.ts");
      process.exitCode = await runCommand(options);
    });
  addLimitOptions(run);
  run.optionsGroup("Options:");
  epilogue(
    run,
    [
      "ekyc-conformance run --vendor uqudo --out reports",
      "ekyc-conformance run --target fixtures --baseline accepted.yaml        # the offline PR gate",
      "ekyc-conformance run --target live --vendor advance --max-requests 300 --rps 2",
      "ekyc-conformance run --target sandbox --record --fixtures my-fixtures   # (re-)record fixtures",
      "ekyc-conformance run --shard 1/3 --out shard-1                         # then: ekyc-conformance merge shard-*/results.json",
    ],
    { exitCodes: true, credentials: true },
  );
  addCleanupCommand(cli);

  const sandbox = cli
    .command("sandbox")
    .description("start the local sandbox of all three vendors and print its base URLs and test credentials")
    .option("--port <n>", described("port to listen on", { default: "a free one" }))
    .option("--json", "print one JSON object with URLs and credentials on the first line of standard output")
    .option(
      "--mutation <name>",
      "answer with this contract regression (repeatable; listed below), to see the kit or your app catch it",
      (v: string, p: string[] = []) => [...p, v],
    )
    .option(
      "--fault <name[:rate]>",
      "inject this fault into the vendors' answers, into a share 0..1 of them with :rate (repeatable; listed below; the first that matches a request applies)",
      (v: string, p: string[] = []) => [...p, v],
    )
    .option(
      "--seed <text>",
      described("seed of the generated ids and of the --fault rate draws: the same requests fault the same way", {
        default: "ekyc-sandbox",
      }),
    )
    .addOption(
      new Option(
        "--zoloz-header-case <case>",
        described(
          "header-name casing of ZOLOZ answers: lower (what ZOLOZ's shell client greps) or canonical (Signature, Response-Time: what ZOLOZ's Java SDK looks up)",
          { default: "lower" },
        ),
      ).choices(["lower", "canonical"]),
    )
    .addHelpText(
      "after",
      () =>
        `\nMutations (--mutation NAME):\n${MUTATIONS.map((m) => `  ${m.name.padEnd(42)} ${m.description}`).join("\n")}\n\nFaults (--fault NAME[:rate]):\n${FAULTS.map((f) => `  ${f.name.padEnd(42)} ${f.description}`).join("\n")}\n\nSwitch them at run time, and read the request log and state, over HTTP at /_admin (loopback only; docs/sandbox.md).`,
    )
    .action(
      async (options: {
        port?: string;
        json?: boolean;
        mutation?: string[];
        fault?: string[];
        seed?: string;
        zolozHeaderCase?: "lower" | "canonical";
      }) => {
        const port = options.port === undefined ? 0 : Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port ${options.port} is not a port number (0-65535)`);
        const known = MUTATIONS.map((m) => m.name);
        for (const name of options.mutation ?? [])
          if (!known.includes(name))
            throw new UsageError(`--mutation ${name}: unknown sandbox mutation${didYouMean(name, known)}`);
        for (const text of options.fault ?? []) parseFault(text, `--fault ${text}`);
        const { runSandboxCommand } = await import("../sandbox/index.ts");
        process.exitCode = await runSandboxCommand({
          port,
          ...(options.json ? { json: true } : {}),
          ...(options.mutation ? { mutation: options.mutation } : {}),
          ...(options.fault ? { fault: options.fault } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.zolozHeaderCase ? { zolozHeaderCase: options.zolozHeaderCase } : {}),
        });
      },
    );
  epilogue(sandbox, [
    "ekyc-conformance sandbox --port 8080",
    "ekyc-conformance sandbox --json   # then point --target live at the printed URLs",
    "ekyc-conformance sandbox --port 8080 --fault outage:0.2 --seed 7   # a fifth of the answers are 503, the same fifth every run",
    `curl -X PUT 127.0.0.1:8080/_admin/faults -d '["rate-limit"]'   # then: curl -X DELETE 127.0.0.1:8080/_admin`,
  ]);
  addProxyCommand(cli);

  const report = cli
    .command("report")
    .description(
      "re-render every report (results.json, conformance.html, junit.xml, allure-results/) from a results file; exits like the run",
    )
    .argument("<results>", "a results.json written by `run`")
    .option("--out <dir>", "folder the reports are written to (created if missing)", "reports")
    .option("--previous <file>", "an earlier results.json for the drift section")
    .option("--baseline <file>", "accepted deviations to apply")
    .action(async (file: string, options: { out: string; previous?: string; baseline?: string }) => {
      const [
        { writeReports },
        { readResults },
        { exitCodeOf },
        { applyBaseline },
        { checkBaseline, checkOutDir, checkPrevious },
        { loadSpecs },
      ] = await Promise.all([
        import("../../reporters/index.ts"),
        import("../results/io.ts"),
        import("../results/verdict.ts"),
        import("../baseline/index.ts"),
        import("./preflight.ts"),
        import("../openapi/index.ts"),
      ]);
      const out = checkOutDir(options.out);
      let results = readResults(file);
      const baseline = options.baseline
        ? applyBaseline(results, checkBaseline(options.baseline, loadSpecs()), new Date())
        : undefined;
      if (baseline) results = baseline.results;
      const previous = options.previous ? checkPrevious(options.previous) : undefined;
      writeReports(results, { out, ...(previous ? { previous } : {}), ...(baseline ? { baseline } : {}) });
      process.exitCode = exitCodeOf(results);
    });
  epilogue(report, ["ekyc-conformance report reports/results.json --baseline accepted.yaml --out reports"]);

  const merge = cli
    .command("merge")
    .description("merge the results files of the shards of one run (run --shard i/n) into one results.json and report")
    .argument("<results...>", "results.json files written by `run --shard i/n`")
    .option("--out <dir>", "folder the merged reports are written to (created if missing)", "reports")
    .option("--allow-partial", "merge even when shards are missing; the report names them (exit 2 all the same)")
    .action(async (files: string[], options: { out: string; allowPartial?: boolean }) => {
      const [{ mergeCommand }, { checkOutDir }] = await Promise.all([import("./merge.ts"), import("./preflight.ts")]);
      process.exitCode = mergeCommand(files, checkOutDir(options.out), {
        ...(options.allowPartial ? { allowPartial: true } : {}),
      });
    });
  epilogue(
    merge,
    ["ekyc-conformance merge shard-1/results.json shard-2/results.json shard-3/results.json --out reports"],
    { exitCodes: true },
  );

  const diff = cli
    .command("diff")
    .description("compare two results files: what appeared, disappeared and changed, and response shape drift")
    .argument("<old>", "earlier results.json")
    .argument("<new>", "later results.json")
    .action(async (oldFile: string, newFile: string) => {
      const [{ diffResults, renderDiffText }, { readResults }] = await Promise.all([
        import("../diff/index.ts"),
        import("../results/io.ts"),
      ]);
      process.stdout.write(renderDiffText(diffResults(readResults(oldFile), readResults(newFile))) + "\n");
    });
  epilogue(diff, ["ekyc-conformance diff last-night/results.json reports/results.json"]);

  // Usage errors are one line like every other error, Commander's "(Did you mean …?)" included, and say where help is.
  for (const command of [cli, ...cli.commands]) {
    const name = command === cli ? "ekyc-conformance" : `ekyc-conformance ${command.name()}`;
    command.configureOutput({
      outputError: (message, write) =>
        write(
          `ekyc-conformance: ${message
            .replace(/^error:\s*/, "")
            .replace(/\s*\n\s*/g, " ")
            .trim()} (see ${name} --help)\n`,
        ),
    });
  }
  return cli;
}

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
    const { Redactor } = await import("../redact/index.ts");
    const redactor = new Redactor({
      secrets: SECRET_VARIABLES.map((name) => process.env[name]?.trim() ?? "").filter(Boolean),
    });
    process.stderr.write(`ekyc-conformance: ${redactor.text(oneLine(error))}\n`);
    if (process.env["EKYC_DEBUG"]) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    return EXIT.error;
  }
}

process.exitCode = await main(process.argv.slice(2));
