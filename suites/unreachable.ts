// Documented answers no request input can trigger, and why. test/suite-coverage.test.ts holds every other
// documented business code and HTTP status to a suite case that expects it; an entry here that suites cover on every
// operation it applies to is reported as stale. Keys are a code (every operation of the vendor) or
// `<operationId>:<code>` (one operation).
import type { Vendor } from "../src/types.ts";

const SERVER = "a server-side failure: no input triggers it; a 5xx or HTML answer is classified as infrastructure";
const ACCOUNT = "the state of the merchant account (balance, quota, permissions), not the request";
const THROTTLE = "rate limiting: exercised as an infrastructure fault in test/reliability, never as a case";

export const UNREACHABLE_BY_INPUT: Record<Vendor, Record<string, string>> = {
  advance: {
    ERROR: SERVER,
    INSUFFICIENT_BALANCE: ACCOUNT,
    OVER_QUERY_LIMIT: ACCOUNT,
    ACCOUNT_DISABLED: ACCOUNT,
    SERVICE_BUSY: THROTTLE,
    RETRY_LATER: THROTTLE,
    "getLatestSessionResult:CLIENT_ERROR":
      "an HTTP-level client error; this GET with query parameters has no body to malform",
  },
  zoloz: {
    SYSTEM_ERROR: SERVER,
    PROCESS_TIMEOUT: SERVER,
    OAUTH_FAIL: "OAuth is not part of the public/private-key gateway mode the kit uses",
    OAUTH_RESOURCE_CODE_FAIL: "OAuth is not part of the public/private-key gateway mode the kit uses",
    ACCESS_DENIED: ACCOUNT,
    PRODUCT_QUOTA_LIMIT: ACCOUNT,
    NO_INTERFACE_DEF: "answers an API path the merchant calls that does not exist; every path here is documented",
    REQUEST_TRAFFIC_EXCEED_LIMIT: THROTTLE,
    "authenticationTest:PARAM_ILLEGAL": "the probe echoes any JSON object: it has no parameter to make illegal",
  },
  uqudo: {
    "403": "a token without the feature permission: the merchant's portal configuration, not the request",
    "500": SERVER,
  },
};
