// Public surface of the image toolkit: describe → render real bytes → inspect → compare, plus the oracle.
export type {
  ImageDescription,
  ImageFormat,
  ImageColour,
  ImageCorruption,
  ImageContent,
  ExifOrientation,
  NormalisedDescription,
} from "./description.ts";
export { IMAGE_FORMATS, canonicalKey, normaliseDescription, headerDimensions } from "./description.ts";
export { renderImage } from "./render.ts";
export { deriveFromPhoto, derivesFromPhoto, UnderivableImage, DERIVED_NATURAL_MAX_BYTES } from "./derive.ts";
export { inspectImage, MAX_DECODE_PIXELS, UNIFORM_STDDEV_THRESHOLD, type ImageFacts } from "./inspect.ts";
export { matchLevel, hammingDistance, dHash, type MatchLevel } from "./hash.ts";
export { sniffFormat, type SniffedFormat } from "./sniff.ts";
export { headerSize } from "./containers.ts";
export { imageCacheDir, clearMemoryCache, cacheStats } from "./cache.ts";
export {
  violationsFor,
  violationsFromFacts,
  predictedBytes,
  predictedUniform,
  isTooLarge,
  dimensionsViolate,
  IMAGE_VIOLATIONS,
  type ImageViolation,
} from "./oracle.ts";
export {
  encodeTransport,
  decodeStrictBase64,
  BASE64_TRANSPORTS,
  type Base64Transport,
  type EncodedImage,
} from "./transport.ts";
