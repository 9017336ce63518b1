/**
 * Calls `probe` every `everyMs` until `done(value)` holds, and returns how long that took
 * (ms). Throws, naming `what` and the last value seen, once `limitMs` have passed. The one
 * polling loop of the tests: for what another instance learns through the database.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { limitMs, everyMs = 20, what }: { limitMs: number; everyMs?: number; what: string },
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`${what}: not after ${limitMs} ms (last: ${describe(value)})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Polls a request until it answers `status`; returns how long that took (ms). */
export function untilStatus(status: number, call: () => PromiseLike<{ status: number }>, limitMs: number): Promise<number> {
  return pollUntil(
    async () => (await call()).status,
    (seen) => seen === status,
    { limitMs, what: `status ${status}` },
  );
}

function describe(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value)?.slice(0, 200) ?? String(value) : String(value);
}
