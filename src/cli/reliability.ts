// The command-line side of reliability: --max-requests, --rps, --concurrency and --journal for `run`, and the
// `cleanup` command that deletes what an interrupted run left in its journal.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { Option, type Command } from "commander";
import { described, epilogue } from "./help.ts";
import { configFromEnv, parseTarget, parseVendors, type KitConfig } from "../config/index.ts";
import { UsageError, VENDORS } from "../types.ts";
import type { SandboxInfo } from "../transport/index.ts";
import type { RunResults } from "../results/model.ts";
import { EXIT, type ExitCode } from "../results/verdict.ts";
import type { Vendor } from "../types.ts";
import { timeoutFromEnv } from "../transport/wire.ts";
import { BREAKER_DIR_VARIABLE, hostPort, readOpenHosts } from "../reliability/breaker.ts";
import {
  compactJournal,
  DEFAULT_JOURNAL,
  JOURNAL_VARIABLE,
  readJournal,
  sharedJournal,
  undoRequest,
  type JournalEntry,
} from "../reliability/journal.ts";
import { LIMIT_VARIABLES } from "../reliability/limiter.ts";
import { inCleanup } from "../reliability/scope.ts";

export interface LimitOptions {
  maxRequests?: string;
  rps?: string;
  concurrency?: string;
  journal?: string;
}

/** `positive`: the value must be > min (a rate); otherwise >= min. */
function number(
  flag: string,
  value: string | undefined,
  integer: boolean,
  min: number,
  positive = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n) || (positive ? n <= min : n < min) || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `${flag} ${value} must be ${integer ? "an integer" : "a number"} ${positive ? ">" : ">="} ${min}`,
    );
  }
  return n;
}

/** Adds the careful-client options to `run`, under their own heading of its help. */
export function addLimitOptions(command: Command): Command {
  const group = "Paid sandboxes (limits and cleanup):";
  return command
    .addOption(
      new Option(
        "--max-requests <n>",
        described("request budget of the whole run; the cases left when it is spent are skipped", {
          default: "no limit",
          env: LIMIT_VARIABLES.maxRequests,
        }),
      ).helpGroup(group),
    )
    .addOption(
      new Option(
        "--rps <n>",
        described("at most this many requests per second, run-wide (> 0)", {
          default: "no limit",
          env: LIMIT_VARIABLES.rps,
        }),
      ).helpGroup(group),
    )
    .addOption(
      new Option(
        "--concurrency <n>",
        described("at most this many requests in flight, run-wide", {
          default: "no limit",
          env: LIMIT_VARIABLES.concurrency,
        }),
      ).helpGroup(group),
    )
    .addOption(
      new Option(
        "--journal <file>",
        described("journal of created users and faces, for `cleanup` after a crash", {
          default: `${DEFAULT_JOURNAL} on --target live`,
          env: JOURNAL_VARIABLE,
        }),
      ).helpGroup(group),
    );
}

