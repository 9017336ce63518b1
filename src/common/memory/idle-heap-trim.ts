/**
 * Gives the heap a burst of load grew back once the service is quiet again.
 *
 * Under load V8 lets the old space grow to a few times the live heap before it collects (its
 * growing factor follows the allocation rate), and it keeps those pages afterwards until its
 * memory reducer decides the process is idle: measured, after ~30 s on PostgreSQL and not
 * within 120 s on the embedded database. The live heap does not grow (45 MB before and after
 * 60 s of load, measured with forced collections), so what stays resident is garbage, which a
 * full collection after the load returns (`bench/README.md`).
 *
 * It runs on a timer, not per request: every period (5 s, or half of `quietMs` when shorter)
 * it compares the count of requests seen with the last one. A period with more than one
 * request a second arms it; once `quietMs` of periods in a row stay at or under that (health
 * probes and a trickle are quiet), it collects (`collect`) and disarms until the next busy
 * period. Under load it never runs.
 *
 * The collection has a price beyond its own pause: V8 sizes its heap anew from the small live
 * heap it finds, so the next burst starts on a cold heap (more collections for a while; with a
 * 1 s quiet time between 2 s bursts, 0.71 of the throughput). Hence a quiet time of a minute by
 * default: memory comes back when the service is idle, not between the bursts of a busy one.
 */
export interface IdleHeapTrimOptions {
  /** How long the service must stay quiet after load before the collection. */
  quietMs: number;
  /** The count of requests seen so far (any monotonic counter). */
  requestsSeen: () => number;
  /** A full collection: V8's `gc`, exposed by `node --expose-gc`. */
  collect: () => void;
  /** Told the heap size before and after each collection, and how long it took (a log line). */
  trimmed?: (before: number, after: number, ms: number) => void;
  /** The heap's size in bytes; `process.memoryUsage().heapTotal` by default. */
  heapBytes?: () => number;
}

/** At most this many requests a second is quiet (health probes, a trickle). */
const QUIET_REQUESTS_PER_SECOND = 1;
const LONGEST_PERIOD_MS = 5_000;

export class IdleHeapTrim {
  private timer: NodeJS.Timeout | undefined;
  private lastSeen: number;
  private armed = false;
  private quietPeriods = 0;
  private readonly periodMs: number;
  private readonly quietPeriodsNeeded: number;
  private readonly heapBytes: () => number;

  constructor(private readonly options: IdleHeapTrimOptions) {
    this.periodMs = Math.max(1, Math.min(LONGEST_PERIOD_MS, Math.floor(options.quietMs / 2)));
    this.quietPeriodsNeeded = Math.ceil(options.quietMs / this.periodMs);
    this.lastSeen = options.requestsSeen();
    this.heapBytes = options.heapBytes ?? (() => process.memoryUsage().heapTotal);
  }

  start(): this {
    this.timer ??= setInterval(() => this.check(), this.periodMs).unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One period: busy arms, quiet counts, and enough quiet periods after a busy one collect. */
  check(): void {
    const seen = this.options.requestsSeen();
    const requests = seen - this.lastSeen;
    this.lastSeen = seen;
    if (requests > (QUIET_REQUESTS_PER_SECOND * this.periodMs) / 1000) {
      this.armed = true;
      this.quietPeriods = 0;
      return;
    }
    if (!this.armed || ++this.quietPeriods < this.quietPeriodsNeeded) return;
    this.armed = false;
    const before = this.heapBytes();
    const started = performance.now();
    this.options.collect();
    this.options.trimmed?.(before, this.heapBytes(), performance.now() - started);
  }
}
