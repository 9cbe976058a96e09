// Everything the user gave `run`, `report` and `merge` is checked here, before the first request: a bad flag, file or
// key is one line naming the flag as typed and how to fix it, and nothing is sent, spent or written.
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { RunResults } from "../results/model.ts";
import { readResults } from "../results/io.ts";
import { loadPrivateKey, loadPublicKey } from "../auth/keys.ts";
import { checkBaselineNames, loadBaseline, type Baseline } from "../baseline/index.ts";
import { CHECK_NAMES } from "../checks/index.ts";
import { ConfigError, configFromEnv, parseVendors, type KitConfig } from "../config/index.ts";
import { didYouMean } from "../suggest.ts";
import { DEFAULT_FIXTURES_DIR, loadFixtures, missingExchanges } from "../recording/format.ts";
import { rerecordCommand } from "../recording/replayer.ts";
import { MUTATIONS } from "../sandbox/mutations.ts";
import { loadSpecs } from "../openapi/index.ts";
import type { SpecSet } from "../openapi/types.ts";

const shown = (path: string) => relative(process.cwd(), path) || path;

/** `--out`: a folder, or a path one can create as a folder. Nothing is created here. */
export function checkOutDir(dir: string, flag = "--out"): string {
  const path = resolve(dir);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory())
      throw new ConfigError(
        `${flag} ${dir} must be a directory, but it is a file; give a folder for the reports (it is created if missing)`,
      );
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new ConfigError(`${flag} ${dir} is not writable; give a folder you can write to`);
    }
    return path;
  }
  let parent = dirname(path);
  while (!existsSync(parent)) parent = dirname(parent);
  if (!statSync(parent).isDirectory())
    throw new ConfigError(
      `${flag} ${dir} cannot be created: ${shown(parent)} is a file; give a folder for the reports`,
    );
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    throw new ConfigError(
      `${flag} ${dir} cannot be created: ${shown(parent)} is not writable; give a folder you can write to`,
    );
  }
  return path;
}

/** `--baseline`: readable, well-formed, and naming only operations of the specs and checks of the kit. */
export function checkBaseline(file: string, spec: SpecSet): Baseline {
  try {
    const baseline = loadBaseline(file);
    checkBaselineNames(
      baseline,
      spec.operations.map((o) => o.id),
      CHECK_NAMES,
    );
    return baseline;
  } catch (error) {
    throw new ConfigError(`--baseline ${(error as Error).message}`);
  }
}

/** `--previous`: a readable, valid results.json. */
export function checkPrevious(file: string): RunResults {
  try {
    return readResults(file);
  } catch (error) {
    throw new ConfigError(`--previous ${(error as Error).message}; give a results.json written by an earlier run`);
  }
}

function integerFlag(flag: string, value: string | undefined, min: number): void {
  if (
    value !== undefined &&
    (!/^\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value)))
  ) {
    throw new ConfigError(`${flag} ${value} must be an integer >= ${min}`);
  }
}

export function shardOf(value: string | undefined): { index: number; count: number } | undefined {
  if (!value) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
    throw new ConfigError(`--shard ${value} must be i/n with 1 <= i <= n, e.g. --shard 1/3`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** The recorded fixtures a replay needs: present, parseable, and every exchange recording.json lists. */
function checkFixtures(config: KitConfig, given: string | undefined): void {
  const dir = given ? resolve(given) : DEFAULT_FIXTURES_DIR;
  const name = given ?? shown(DEFAULT_FIXTURES_DIR);
  if (given && !existsSync(dir))
    throw new ConfigError(
      `--fixtures ${given} does not exist; give the folder a recording was written to (--record --fixtures DIR)`,
    );
  const fixtures = loadFixtures(dir);
  if (fixtures.size === 0)
    throw new ConfigError(`no recorded fixtures in ${name}; record them with: ${rerecordCommand(dir)}`);
  const missing = missingExchanges(dir, fixtures, config.vendors);
  if (missing.length > 0) {
    const list = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ` and ${missing.length - 5} more` : "");
    throw new ConfigError(
      `${name} lacks ${missing.length} recorded exchange${missing.length === 1 ? "" : "s"} its recording.json lists (${list}); restore ${missing.length === 1 ? "it" : "them"} (e.g. git checkout -- ${name}) or re-record: ${rerecordCommand(dir)}`,
    );
  }
}

/** The subset of `run`'s options preflight reads. */
export interface PreflightOptions {
  target?: string;
  vendor?: string[];
  seed?: string;
  runs?: string;
  fixtures?: string;
  baseline?: string;
  previous?: string;
  out: string;
  shard?: string;
  sandboxMutation?: string;
}

export interface Preflight {
  config: KitConfig;
  spec: SpecSet;
  out: string;
  shard?: { index: number; count: number };
  baseline?: Baseline;
  previous?: RunResults;
}

/** Checks every flag, file and key of `run`; `env` is the environment the run will see. */
export function preflightRun(options: PreflightOptions, env: Record<string, string | undefined>): Preflight {
  if (options.vendor?.length) parseVendors(options.vendor.join(","), "--vendor");
  integerFlag("--seed", options.seed, 0);
  integerFlag("--runs", options.runs, 1);
  const shard = shardOf(options.shard);
  const config = configFromEnv(env);
  if (options.sandboxMutation !== undefined) {
    if (config.target !== "sandbox")
      throw new ConfigError(
        `--sandbox-mutation changes the embedded sandbox and cannot apply to --target ${config.target}; drop it or use --target sandbox`,
      );
    const names = MUTATIONS.map((m) => m.name);
    if (!names.includes(options.sandboxMutation))
      throw new ConfigError(
        `--sandbox-mutation: unknown mutation ${options.sandboxMutation}${didYouMean(options.sandboxMutation, names)}; \`ekyc-conformance run --help\` lists them`,
      );
  }
  const out = checkOutDir(options.out);
  // Keys are checked here too, so an unreadable or wrong key is one line before vitest starts, not a failure per test.
  if (config.zoloz) {
    loadPrivateKey(config.zoloz.merchantPrivateKey, "ZOLOZ_MERCHANT_PRIVATE_KEY");
    loadPublicKey(config.zoloz.platformPublicKey, "ZOLOZ_PLATFORM_PUBLIC_KEY");
  }
  if (config.target === "fixtures") checkFixtures(config, options.fixtures);
  const spec = loadSpecs();
  const baseline = options.baseline ? checkBaseline(options.baseline, spec) : undefined;
  const previous = options.previous ? checkPrevious(options.previous) : undefined;
  return {
    config,
    spec,
    out,
    ...(shard ? { shard } : {}),
    ...(baseline ? { baseline } : {}),
    ...(previous ? { previous } : {}),
  };
}
