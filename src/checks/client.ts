// The client-side check registry: what the proxy judges in an app's requests, in report order. Kept apart from
// CHECKS because a run sends invalid requests on purpose; there the vendor's answer is what is judged.
import { requestCredentials } from "./request_credentials.ts";
import { requestImageLimits } from "./request_image_limits.ts";
import { requestRegionCode } from "./request_region_code.ts";
import { requestSchemaConformance } from "./request_schema_conformance.ts";
import { requestSignature } from "./request_signature.ts";
import type { Check } from "./types.ts";

export const CLIENT_CHECKS: readonly Check[] = [
  requestSchemaConformance,
  requestCredentials,
  requestSignature,
  requestImageLimits,
  requestRegionCode,
];
