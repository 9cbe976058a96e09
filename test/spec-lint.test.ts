// The specs load cleanly in the tools users feed them to: `redocly lint` (recommended rules, redocly.yaml) finds no
// error and no warning beyond those .redocly.lint-ignore.yaml keeps with a reason, and openapi-backend (a second
// validator stack) loads the documents unmodified and agrees with the kit on every documented example.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import addFormats from "ajv-formats";
import { OpenAPIBackend } from "openapi-backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT, loadSpecs } from "../src/openapi/index.ts";

const run = promisify(execFile);
const specs = loadSpecs();
const FILES = ["specs/advance.yaml", "specs/zoloz.yaml", "specs/uqudo.yaml"];
const IGNORE_FILE = path.join(REPO_ROOT, ".redocly.lint-ignore.yaml");
// Offline and quiet: no telemetry, no update check.
const ENV = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

interface Totals {
  errors: number;
  warnings: number;
  ignored: number;
}
interface LintReport {
  totals: Totals;
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

/** `redocly lint --format=json` prints one JSON report per file, back to back. */
async function lint(files: string[], cwd = REPO_ROOT): Promise<LintReport[]> {
  const bin = path.join(REPO_ROOT, "node_modules/@redocly/cli/bin/cli.js");
  const out = await run(process.execPath, [bin, "lint", ...files, "--format=json"], {
    cwd,
    env: ENV,
    maxBuffer: 16 << 20,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
  return out.stdout
    .replace(/}\s*{\s*"totals"/g, '}\u0000{"totals"')
    .split("\u0000")
    .map((t) => JSON.parse(t) as LintReport);
}

const ignoreText = readFileSync(IGNORE_FILE, "utf8");
const ignored = parse(ignoreText) as Record<string, Record<string, string[]>>;

describe("redocly lint (recommended rules)", () => {
  let reports: LintReport[];
  beforeAll(async () => {
    reports = await lint(FILES);
  }, 60_000);

  it("all three specs: 0 errors, 0 warnings, and exactly the ignore file's entries ignored", () => {
    expect(reports.length).toBe(FILES.length);
    FILES.forEach((file, i) => {
      const report = reports[i]!;
      expect(
        report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
        file,
      ).toEqual([]);
      const entries = Object.values(ignored[file] ?? {}).flat().length;
      expect(report.totals, file).toEqual({ errors: 0, warnings: 0, ignored: entries });
    });
  });

  it("every ignored warning has its reason on the line above", () => {
    const lines = ignoreText.split("\n");
    const entries = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s+- /.test(l));
    expect(entries.length).toBe(Object.values(ignored).flatMap((rules) => Object.values(rules).flat()).length);
    for (const [line, i] of entries) expect(lines[i - 1], line).toMatch(/^\s+# reason: \S.{10,}/);
  });

  it("an example ignored for not matching its schema is a documented deviation (x-deviation)", () => {
    for (const [file, rules] of Object.entries(ignored)) {
      const vendor = path.basename(file, ".yaml") as (typeof specs.vendors)[number];
      for (const pointer of rules["no-invalid-media-type-examples"] ?? []) {
        const examplePtr = pointer.slice(1).replace(/\/value(\/.*)?$/, "");
        const node = examplePtr
          .split("/")
          .slice(1)
          .reduce<any>((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], specs.document(vendor));
        expect(node?.["x-deviation"], `${file}${pointer}`).toMatch(/^[a-z]+-/);
        expect(specs.deviations(vendor).map((d) => d.id)).toContain(node["x-deviation"]);
      }
    }
  });

  describe("on a broken copy", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "spec-lint-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("reports `nullable` without `type` as an error (the construct advance.yaml no longer uses)", async () => {
      const text = readFileSync(path.join(REPO_ROOT, "specs/uqudo.yaml"), "utf8").replace(
        "    FaceSessionRequest:\n",
        "    Broken:\n      nullable: true\n      enum: [null]\n    FaceSessionRequest:\n",
      );
      writeFileSync(path.join(dir, "uqudo.yaml"), text);
      writeFileSync(path.join(dir, "redocly.yaml"), readFileSync(path.join(REPO_ROOT, "redocly.yaml")));
      const [report] = await lint(["uqudo.yaml"], dir);
      expect(report!.totals.errors).toBeGreaterThan(0);
      expect(report!.problems.map((p) => p.ruleId)).toContain("nullable-type-sibling");
    }, 60_000);
  });
});

