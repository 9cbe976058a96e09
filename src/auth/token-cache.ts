// What the ADVANCE and uqudo token providers share: one token, fetched once for concurrent callers, kept until
// shortly before it expires, dropped on demand when the vendor refuses it.

export interface IssuedToken {
  token: string;
  /** Epoch ms the vendor says the token expires. */
  expiresAt: number;
  /** Epoch ms from which a fresh token is fetched instead. */
  refreshAt: number;
}

export abstract class CachingTokenProvider {
  private cached: IssuedToken | undefined;
  private inflight: Promise<string> | undefined;
  protected readonly now: () => number;

  /** `readyToken`: a token given by the user, used as it is and never refreshed. */
  protected constructor(
    private readonly readyToken: string | undefined,
    now: (() => number) | undefined,
  ) {
    this.now = now ?? Date.now;
  }

  /** Asks the vendor for a token. Only called when the provider was built with credentials. */
  protected abstract issue(): Promise<IssuedToken>;

  /** Whether the provider holds credentials (false for a ready token). */
  protected abstract get hasCredentials(): boolean;

  /** A token valid for at least the refresh margin; fetched at most once for concurrent callers. */
  async getToken(): Promise<string> {
    if (this.readyToken !== undefined) return this.readyToken;
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;
    this.inflight ??= this.issue()
      .then((issued) => {
        this.cached = issued;
        return issued.token;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** Drop the cached token, e.g. after the vendor refused it; the caller retries once. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** Whether `invalidate()` can lead to a different token. */
  get canRefresh(): boolean {
    return this.hasCredentials;
  }

  /** Expiry of the cached token in epoch ms, if one is cached. */
  get expiresAt(): number | undefined {
    return this.cached?.expiresAt;
  }
}
