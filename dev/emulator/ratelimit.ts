interface Window {
  start: number;
  count: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  count: number;
  /** Whole seconds until the window resets (>= 1). */
  resetSeconds: number;
}

/** Fixed one-minute windows per token, as the `inin-ratelimit-reset` header suggests. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  check(token: string, limit: number, now: number): RateDecision {
    let w = this.windows.get(token);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      this.windows.set(token, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    return { allowed: w.count <= limit, limit, count: w.count, resetSeconds };
  }

  clear(): void {
    this.windows.clear();
  }
}