describe("openapi-backend loads the specs unmodified and agrees with the kit", () => {
  const apis = new Map<string, OpenAPIBackend>();
  beforeAll(async () => {
    for (const vendor of specs.vendors) {
      const api = new OpenAPIBackend({
        definition: structuredClone(specs.document(vendor)) as never,
        strict: true,
        validate: true,
        ajvOpts: { allErrors: true },
        customizeAjv: (ajv) => {
          addFormats.default(ajv as never);
          return ajv;
        },
      });
      await api.init();
      apis.set(vendor, api);
    }
  }, 60_000);

  // openapi-backend compiles validators for exactly `application/json` (and form media types) only: ZOLOZ's
  // `application/json; charset=UTF-8` bodies get none and always pass there, so agreement is checked where it validates.
  const judged = (mediaType: string) => mediaType === "application/json";
  it("registers no validator for a media type with parameters (ZOLOZ's `application/json; charset=UTF-8`)", () => {
    const broken = { result: { resultStatus: "X" } };
    expect(apis.get("zoloz")!.validator.validateResponse(broken, "connectEnroll", 200).valid).toBe(true);
    expect(
      specs.validateResponseBody("zoloz.connectEnroll", 200, broken, "application/json; charset=UTF-8").length,
    ).toBeGreaterThan(0);
  });

  const responses = specs.examples().filter((e) => judged(e.mediaType));
  it.each(responses.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))(
    "response example %s: same verdict",
    (_, e) => {
      const [vendor, operationId] = e.operationId.split(".") as [string, string];
      const backend = apis.get(vendor)!.validator.validateResponse(e.value, operationId, e.status).valid;
      const kit = specs.validateResponseBody(e.operationId, e.status, e.value, e.mediaType).length === 0;
      expect(backend).toBe(kit);
      expect(kit).toBe(!e.deviation);
    },
  );

  const requests = specs.requestExamples().filter((e) => judged(e.mediaType));
  it.each(requests.map((e) => [`${e.operationId} ${e.name}`, e] as const))(
    "request example %s: same verdict on the body",
    (_, e) => {
      const [vendor, operationId] = e.operationId.split(".") as [string, string];
      const op = specs.operation(e.operationId);
      const result = apis
        .get(vendor)!
        .validator.validateRequest(
          { method: op.method, path: op.path, headers: { "content-type": e.mediaType }, query: {}, body: e.value },
          operationId,
        );
      // Header parameters (Client-Id, Signature, ...) are not part of a body example.
      const backend = (result.errors ?? []).filter((x) => x.instancePath.startsWith("/requestBody")).length === 0;
      const kit =
        specs
          .validateRequest(e.operationId, { body: e.value, headers: { "content-type": e.mediaType } })
          .filter((f) => !f.pointer.startsWith("/headers/")).length === 0;
      expect(backend).toBe(kit);
    },
  );

  it("both refuse a broken body: ADVANCE enroll answered SUCCESS with data that is not null", () => {
    const body = { code: "SUCCESS", message: "OK", transactionId: "t", pricingStrategy: "FREE", data: { x: 1 } };
    expect(apis.get("advance")!.validator.validateResponse(body, "enroll", 200).valid).toBe(false);
    expect(specs.validateResponseBody("advance.enroll", 200, body, "application/json").length).toBeGreaterThan(0);
    expect(apis.get("advance")!.validator.validateResponse({ ...body, data: null }, "enroll", 200).valid).toBe(true);
  });
});
