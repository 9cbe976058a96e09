// Hand-made RunResults for reporter, baseline, diff and browser tests, and the docs screenshot.
// `sampleResults()` is a plausible run with failures; `hostileResults()` plants attacker-shaped vendor content in
// every field a vendor controls, so escaping is tested everywhere at once.
import type { CaseResult, RunResults } from "../../src/results/model.ts";
import type { Finding } from "../../src/types.ts";

const ENROLL_RULE = {
  text: 'Save Enroll API returns code PARAMETER_ERROR with message "Region is wrong" for an unsupported region.',
  docUrl: "https://doc-center-acmp.advance.ai/docs/face-auth-save-enroll-api",
  specPointer: "specs/advance.yaml#/paths/~1intl~1openapi~1face-identity~1v1~1enroll/post/responses/200",
};

export function regionFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: "envelope_conformance",
    severity: "failure",
    message: "code REGION_WRONG is not in the documented code enum",
    rule: { ...ENROLL_RULE },
    wfc: 101,
    expected: "PARAMETER_ERROR",
    actual: "REGION_WRONG",
    schemaFindings: [
      {
        pointer: "/code",
        keyword: "enum",
        message: "must be equal to one of the allowed values",
        expected: ["SUCCESS", "PARAMETER_ERROR", "ERROR"],
        actual: "REGION_WRONG",
        specPointer: "specs/advance.yaml#/components/schemas/EnrollEnvelope/properties/code/enum",
        specLine: 212,
      },
    ],
    deviation: "advance-region-wrong-code",
    ...overrides,
  };
}

function base(id: string, over: Partial<CaseResult>): CaseResult {
  const operationId = id.split("/")[0]!;
  return {
    id,
    vendor: operationId.split(".")[0] as CaseResult["vendor"],
    operationId,
    name: id.split("/")[1]!.replace(/-/g, " "),
    kind: "negative",
    checks: ["status_code", "envelope_conformance", "response_schema"],
    status: "passed",
    findings: [],
    exchanges: [],
    durationMs: 120,
    ...over,
  };
}

export function sampleResults(): RunResults {
  const enrollBody = JSON.stringify({
    code: "REGION_WRONG",
    message: "Region is wrong",
    data: null,
    extra: null,
    transactionId: "tx-1",
  });
  return {
    run: {
      version: 1,
      kitVersion: "0.1.0",
      target: "sandbox",
      vendors: ["advance", "zoloz", "uqudo"],
      seed: 424242,
      fuzzRuns: 50,
      specHashes: {
        advance: "sha256:9f2c1b0e5d3a4c7b8e6f1a2d3c4b5a6978e1f2d3c4b5a69788e1f2d3c4b5a697",
        zoloz: "sha256:1111111111111111111111111111111111111111111111111111111111111111",
        uqudo: "sha256:2222222222222222222222222222222222222222222222222222222222222222",
      },
      startedAt: "2025-05-01T10:00:00.000Z",
      finishedAt: "2025-05-01T10:03:12.500Z",
      host: { hostname: "ci-runner-7", platform: "linux", node: "v20.20.0", cpus: 4 },
    },
    deviations: [
      {
        id: "advance-region-wrong-code",
        vendor: "advance",
        summary:
          'The enroll page shows REGION_WRONG as a response code in an example, but lists "Region is wrong" only as a PARAMETER_ERROR message.',
        chosen: 'PARAMETER_ERROR with message "Region is wrong" is the documented rejection.',
        otherReading: "code REGION_WRONG.",
        reportedAs: "warning",
      },
    ],
    cases: [
      base("advance.enroll/region-wrong", {
        status: "failed",
        findings: [regionFinding()],
        exchanges: [
          {
            request: {
              method: "POST",
              url: "https://sandbox.advance.ai/intl/openapi/face-identity/v1/enroll",
              headers: { "content-type": "application/json", "x-access-token": "***" },
              body: JSON.stringify({ region: "XX", userId: "u-1", image: "<jpeg 640x480, 48213 bytes>" }),
            },
            response: { status: 200, headers: { "content-type": "application/json" }, body: enrollBody },
            durationMs: 231,
          },
        ],
        reproduction: {
          seed: 424242,
          command: "npx ekyc-conformance run --target sandbox --case 'advance.enroll/region-wrong' --seed 424242",
          curl: "curl -X POST 'https://sandbox.advance.ai/intl/openapi/face-identity/v1/enroll' -H 'x-access-token: ***' --data '{\"region\":\"XX\"}'",
        },
      }),
      base("advance.enroll/valid-jpeg", {
        kind: "positive",
        exchanges: [
          {
            request: {
              method: "POST",
              url: "https://sandbox.advance.ai/intl/openapi/face-identity/v1/enroll",
              headers: {},
            },
            response: {
              status: 200,
              headers: {},
              body: JSON.stringify({ code: "SUCCESS", message: "OK", data: { faceId: "f1", score: 0.98 } }),
            },
          },
        ],
      }),
      base("advance.compare/fuzz-image-size", {
        kind: "fuzz",
        status: "failed",
        checks: ["status_code", "response_schema"],
        findings: [
          {
            check: "status_code",
            severity: "failure",
            message: "HTTP 500 for an oversized image; documented: HTTP 200 with code PARAMETER_ERROR",
            rule: {
              text: "Images larger than 2 MB are rejected with PARAMETER_ERROR.",
              docUrl: "https://doc-center-acmp.advance.ai/docs/face-comparison",
              specPointer: "specs/advance.yaml#/x-image-limits",
            },
            wfc: 100,
            expected: 200,
            actual: 500,
          },
        ],
        exchanges: [
          {
            request: {
              method: "POST",
              url: "https://sandbox.advance.ai/intl/openapi/face-identity/v1/compare",
              headers: {},
            },
            response: {
              status: 500,
              headers: { "content-type": "text/html" },
              body: "<html><body>Internal Server Error</body></html>",
            },
          },
        ],
        reproduction: {
          seed: 424242,
          path: "3:1:0",
          input: { firstImage: "<jpeg 4096x4096, 2097153 bytes>", secondImage: "<png 1x1, 67 bytes>" },
          command: "npx ekyc-conformance run --case 'advance.compare/fuzz-image-size' --seed 424242 --path 3:1:0",
        },
      }),
      base("advance.compare/warning-case", {
        checks: ["status_code", "response_headers"],
        findings: [
          {
            check: "response_headers",
            severity: "warning",
            message: "x-request-id header missing",
            rule: { text: "Responses carry x-request-id." },
          },
        ],
      }),
      base("zoloz.realIdInit/valid", {
        kind: "positive",
        checks: ["status_code", "signature"],
        status: "inconclusive",
        reason: "connection reset by peer after 30 s",
        fault: "connection-reset",
      }),
      base("zoloz.realIdCheck/valid", {
        kind: "positive",
        checks: ["status_code", "signature"],
        status: "skipped",
        reason: "depends on zoloz.realIdInit/valid",
      }),
      base("uqudo.token/valid", {
        kind: "auth",
        checks: ["status_code", "response_schema"],
        exchanges: [
          {
            request: { method: "POST", url: "https://auth.uqudo.io/api/oauth/token", headers: {} },
            response: {
              status: 200,
              headers: {},
              body: JSON.stringify({ access_token: "***", token_type: "bearer", expires_in: 3600 }),
            },
          },
        ],
      }),
    ],
  };
}

