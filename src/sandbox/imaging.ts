// Adapter over src/images: what the sandbox needs to know about uploaded bytes. The "no face" rule
// (uniform) and the similarity bands (matchLevel) are src/images' so that the oracle, the fixtures
// and the sandbox agree.
import { inspectImage, matchLevel as imagesMatchLevel, sniffFormat, type SniffedFormat } from "../images/index.ts";

export type ContainerFormat = SniffedFormat;

export interface ImageFacts {
  /** From magic bytes, so a GIF is "gif" even when it cannot be decoded. */
  format: ContainerFormat;
  bytes: number;
  decodable: boolean;
  width: number;
  height: number;
  /** The kit's "no face": a near-uniform picture. */
  uniform: boolean;
  /** 64-bit dHash, 16 hex chars ("" when undecodable). */
  perceptualHash: string;
  sha256: string;
}

export function detectFormat(bytes: Uint8Array): ContainerFormat {
  return sniffFormat(bytes);
}

/** Facts of the bytes as a server would learn them (inspectImage never throws). */
export async function analyseImage(bytes: Uint8Array): Promise<ImageFacts> {
  const facts = await inspectImage(bytes);
  return {
    format: facts.format,
    bytes: facts.bytes,
    decodable: facts.decodable,
    width: facts.width ?? 0,
    height: facts.height ?? 0,
    uniform: facts.uniform,
    perceptualHash: facts.perceptualHash ?? "",
    sha256: facts.sha256,
  };
}

/** uqudo match level 1..5 from two perceptual hashes (bands documented in docs/sandbox.md). */
export function matchLevel(hashA: string, hashB: string): 1 | 2 | 3 | 4 | 5 {
  return imagesMatchLevel(hashA, hashB);
}
