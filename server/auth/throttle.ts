// Slows repeated failed sign-ins, per account and per client: the first few failures cost nothing,
// then each doubles the wait (up to a cap) before the next attempt is even checked. Kept in memory:
// a restart forgets it, which costs an attacker a restart they cannot cause.

export interface ThrottleOptions {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait, doubled per further failure. */
  baseMs: number;
  maxMs: number;
  /** A key with no failure for this long is forgotten. */
  forgetMs: number;
  now?: () => number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { free: 3, baseMs: 500, maxMs: 10_000, forgetMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {
    this.now = options.now ?? Date.now;
  }

  /** How long to wait before checking an attempt under these keys: the longest of theirs. */
  delayMs(keys: readonly string[]): number {
    return Math.max(0, ...keys.map((k) => this.delayOf(k)));
  }

  fail(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.live(key);
      this.failures.set(key, { count: (entry?.count ?? 0) + 1, last: now });
    }
    if (this.failures.size > 100_000) this.sweep();
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private delayOf(key: string): number {
    const count = this.live(key)?.count ?? 0;
    const { free, baseMs, maxMs } = this.options;
    if (count < free) return 0;
    return Math.min(maxMs, baseMs * 2 ** (count - free));
  }

  private live(key: string) {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.last > this.options.forgetMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    for (const key of this.failures.keys()) this.live(key); // deleting while iterating a Map is safe
  }
}
