// Everything the sandbox remembers between requests, bounded (STATE_LIMITS); reset() drops all of it.
import { createHash } from "node:crypto";

/** Bounds of what the sandbox keeps; beyond them the oldest entries go first. */
export const STATE_LIMITS = {
  /** Users (ADVANCE, ZOLOZ), uqudo face sessions and uqudo 1:N gallery entries, each. */
  entries: 10_000,
  /** Stored images: at most this many ... */
  images: 1_000,
  /** ... and this many bytes together. */
  imageBytes: 256 * 1024 * 1024,
} as const;

/** A Map that forgets its oldest entry when a new key would exceed `limit`. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (!this.has(key)) while (this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

export interface StoredImage {
  bytes: Buffer;
  contentType: string;
}

export interface AdvanceUser {
  region: string;
  imageUrls: string[];
  signatureId: string;
  enrolledAt: number;
}

export interface UqudoFace {
  hash: string;
  /** The selfie is deleted by DELETE; the indexed features (hash) persist, as documented. */
  imageStored: boolean;
}

export class State {
  readonly images = new BoundedMap<string, StoredImage>(STATE_LIMITS.images);
  private imageBytes = 0;
  readonly advanceUsers = new BoundedMap<string, AdvanceUser>(STATE_LIMITS.entries);
  readonly zolozUsers = new BoundedMap<string, { bizId: string; hash: string; transactionId: string }>(
    STATE_LIMITS.entries,
  );
  readonly uqudoSessions = new BoundedMap<string, { hash: string; createdAt: number }>(STATE_LIMITS.entries);
  /** Insertion order matters: search returns the first best match. */
  readonly uqudoFaces = new BoundedMap<string, UqudoFace>(STATE_LIMITS.entries);

  reset(): void {
    this.images.clear();
    this.advanceUsers.clear();
    this.zolozUsers.clear();
    this.uqudoSessions.clear();
    this.uqudoFaces.clear();
    this.imageBytes = 0;
  }

  /** Store image bytes under a content-derived id (same bytes, same id). */
  putImage(bytes: Buffer, contentType: string): string {
    const id = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
    if (this.images.has(id)) return id;
    while (
      this.images.size > 0 &&
      (this.images.size >= STATE_LIMITS.images || this.imageBytes + bytes.length > STATE_LIMITS.imageBytes)
    ) {
      const [oldest, img] = this.images.entries().next().value as [string, StoredImage];
      this.images.delete(oldest);
      this.imageBytes -= img.bytes.length;
    }
    this.images.set(id, { bytes, contentType });
    this.imageBytes += bytes.length;
    return id;
  }

  /**
   * What an integrator may read of the state (`GET /_admin/state`): ids, hashes and sizes, never image bytes.
   */
  snapshot(now: number): Record<string, unknown> {
    const image = (url: string) => {
      const id = /\/__images\/([0-9a-f]+)$/.exec(url)?.[1];
      const img = id === undefined ? undefined : this.images.get(id);
      return {
        url,
        ...(id !== undefined ? { sha256Prefix: id } : {}),
        bytes: img?.bytes.length ?? null,
        contentType: img?.contentType ?? null,
      };
    };
    return {
      at: new Date(now).toISOString(),
      limits: STATE_LIMITS,
      images: { count: this.images.size, bytes: this.imageBytes },
      advance: {
        users: [...this.advanceUsers].map(([userId, u]) => ({
          userId,
          region: u.region,
          enrolledAt: new Date(u.enrolledAt).toISOString(),
          images: u.imageUrls.map(image),
        })),
      },
      zoloz: {
        users: [...this.zolozUsers].map(([userId, u]) => ({
          userId,
          bizId: u.bizId,
          faceHash: u.hash,
          transactionId: u.transactionId,
        })),
      },
      uqudo: {
        sessions: [...this.uqudoSessions].map(([sessionId, x]) => ({
          sessionId,
          faceHash: x.hash,
          createdAt: new Date(x.createdAt).toISOString(),
        })),
        gallery: [...this.uqudoFaces].map(([oneToNVerificationId, f]) => ({
          oneToNVerificationId,
          faceHash: f.hash,
          imageStored: f.imageStored,
        })),
      },
    };
  }
}
