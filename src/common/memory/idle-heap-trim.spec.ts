import { IdleHeapTrim } from './idle-heap-trim.js';

/** A trim over a counter the test moves, with a 10 s quiet time (a 5 s period: 5 requests are quiet). */
function setUp() {
  let seen = 0;
  let heap = 300;
  const collections: Array<[number, number]> = [];
  const trim = new IdleHeapTrim({
    quietMs: 10_000,
    requestsSeen: () => seen,
    collect: () => (heap = 100),
    trimmed: (before, after) => collections.push([before, after]),
    heapBytes: () => heap,
  });
  const period = (requests: number) => {
    seen += requests;
    trim.check();
  };
  return { trim, period, collections, grow: () => (heap = 300) };
}

describe('IdleHeapTrim', () => {
  it('collects once, two quiet periods after a busy one, and reports the heap before and after', () => {
    const { period, collections } = setUp();
    period(40_000);
    period(0);
    expect(collections).toEqual([]);
    period(0);
    expect(collections).toEqual([[300, 100]]);
    for (let i = 0; i < 10; i++) period(0);
    expect(collections).toEqual([[300, 100]]);
  });

  it('never collects while the load goes on, nor when it only pauses for one period', () => {
    const { period, collections } = setUp();
    for (let i = 0; i < 20; i++) period(i % 3 === 0 ? 0 : 30_000);
    expect(collections).toEqual([]);
  });

  it('counts one request a second as quiet (probes) and more as busy', () => {
    const { period, collections } = setUp();
    for (let i = 0; i < 10; i++) period(5);
    expect(collections).toEqual([]);
    period(6);
    period(5);
    period(5);
    expect(collections).toHaveLength(1);
  });

  it('collects again after the next burst, and not before it', () => {
    const { period, collections, grow } = setUp();
    period(1_000);
    period(0);
    period(0);
    grow();
    period(0);
    period(0);
    expect(collections).toHaveLength(1);
    period(1_000);
    period(0);
    period(0);
    expect(collections).toEqual([
      [300, 100],
      [300, 100],
    ]);
  });

  it('checks every 5 s at most: a minute of quiet is twelve quiet periods', () => {
    let seen = 0;
    let collected = 0;
    const trim = new IdleHeapTrim({ quietMs: 60_000, requestsSeen: () => seen, collect: () => collected++ });
    seen += 100; // 20 a second over a 5 s period: busy
    trim.check();
    for (let i = 0; i < 11; i++) trim.check();
    expect(collected).toBe(0);
    trim.check();
    expect(collected).toBe(1);
  });

  it('does not count the requests served before it was created as a burst', () => {
    let seen = 50_000;
    let collected = 0;
    const trim = new IdleHeapTrim({ quietMs: 10_000, requestsSeen: () => seen, collect: () => collected++ });
    for (let i = 0; i < 5; i++) trim.check();
    seen += 1;
    trim.check();
    expect(collected).toBe(0);
  });
});