/** CONFORMANCE_* variables for the options given (validated). */
export function limitEnvironment(options: LimitOptions, target: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  const maxRequests = number("--max-requests", options.maxRequests, true, 0);
  const rps = number("--rps", options.rps, false, 0, true);
  const concurrency = number("--concurrency", options.concurrency, true, 1);
  if (maxRequests !== undefined) env[LIMIT_VARIABLES.maxRequests] = String(maxRequests);
  if (rps !== undefined) env[LIMIT_VARIABLES.rps] = String(rps);
  if (concurrency !== undefined) env[LIMIT_VARIABLES.concurrency] = String(concurrency);
  const journal = options.journal ?? (target === "live" ? DEFAULT_JOURNAL : undefined);
  if (journal) env[JOURNAL_VARIABLE] = resolve(journal);
  // Read here so a bad value is one line before the run starts, not a fault in every case.
  try {
    timeoutFromEnv();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return env;
}

/**
 * How the run's worker processes share the limits: the budget folder lives in the run's work folder, and the
 * workers are capped at the concurrency so that each one's share (concurrency / workers) is at least one.
 */
export function limitWorkers(
  env: Record<string, string | undefined>,
  work: string,
): { env: Record<string, string>; maxWorkers: number } {
  const out: Record<string, string> = {};
  const concurrency = env[LIMIT_VARIABLES.concurrency] ? Number(env[LIMIT_VARIABLES.concurrency]) : undefined;
  const limited = concurrency !== undefined || env[LIMIT_VARIABLES.rps] !== undefined;
  // vitest's own default (CPUs - 1) suits a replay, all CPU in the workers (on 2 cores a second worker bought 4.7 ->
  // 4.2 s for another 135 MB heap). Against the sandbox or a vendor the workers wait on answers, so one more fills
  // the idle core (main job 7.8-8.5 -> 6.7 s). A recording keeps one, so the order the sandbox sees (its 1:N gallery
  // is shared by every case) is the same each time.
  const cpus =
    env["CONFORMANCE_RECORD"] === "1"
      ? 1
      : env["CONFORMANCE_TARGET"] === "fixtures"
        ? Math.max(1, availableParallelism() - 1)
        : Math.max(2, availableParallelism() - 1);
  const workers = Math.max(1, Math.min(concurrency ?? Infinity, cpus));
  if (env[LIMIT_VARIABLES.maxRequests] !== undefined) {
    const dir = join(work, "budget");
    mkdirSync(dir, { recursive: true });
    out[LIMIT_VARIABLES.budgetDir] = dir;
  }
  if (limited) out[LIMIT_VARIABLES.workers] = String(workers);
  // The workers give up on a failing host together (src/reliability/breaker.ts).
  const breaker = join(work, "breaker");
  mkdirSync(breaker, { recursive: true });
  out[BREAKER_DIR_VARIABLE] = breaker;
  return { env: out, maxWorkers: workers };
}

/**
 * One stderr line per host the run gave up on: host:port, the cause, and the cases it left inconclusive, so an
 * outage reads as one outage, not as a list of failing cases.
 */
export function outageLines(env: Record<string, string | undefined>, config: KitConfig, results: RunResults): string[] {
  const sandbox = config.target === "sandbox" ? sandboxInfo(undefined) : undefined;
  const urls: Array<[Vendor, string | undefined]> = sandbox
    ? config.vendors.map((v) => [v, sandbox.origin])
    : [
        ["advance", config.advance?.baseUrl],
        ["zoloz", config.zoloz?.baseUrl],
        ["uqudo", config.uqudo?.baseUrl],
        ["uqudo", config.uqudo?.authUrl],
      ];
  return readOpenHosts(env[BREAKER_DIR_VARIABLE]).map((open) => {
    const vendors = [
      ...new Set(
        urls.filter(([v, url]) => url && config.vendors.includes(v) && hostPort(url) === open.host).map(([v]) => v),
      ),
    ];
    const cases = results.cases.filter((c) => c.status === "inconclusive" && vendors.includes(c.vendor)).length;
    return `ekyc-conformance: ${open.host}: ${open.cause} (${open.failures} consecutive failures); the run stopped calling it and left ${cases} case${cases === 1 ? "" : "s"} of ${vendors.join(", ") || "its vendor"} inconclusive; check that the vendor is up and its base URL is right`;
  });
}

/** One line on the spent budget, for the run summary (undefined without --max-requests). */
export function budgetSummary(env: Record<string, string | undefined>): string | undefined {
  const dir = env[LIMIT_VARIABLES.budgetDir];
  const max = process.env[LIMIT_VARIABLES.maxRequests];
  if (!dir || max === undefined || !existsSync(dir)) return undefined;
  const spent = readdirSync(dir).filter((f) => f.startsWith("slot-")).length;
  return `request budget: ${spent} of ${max} spent${spent >= Number(max) ? "; the cases left were skipped (request budget exhausted)" : ""}`;
}

export interface CleanupOptions {
  journal?: string;
  target?: string;
  /** Only these vendors' entries (default: every vendor the journal names). */
  vendor?: string[];
  /** Origin of a running local sandbox (`ekyc-conformance sandbox`), for the sandbox target. */
  sandbox?: string;
  out?: (line: string) => void;
}

function sandboxInfo(origin: string | undefined): SandboxInfo | undefined {
  const given =
    origin ??
    (process.env["CONFORMANCE_SANDBOX"]
      ? (JSON.parse(process.env["CONFORMANCE_SANDBOX"]) as SandboxInfo).origin
      : undefined);
  if (!given) return undefined;
  const o = given.replace(/\/+$/, "");
  return {
    origin: o,
    baseUrls: { advance: `${o}/advance`, zoloz: `${o}/zoloz`, uqudo: `${o}/uqudo`, uqudoAuth: `${o}/uqudo-auth` },
  };
}

function origins(config: KitConfig, sandbox: SandboxInfo | undefined): Record<string, string | undefined> {
  const o = (url: string | undefined) => (url ? new URL(url).origin : undefined);
  if (sandbox) return { advance: sandbox.origin, zoloz: sandbox.origin, uqudo: sandbox.origin };
  return { advance: o(config.advance?.baseUrl), zoloz: o(config.zoloz?.baseUrl), uqudo: o(config.uqudo?.baseUrl) };
}

/** `ekyc-conformance cleanup`: deletes every pending journal entry of the configured target. Exit 0 when none is left. */
export async function runCleanupCommand(options: CleanupOptions = {}): Promise<ExitCode> {
  const out = options.out ?? ((line: string) => process.stdout.write(line + "\n"));
  const file = resolve(options.journal ?? process.env[JOURNAL_VARIABLE] ?? DEFAULT_JOURNAL);
  if (!existsSync(file)) {
    out(`cleanup: no journal at ${file}: nothing to delete`);
    return EXIT.conforming;
  }
  const target = parseTarget(options.target ?? process.env["CONFORMANCE_TARGET"]);
  if (target === "fixtures")
    throw new UsageError("cleanup needs the target the run created its users on: --target live or sandbox");
  const entries = readJournal(file);
  // Only the vendors the journal names on this target (or those --vendor picks): no credentials are asked of the others.
  const vendors = options.vendor?.length
    ? parseVendors(options.vendor.join(","), "--vendor")
    : VENDORS.filter((v) => entries.some((e) => e.target === target && e.vendor === v));
  if (vendors.length === 0) {
    out(`cleanup: the journal ${file} names nothing created on the ${target} target: nothing to delete`);
    return EXIT.conforming;
  }
  const config = configFromEnv({ ...process.env, CONFORMANCE_TARGET: target, CONFORMANCE_VENDORS: vendors.join(",") });
  const sandbox = config.target === "sandbox" ? sandboxInfo(options.sandbox) : undefined;
  if (config.target === "sandbox" && !sandbox)
    throw new UsageError("cleanup on the sandbox target needs the running sandbox: --sandbox <origin>");
  const where = origins(config, sandbox);
  const mine = entries.filter(
    (e) => e.target === config.target && where[e.vendor] === e.origin && config.vendors.includes(e.vendor),
  );
  const foreign = entries.length - mine.length;
  if (foreign > 0)
    out(
      `cleanup: ${foreign} entr${foreign === 1 ? "y belongs" : "ies belong"} to another target or vendor selection: left in the journal`,
    );

  process.env[JOURNAL_VARIABLE] = file;
  const journal = sharedJournal();
  journal.adopt(mine);
  // Loaded here, not at the top: the options above are defined on every CLI start, this runs only on `cleanup`.
  const [{ loadSpecs }, { DEFAULT_FIXTURES_DIR, redactorFor }, { createTransport }] = await Promise.all([
    import("../openapi/index.ts"),
    import("../suite/run-context.ts"),
    import("../transport/index.ts"),
  ]);
  const spec = loadSpecs();
  const transport = createTransport(config, {
    spec,
    redactor: redactorFor(config),
    fixturesDir: DEFAULT_FIXTURES_DIR,
    journal,
    ...(sandbox ? { sandbox } : {}),
  });
  const failed: Array<{ entry: JournalEntry; why: string }> = [];
  try {
    for (const entry of mine) {
      const why = await inCleanup(async () => {
        try {
          const exchange = await transport.send(undoRequest(entry, spec), { caseId: `cleanup/${entry.caseId}` });
          return journal.entries().some((e) => e.key === entry.key)
            ? `answered HTTP ${exchange.response.status}`
            : undefined;
        } catch (error) {
          return (error as Error).message;
        }
      });
      if (why) failed.push({ entry, why });
    }
  } finally {
    await transport.close();
  }
  const left = compactJournal(file);
  out(
    `cleanup: deleted ${mine.length - failed.length} of ${mine.length} resource${mine.length === 1 ? "" : "s"}; ${left.length} left in ${file}`,
  );
  for (const { entry, why } of failed) out(`  not deleted: ${entry.key} (${why})`);
  return left.length === 0 ? EXIT.conforming : EXIT.error;
}

/** Registers `cleanup` on the program. */
export function addCleanupCommand(cli: Command): void {
  const command = cli
    .command("cleanup")
    .description("delete the users and faces an interrupted run left behind, as recorded in its journal")
    .option("--journal <file>", described("the run's journal", { default: DEFAULT_JOURNAL, env: JOURNAL_VARIABLE }))
    .addOption(
      new Option(
        "--target <target>",
        described("where the run created them", { default: "sandbox", env: "CONFORMANCE_TARGET" }),
      ).choices(["live", "sandbox"]),
    )
    .option(
      "--vendor <vendor>",
      described("only these vendors' entries (repeat or comma-separate); only their credentials are read", {
        default: "every vendor the journal names",
      }),
      (value: string, previous: string[] = []) => [
        ...previous,
        ...value
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      ],
    )
    .option("--sandbox <origin>", "origin of the running local sandbox, for --target sandbox")
    .action(async (options: CleanupOptions) => {
      process.exitCode = await runCleanupCommand(options);
    });
  epilogue(
    command,
    [
      "ekyc-conformance cleanup --target live                 # every vendor the journal names",
      "ekyc-conformance cleanup --target live --vendor uqudo  # only uqudo's entries and credentials",
    ],
    { credentials: true },
  );
  command.addHelpText(
    "after",
    "Exit codes: 0 nothing left in the journal, 2 some entries could not be deleted (listed) or a configuration error.\n",
  );
}
