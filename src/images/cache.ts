// Two-level cache for rendered images: a byte-bounded in-memory LRU and an on-disk store under
// <repo>/.conformance/cache/images/, keyed by sha256(render version, sharp+libvips versions, canonical key).
// Encoding a 4096² image costs ~0.3–1 s; reading it back is a file read.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../layout.ts";
import sharp from "sharp";

/** Bump when rendering changes the bytes for an existing description. */
export const RENDER_VERSION = 2;

// Per worker: every image held here is also on disk, and a read back costs little; a bigger budget only raised the
// run's peak memory (one worker replaying: 330-355 MB at 16 MB, 380-405 MB at 64 MB, same wall time).
const MEMORY_BUDGET_BYTES = 16 * 1024 * 1024;
/** Entries above this size are only kept on disk, so one 5 MB pad cannot flush everything else. */
const MEMORY_ENTRY_MAX_BYTES = 8 * 1024 * 1024;

export function imageCacheDir(): string {
  return process.env["EKYC_IMAGE_CACHE_DIR"] ?? join(PACKAGE_ROOT, ".conformance", "cache", "images");
}

export function diskKey(key: string): string {
  return createHash("sha256")
    .update(`${RENDER_VERSION}\n${sharp.versions.sharp ?? ""}\n${sharp.versions.vips}\n${key}`)
    .digest("hex");
}

class ByteLru {
  private readonly entries = new Map<string, Uint8Array>();
  private total = 0;
  constructor(private readonly budget: number) {}

  get(key: string): Uint8Array | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Uint8Array): void {
    if (value.length > MEMORY_ENTRY_MAX_BYTES) return;
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.total += value.length;
    for (const [k, v] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(k);
      this.total -= v.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

const memory = new ByteLru(MEMORY_BUDGET_BYTES);
const inFlight = new Map<string, Promise<Uint8Array>>();

export interface CacheStats {
  memoryHits: number;
  diskHits: number;
  renders: number;
}
export const cacheStats: CacheStats = { memoryHits: 0, diskHits: 0, renders: 0 };

/** Drops the in-memory level (tests use it to measure the disk level). */
export function clearMemoryCache(): void {
  memory.clear();
}

/**
 * Returns the cached bytes for `key` or renders them once, even under concurrent callers. Callers get a copy-free
 * view: they must not mutate it (renderImage hands out copies).
 */
export async function cached(key: string, render: () => Promise<Uint8Array>, useDisk = true): Promise<Uint8Array> {
  const hit = memory.get(key);
  if (hit) {
    cacheStats.memoryHits++;
    return hit;
  }
  const pending = inFlight.get(key);
  if (pending) return pending;
  const job = (async () => {
    const file = join(imageCacheDir(), `${diskKey(key)}.bin`);
    if (useDisk) {
      try {
        const bytes = new Uint8Array(await readFile(file));
        cacheStats.diskHits++;
        memory.set(key, bytes);
        return bytes;
      } catch {
        // miss: render below
      }
    }
    const bytes = await render();
    cacheStats.renders++;
    memory.set(key, bytes);
    if (useDisk) {
      // Write-then-rename so a parallel worker never reads half a file; a read-only disk just means no disk cache.
      try {
        await mkdir(imageCacheDir(), { recursive: true });
        const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
        await writeFile(tmp, bytes);
        await rename(tmp, file);
      } catch {
        // ignore
      }
    }
    return bytes;
  })();
  inFlight.set(key, job);
  try {
    return await job;
  } finally {
    inFlight.delete(key);
  }
}
