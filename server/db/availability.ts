// Whether Neo4j is believed reachable, kept cheaply so that requests do not each find out through
// driver timeouts. It goes down when a query fails for want of Neo4j (or the supervisor sees the
// managed server die) and comes back up when a probe connects again.
export type AvailabilityListener = (up: boolean, reason: string) => void;

export class Availability {
  private upNow = true;
  private why = '';
  private readonly listeners = new Set<AvailabilityListener>();
  private probing: NodeJS.Timeout | null = null;

  /**
   * @param probe resolves when Neo4j answers again; run every `probeIntervalMs` while down.
   */
  constructor(
    private readonly probe: () => Promise<void>,
    private readonly probeIntervalMs = 250,
  ) {}

  get up(): boolean {
    return this.upNow;
  }

  /** Why Neo4j is believed down ('' while up). */
  get reason(): string {
    return this.why;
  }

  markDown(reason: string): void {
    this.why = reason;
    if (!this.upNow) return;
    this.upNow = false;
    this.emit();
    this.startProbing();
  }

  markUp(): void {
    if (this.upNow) return;
    this.upNow = true;
    this.why = '';
    this.stopProbing();
    this.emit();
  }

  /** Calls `listener(up, reason)` on every change; returns the unsubscribe. */
  onChange(listener: AvailabilityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at once while up, otherwise when Neo4j is reachable again (or `signal` aborts). */
  whenUp(signal?: AbortSignal): Promise<void> {
    if (this.upNow) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.onChange((up) => {
        if (!up) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        off();
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Stops probing for good (the driver is closing). */
  close(): void {
    this.stopProbing();
    this.listeners.clear();
  }

  private emit(): void {
    for (const listener of Array.from(this.listeners)) listener(this.upNow, this.why);
  }

  private startProbing(): void {
    if (this.probing) return;
    const tick = async () => {
      try {
        await this.probe();
        this.probing = null;
        this.markUp();
        return;
      } catch {
        // still down
      }
      if (this.probing) {
        this.probing = setTimeout(() => void tick(), this.probeIntervalMs);
        this.probing.unref();
      }
    };
    this.probing = setTimeout(() => void tick(), this.probeIntervalMs);
    this.probing.unref();
  }

  private stopProbing(): void {
    if (this.probing) clearTimeout(this.probing);
    this.probing = null;
  }
}
