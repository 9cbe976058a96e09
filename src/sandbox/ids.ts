// Deterministic identifiers: every id is a hash of (seed, kind, per-kind counter), so the same
// requests in the same order produce the same ids, and reset() starts the sequences over. A request the kit tags with
// its case and exchange number gets ids of its own scope, whatever other cases run concurrently: re-recording
// unchanged behaviour then writes the same ids.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";

export class IdSource {
  private readonly counters = new Map<string, number>();
  private readonly scope = new AsyncLocalStorage<string>();

  constructor(private readonly seed: string) {}

  reset(): void {
    this.counters.clear();
  }

  /** Runs `fn` with ids counted in `scope` (a case and exchange number); without one, in the shared sequence. */
  within<T>(scope: string | undefined, fn: () => Promise<T>): Promise<T> {
    return scope === undefined ? fn() : this.scope.run(scope, fn);
  }

  /** Next raw digest (hex, 64 chars) for `kind`. */
  next(kind: string): string {
    const scope = this.scope.getStore();
    const key = scope === undefined ? kind : `${scope}\u0000${kind}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return createHash("sha256").update(`${this.seed}\u0000${key}\u0000${n}`).digest("hex");
  }

  /** ADVANCE transactionId: 16 lowercase hex, like the documented `ed8b21c0c87ad617`. */
  advanceTransactionId(): string {
    return this.next("advance.tx").slice(0, 16);
  }

  /** ZOLOZ transactionId shaped like `G006600016CN20190114000000009572520355`: G + 9 digits + 2 letters + yyyyMMdd + 18 digits. */
  zolozTransactionId(nowMs: number): string {
    const digits = (BigInt(`0x${this.next("zoloz.tx").slice(0, 16)}`) % 10n ** 18n).toString().padStart(18, "0");
    const d = new Date(nowMs);
    const ymd = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
    return `G000660001SG${ymd}${digits}`;
  }

  /** UUID-shaped (version 4 layout) id for uqudo session and 1:N ids and token jti. */
  uuid(kind: string): string {
    const h = this.next(kind);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16] ?? "0", 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
