// Everything the sandbox remembers between requests; reset() drops all of it.
import { createHash } from "node:crypto";

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
  readonly images = new Map<string, StoredImage>();
  readonly advanceUsers = new Map<string, AdvanceUser>();
  readonly zolozUsers = new Map<string, { bizId: string; hash: string; transactionId: string }>();
  readonly uqudoSessions = new Map<string, { hash: string; createdAt: number }>();
  /** Insertion order matters: search returns the first best match. */
  readonly uqudoFaces = new Map<string, UqudoFace>();

  reset(): void {
    this.images.clear();
    this.advanceUsers.clear();
    this.zolozUsers.clear();
    this.uqudoSessions.clear();
    this.uqudoFaces.clear();
  }

  /** Store image bytes under a content-derived id (same bytes, same id). */
  putImage(bytes: Buffer, contentType: string): string {
    const id = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
    this.images.set(id, { bytes, contentType });
    return id;
  }
}
