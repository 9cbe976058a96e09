// The documented image limits of the three vendors' image fields, as the specs encode them (x-image). Test
// fixtures for the arbitraries and the oracle; the kit itself reads limits from src/openapi.
import type { ImageLimits } from "../../openapi/types.ts";

const MB = 1024 * 1024;

/** ADVANCE enroll faceImage: JPEG/PNG, "less than 2M" (2 MiB, or 2,000,000 in the other reading), 256×256 to 4096×4096, Base64 or URL. */
export const ADVANCE_FACE: ImageLimits = {
  formats: ["jpeg", "png"],
  maxBytes: 2 * MB,
  exclusiveMaxBytes: true,
  otherReadingMaxBytes: 2_000_000,
  sizeDeviation: "advance-image-size-measure",
  minWidth: 256,
  minHeight: 256,
  maxWidth: 4096,
  maxHeight: 4096,
  transports: ["base64", "url"],
  source: "face-auth-save-enroll-api",
};

/** ZOLOZ enroll base64ImageContent: JPG, 1 MB. */
export const ZOLOZ_FACE: ImageLimits = {
  formats: ["jpeg"],
  maxBytes: MB,
  transports: ["base64"],
  source: "zoloz-connect-enroll",
};

/** uqudo idPhoto/sourceImage/targetImage: JPEG/PNG, ≤ 5 MB. */
export const UQUDO_FACE: ImageLimits = {
  formats: ["jpeg", "png"],
  maxBytes: 5 * MB,
  transports: ["base64", "multipart"],
  source: "uqudo-face-api",
};
