// Bad input to the kit itself: each case runs the real CLI as a child process with a temporary cwd and environment and
// expects exit code 2 and ONE line on stderr that says what is wrong, where, and how to fix it, with no stack trace and
// no key material. Each must fail before vitest starts: nothing is written to the cwd (no reports/, no allure-results/).
import { generateKeyPairSync } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RESULTS_VERSION } from "../../src/results/model.ts";
import { sampleResults } from "../../reporters/testing/sample-results.ts";
import { REPO_ROOT } from "../../src/openapi/index.ts";
import { runCli } from "./support.ts";

const KEYS = join(REPO_ROOT, "fixtures", "keys");
const root = mkdtempSync(join(tmpdir(), "ekc-bad-input-"));
let counter = 0;
const workdir = () => {
  const dir = join(root, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
};

/** A copy of the real specs with `vendor.yaml` rewritten. */
function specsWith(cwd: string, vendor: string, edit: (text: string) => string): string {
  const dir = join(cwd, "specs");
  cpSync(join(REPO_ROOT, "specs"), dir, { recursive: true });
  const file = join(dir, `${vendor}.yaml`);
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${vendor}.yaml changed nothing`);
  writeFileSync(file, after);
  return dir;
}

/** Live ZOLOZ settings that pass the config checks; nothing is contacted because the run must stop first. */
const zolozLive = (overrides: Record<string, string>) => ({
  CONFORMANCE_TARGET: "live",
  CONFORMANCE_VENDORS: "zoloz",
  ZOLOZ_BASE_URL: "http://127.0.0.1:9/zoloz",
  ZOLOZ_CLIENT_ID: "2188813011569652",
  ZOLOZ_MERCHANT_PRIVATE_KEY: join(KEYS, "merchant-private.pem"),
  ZOLOZ_PLATFORM_PUBLIC_KEY: join(KEYS, "platform-public.pem"),
  ...overrides,
});

interface BadInput {
  name: string;
  /** Arguments after `node bin/ekyc-conformance.js`. */
  args: (cwd: string) => string[];
  env?: (cwd: string) => Record<string, string>;
  /** The one line must match all of these: what is wrong, where, how to fix. */
  says: RegExp[];
}

const ecKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({
  type: "pkcs8",
  format: "pem",
}) as string;

export const BAD_INPUTS: BadInput[] = [
  {
    name: "malformed YAML spec",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => ({
      CONFORMANCE_SPECS_DIR: specsWith(cwd, "advance", (t) => t.replace(/^info:\n/m, "info:\n  title: [unclosed\n")),
    }),
    says: [/specs\/advance\.yaml:\d+: invalid YAML/, /fix the YAML syntax/],
  },
  {
    name: "spec that is not OpenAPI 3.0 (openapi version)",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => ({
      CONFORMANCE_SPECS_DIR: specsWith(cwd, "uqudo", (t) => t.replace(/^openapi: .*$/m, "openapi: 2.0")),
    }),
    says: [/specs\/uqudo\.yaml:1: `openapi` is 2, not an OpenAPI 3\.0\.x version/, /write `openapi: 3\.0\.3`/],
  },
  {
    name: "spec that violates OpenAPI (an operation without responses)",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => ({
      CONFORMANCE_SPECS_DIR: specsWith(cwd, "zoloz", (t) => t.replace(/^(\s+)responses:$/m, "$1responsez:")),
    }),
    says: [/specs\/zoloz\.yaml:\d+: operation "\w+" documents no responses/, /list every documented HTTP status/],
  },
  {
    name: "spec with a schema type OpenAPI does not have",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => ({
      CONFORMANCE_SPECS_DIR: specsWith(cwd, "advance", (t) => t.replace("type: string", "type: strnig")),
    }),
    says: [/specs\/advance\.yaml:\d+: .*"strnig"/, /use OpenAPI 3\.0 schema keywords and types/],
  },
  {
    name: "CONFORMANCE_SPECS_DIR that does not exist",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => ({ CONFORMANCE_SPECS_DIR: join(cwd, "no-such-specs") }),
    says: [/no-such-specs: spec directory does not exist/, /point CONFORMANCE_SPECS_DIR at/],
  },
  {
    name: "fixture file that is not JSON",
    args: (cwd) => {
      mkdirSync(join(cwd, "fx", "advance", "enroll"), { recursive: true });
      writeFileSync(join(cwd, "fx", "advance", "enroll", "broken.json"), "{ this is not json\n  at all");
      return ["run", "--target", "fixtures", "--fixtures", "fx"];
    },
    says: [
      /fixture fx\/advance\/enroll\/broken\.json: is not JSON/,
      /re-record \(npx ekyc-conformance run --target sandbox --record --fixtures fx\)/,
    ],
  },
  {
    name: "fixture file missing fields",
    args: (cwd) => {
      mkdirSync(join(cwd, "fx", "advance", "enroll"), { recursive: true });
      writeFileSync(
        join(cwd, "fx", "advance", "enroll", "thin.json"),
        JSON.stringify({ version: 1, case: "advance.enroll/jpeg-face", operationId: "advance.enroll", sequence: 0 }),
      );
      return ["run", "--target", "fixtures", "--fixtures", "fx"];
    },
    says: [
      /fixture fx\/advance\/enroll\/thin\.json: misses request\.method, request\.path or request\.body/,
      /re-record/,
    ],
  },
  {
    name: "fixtures folder that is empty",
    args: (cwd) => {
      mkdirSync(join(cwd, "fx"));
      return ["run", "--target", "fixtures", "--fixtures", "fx"];
    },
    says: [/no recorded fixtures in fx/, /record them with: npx ekyc-conformance run --target sandbox --record/],
  },
  {
    name: "results file from another version",
    args: (cwd) => {
      const old = sampleResults();
      (old.run as { version: unknown }).version = RESULTS_VERSION + 41;
      writeFileSync(join(cwd, "old.json"), JSON.stringify(old));
      return ["report", "old.json", "--out", "reports"];
    },
    says: [
      new RegExp(
        `old\\.json: version ${RESULTS_VERSION + 41} is not supported by this kit \\(expects ${RESULTS_VERSION}\\)`,
      ),
      /re-run or upgrade/,
    ],
  },
  {
    name: "results file that is not JSON",
    args: (cwd) => {
      writeFileSync(join(cwd, "old.json"), "<html>not results</html>\n");
      return ["report", "old.json", "--out", "reports"];
    },
    says: [/old\.json: not valid JSON/],
  },
  {
    name: "unreadable PEM key path",
    args: () => ["run", "--target", "live"],
    env: (cwd) => zolozLive({ ZOLOZ_MERCHANT_PRIVATE_KEY: join(cwd, "keys", "merchant-private.pem") }),
    says: [
      /ZOLOZ_MERCHANT_PRIVATE_KEY: file .*keys\/merchant-private\.pem cannot be read \(ENOENT\)/,
      /set it to the PKCS#8 \(or PKCS#1\) private key PEM text or a path to that file/,
    ],
  },
  {
    name: "PEM key path that is a directory",
    args: () => ["run", "--target", "live"],
    env: () => zolozLive({ ZOLOZ_PLATFORM_PUBLIC_KEY: KEYS }),
    says: [/ZOLOZ_PLATFORM_PUBLIC_KEY: file .*fixtures\/keys cannot be read/, /SPKI public key PEM/],
  },
  {
    name: "public key where the private key belongs",
    args: () => ["run", "--target", "live"],
    env: () => zolozLive({ ZOLOZ_MERCHANT_PRIVATE_KEY: join(KEYS, "merchant-public.pem") }),
    says: [
      /ZOLOZ_MERCHANT_PRIVATE_KEY: file .*merchant-public\.pem holds a public key \(PUBLIC KEY\) where a private key is needed/,
    ],
  },
  {
    name: "private key where the public key belongs (as PEM text)",
    args: () => ["run", "--target", "live"],
    env: () => zolozLive({ ZOLOZ_PLATFORM_PUBLIC_KEY: readFileSync(join(KEYS, "platform-private.pem"), "utf8") }),
    says: [
      /ZOLOZ_PLATFORM_PUBLIC_KEY: PEM text holds a private key where a public key is needed/,
      /openssl pkey -pubout/,
    ],
  },
  {
    name: "EC key where an RSA key is needed",
    args: () => ["run", "--target", "live"],
    env: (cwd) => {
      writeFileSync(join(cwd, "ec.pem"), ecKey);
      return zolozLive({ ZOLOZ_MERCHANT_PRIVATE_KEY: join(cwd, "ec.pem") });
    },
    says: [/ZOLOZ_MERCHANT_PRIVATE_KEY: file .*ec\.pem is a ec key, not RSA/, /use an RSA-2048 private key/],
  },
  {
    name: "CONFORMANCE_FACE_IMAGE that is not an image",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => {
      writeFileSync(join(cwd, "face.jpg"), "GIF89a but really a text file\n");
      return { CONFORMANCE_FACE_IMAGE: join(cwd, "face.jpg") };
    },
    says: [/CONFORMANCE_FACE_IMAGE=.*face\.jpg is not a JPEG or PNG image/, /point it at a JPEG or PNG face photo/],
  },
  {
    name: "CONFORMANCE_FACE_IMAGE that does not exist",
    args: () => ["run", "--target", "sandbox"],
    env: (cwd) => ({ CONFORMANCE_FACE_IMAGE: join(cwd, "missing.png") }),
    says: [/CONFORMANCE_FACE_IMAGE=.*missing\.png is not a readable file/],
  },
  {
    name: "unknown CLI flag",
    args: () => ["run", "--target", "sandbox", "--frobnicate"],
    says: [/unknown option '--frobnicate'/, /\(see ekyc-conformance run --help\)/],
  },
  {
    name: "unknown command",
    args: () => ["rnu"],
    says: [/unknown command 'rnu'/, /ekyc-conformance --help/],
  },
  {
    name: "--target nonsense",
    args: () => ["run", "--target", "nonsense"],
    says: [/'nonsense' is invalid\. Allowed choices are sandbox, live, fixtures/],
  },
  {
    name: "CONFORMANCE_TARGET=nonsense",
    args: () => ["run"],
    env: () => ({ CONFORMANCE_TARGET: "nonsense" }),
    says: [/CONFORMANCE_TARGET="nonsense" is not one of sandbox, live, fixtures/],
  },
  {
    name: "unknown vendor",
    args: () => ["run", "--vendor", "acme"],
    says: [/--vendor: unknown vendor acme; choose from advance, zoloz, uqudo/],
  },
  {
    name: "misspelt vendor",
    args: () => ["run", "--vendor", "advnce"],
    says: [/^ekyc-conformance: --vendor: unknown vendor advnce \(did you mean advance\?\)/],
  },
  {
    name: "misspelt vendor in CONFORMANCE_VENDORS",
    args: () => ["run"],
    env: () => ({ CONFORMANCE_VENDORS: "uqdo" }),
    says: [/CONFORMANCE_VENDORS: unknown vendor uqdo \(did you mean uqudo\?\)/],
  },
  {
    name: "misspelt flag",
    args: () => ["run", "--baselin", "b.yaml"],
    says: [/unknown option '--baselin' \(Did you mean --baseline\?\) \(see ekyc-conformance run --help\)/],
  },
  {
    name: "misspelt command",
    args: () => ["mrege"],
    says: [/unknown command 'mrege' \(Did you mean merge\?\)/],
  },
  {
    name: "--out that is a file",
    args: (cwd) => {
      writeFileSync(join(cwd, "reports.txt"), "");
      return ["run", "--out", "reports.txt"];
    },
    says: [/--out reports\.txt must be a directory, but it is a file/],
  },
  {
    name: "--rps that is not positive",
    args: () => ["run", "--rps", "-1"],
    says: [/--rps -1 must be a number > 0/],
  },
  {
    name: "--seed that is not a number",
    args: () => ["run", "--seed", "abc"],
    says: [/--seed abc must be an integer >= 0/],
  },
  {
    name: "--sandbox-mutation with --target fixtures",
    args: () => ["run", "--target", "fixtures", "--sandbox-mutation", "uqudo-match-level-6"],
    says: [
      /--sandbox-mutation changes the embedded sandbox and cannot apply to --target fixtures; drop it or use --target sandbox/,
    ],
  },
  {
    name: "misspelt --sandbox-mutation",
    args: () => ["run", "--sandbox-mutation", "uqudo-match-levl-6"],
    says: [/--sandbox-mutation: unknown mutation uqudo-match-levl-6 \(did you mean uqudo-match-level-6\?\)/],
  },
  {
    name: "--baseline that does not exist (found before the run, not after it)",
    args: () => ["run", "--target", "live", "--vendor", "zoloz", "--baseline", "accepted.yaml"],
    env: () => zolozLive({}),
    says: [/--baseline accepted\.yaml: cannot read baseline \(ENOENT\)/],
  },
  {
    name: "baseline entry naming an unknown operation",
    args: (cwd) => {
      writeFileSync(
        join(cwd, "accepted.yaml"),
        "- operation: uqudo.faceMach\n  check: response_schema_conformance\n  match: {}\n  reason: UQ-1\n",
      );
      return ["run", "--baseline", "accepted.yaml"];
    },
    says: [
      /--baseline accepted\.yaml: entries\[0\]\.operation "uqudo\.faceMach" is not an operation of the specs \(did you mean uqudo\.faceMatch\?\)/,
    ],
  },
  {
    name: "baseline entry naming an unknown check",
    args: (cwd) => {
      writeFileSync(
        join(cwd, "accepted.yaml"),
        "- operation: uqudo.faceMatch\n  check: response_schema_conformence\n  match: {}\n  reason: UQ-1\n",
      );
      return ["run", "--baseline", "accepted.yaml"];
    },
    says: [
      /entries\[0\]\.check "response_schema_conformence" is not a check of the kit \(did you mean response_schema_conformance\?\)/,
    ],
  },
  {
    name: "--previous that is not a results file",
    args: (cwd) => {
      writeFileSync(join(cwd, "last.json"), "[]");
      return ["run", "--previous", "last.json"];
    },
    says: [/^ekyc-conformance: --previous last\.json: /, /give a results\.json written by an earlier run/],
  },
  {
    name: "--fixtures folder that does not exist",
    args: () => ["run", "--target", "fixtures", "--fixtures", "nowhere"],
    says: [/--fixtures nowhere does not exist/],
  },
  {
    name: "a recorded exchange missing from the fixtures folder",
    args: (cwd) => {
      cpSync(join(REPO_ROOT, "fixtures", "recorded"), join(cwd, "fx"), { recursive: true });
      rmSync(join(cwd, "fx", "advance", "enroll", "255-wide.52323c48.0.json"));
      return ["run", "--target", "fixtures", "--fixtures", "fx"];
    },
    says: [
      /fx lacks 1 recorded exchange its recording\.json lists \(advance\/enroll\/255-wide\.52323c48\.0\.json\)/,
      /re-record: npx ekyc-conformance run --target sandbox --record --fixtures fx/,
    ],
  },
  {
    name: "--target live with every credential missing",
    args: () => ["run", "--target", "live"],
    says: [
      /--target live needs variables that are not set \(advance: ADVANCE_BASE_URL, ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY \(or ADVANCE_ACCESS_TOKEN\); zoloz: ZOLOZ_CLIENT_ID, ZOLOZ_BASE_URL, ZOLOZ_MERCHANT_PRIVATE_KEY, ZOLOZ_PLATFORM_PUBLIC_KEY; uqudo: UQUDO_BASE_URL, UQUDO_AUTH_URL, UQUDO_CLIENT_ID, UQUDO_CLIENT_SECRET\)/,
      /leave a vendor out with --vendor/,
    ],
  },
  {
    name: "--target live with one vendor incomplete",
    args: () => ["run", "--target", "live", "--vendor", "zoloz,uqudo"],
    env: () => zolozLive({ CONFORMANCE_VENDORS: "" }),
    says: [
      /needs variables that are not set \(uqudo: UQUDO_BASE_URL, UQUDO_AUTH_URL, UQUDO_CLIENT_ID, UQUDO_CLIENT_SECRET\).*run only the configured vendors with --vendor zoloz/,
    ],
  },
  {
    name: "cleanup with a misspelt --vendor",
    args: (cwd) => {
      writeFileSync(join(cwd, "journal.jsonl"), "");
      return ["cleanup", "--target", "live", "--journal", "journal.jsonl", "--vendor", "advnce"];
    },
    says: [/--vendor: unknown vendor advnce \(did you mean advance\?\)/],
  },
  {
    name: "cleanup asks only for the credentials of the vendors its journal names",
    args: (cwd) => {
      const entry = {
        op: "add",
        key: "uqudo:face:f1",
        vendor: "uqudo",
        operationId: "uqudo.faceSearchInsert",
        ids: { oneToNVerificationId: "f1" },
        caseId: "uqudo.faceSearch/insert-then-search",
        target: "live",
        origin: "http://127.0.0.1:9",
        at: "2026-01-01T00:00:00Z",
      };
      writeFileSync(join(cwd, "journal.jsonl"), JSON.stringify(entry) + "\n");
      return ["cleanup", "--target", "live", "--journal", "journal.jsonl"];
    },
    says: [
      /needs variables that are not set \(uqudo: UQUDO_BASE_URL, UQUDO_AUTH_URL, UQUDO_CLIENT_ID, UQUDO_CLIENT_SECRET\)(?!.*ADVANCE_)(?!.*ZOLOZ_)/,
    ],
  },
];

/** Text that must never appear in an error line: stack frames and key material. */
const FORBIDDEN = [/\n\s+at /, /-----BEGIN/, /MII[A-Za-z0-9+/]{20}/, /node:internal/, /\.ts:\d+:\d+/];

afterAll(() => {
  // Kept on failure for inspection only when asked.
  if (!process.env["KEEP_HARDENING_TMP"])
    import("node:fs").then(({ rmSync }) => rmSync(root, { recursive: true, force: true }));
});

describe.concurrent("bad input to the kit: exit 2 and one clear line, before vitest starts", () => {
  for (const input of BAD_INPUTS) {
    it(input.name, { timeout: 120_000 }, async () => {
      const cwd = workdir();
      const env = input.env?.(cwd) ?? {};
      const args = input.args(cwd);
      const before = new Set(readdirSync(cwd));
      const run = await runCli(args, { cwd, env });
      const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
      expect(lines, `stderr of ${args.join(" ")}:\n${run.stderr}`).toHaveLength(1);
      const line = lines[0]!;
      expect(line.startsWith("ekyc-conformance: ")).toBe(true);
      for (const pattern of input.says) expect(line).toMatch(pattern);
      for (const pattern of FORBIDDEN) expect(run.stderr).not.toMatch(pattern);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      // Failed before vitest: no report, junit or allure output appeared.
      const created = readdirSync(cwd).filter((f) => !before.has(f));
      expect(created).toEqual([]);
      expect(existsSync(join(cwd, "allure-results"))).toBe(false);
    });
  }
});
