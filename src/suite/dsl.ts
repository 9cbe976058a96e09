// Small constructors that keep suite files declarative and readable.
import type { Expectation } from "../checks/types.ts";
import type { ImageDescription } from "../images/index.ts";
import { validFace } from "./defaults.ts";
import type { CapturedRef, GeneratedRef, ImageRef, ImageTransport } from "./types.ts";

export const accept = (): Expectation => ({ kind: "accept" });
/** Valid under the reading deviation `id` chose only: a refusal is reported at that deviation's severity. */
export const acceptUnder = (id: string): Expectation => ({ kind: "accept", deviation: id });
export const reject = (...violations: string[]): Expectation => ({ kind: "reject", violations });
export const present = (resource: string): Expectation => ({ kind: "present", resource });
export const absent = (resource: string): Expectation => ({ kind: "absent", resource });
export const anything = (): Expectation => ({ kind: "any" });

export const image = (description: Partial<ImageDescription> = {}, transport: ImageTransport = "base64"): ImageRef => ({
  $image: { ...validFace(), ...description },
  transport,
});
export const face = validFace;
export const captured = (name: string): CapturedRef => ({ $captured: name });
/** A fresh id carrying the run prefix; `length` pads it to exactly that many characters (a documented maximum). */
export const generated = (what: GeneratedRef["$generate"], length?: number): GeneratedRef => ({
  $generate: what,
  ...(length !== undefined ? { length } : {}),
});

/** Sizes around the documented byte limits. */
export const MB = 1024 * 1024;