export const HOSTILE = {
  script: "<script>window.__pwned=1</script>",
  img: '<img src=x onerror="window.__pwned=1">',
  jsUrl: "javascript:window.__pwned=1",
  style: "</style><style>body{display:none}</style>",
  bidi: "user\u202Egpj.exe",
  replacement: new TextDecoder().decode(new Uint8Array([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])),
  longLine: "A".repeat(200_000),
  quote: '" onmouseover="window.__pwned=1" x="',
  control: "bell\u0007esc\u001b[31mred\u0000nul",
} as const;

/** sampleResults with hostile vendor-controlled content in bodies, headers, messages, values, URLs and names. */
export function hostileResults(): RunResults {
  const r = sampleResults();
  const all = Object.values(HOSTILE)
    .filter((v) => v !== HOSTILE.longLine)
    .join(" ");
  const c = r.cases[0]!;
  const f = c.findings[0]!;
  f.message = `vendor said ${HOSTILE.script} ${HOSTILE.img} ${HOSTILE.bidi} ${HOSTILE.quote}`;
  f.actual = { code: HOSTILE.script, message: HOSTILE.img, link: HOSTILE.jsUrl, style: HOSTILE.style };
  f.rule = { ...f.rule, text: `rule ${HOSTILE.style}`, docUrl: HOSTILE.jsUrl };
  f.schemaFindings![0]!.pointer = `/code/${HOSTILE.script}`;
  f.schemaFindings![0]!.message = HOSTILE.img;
  f.schemaFindings![0]!.actual = HOSTILE.quote;
  const ex = c.exchanges[0]!;
  ex.request.url = HOSTILE.jsUrl;
  ex.response = {
    status: 200,
    headers: { "x-evil": all, [`x-${HOSTILE.img}`]: HOSTILE.style, "x-bidi": HOSTILE.bidi },
    body: JSON.stringify({ code: HOSTILE.script, message: all, garbage: HOSTILE.replacement, long: HOSTILE.longLine }),
  };
  c.reproduction!.input = { image: HOSTILE.img, name: HOSTILE.bidi };
  c.reproduction!.curl = `curl '${HOSTILE.jsUrl}' --data '${HOSTILE.script}'`;
  const fuzz = r.cases[2]!;
  fuzz.exchanges[0]!.response!.body = `${HOSTILE.style}${HOSTILE.script}${HOSTILE.control}${HOSTILE.replacement}`;
  fuzz.findings[0]!.message = `HTTP 500 ${HOSTILE.control}`;
  const inc = r.cases[4]!;
  inc.reason = `connection reset ${HOSTILE.img}`;
  r.cases[1]!.baselined = [regionFinding({ message: `baselined ${HOSTILE.script}`, deviation: undefined })];
  return r;
}
