/**
 * A reload that never misses a change: a read already running may have started before the
 * change that asks for a new one, so callers then share one more read queued behind it (at
 * most one running and one queued, however many ask).
 */
export class QueuedReload {
  private running?: Promise<void>;
  private queued?: Promise<void>;

  constructor(private readonly read: () => Promise<void>) {}

  reload(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    this.queued = queued;
    return queued;
  }

  private start(): Promise<void> {
    const run = this.read().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}
