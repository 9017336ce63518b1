import { TurnTakingQueue } from './pglite-client.js';

describe('TurnTakingQueue', () => {
  it('runs the work one at a time, in order, with results and errors kept apart', async () => {
    const queue = new TurnTakingQueue();
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await Promise.resolve();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(job('a')), queue.run(job('b', true)), queue.run(job('c'))]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('gives the event loop a turn between two pieces of work (I/O is not held up by a backlog)', async () => {
    const queue = new TurnTakingQueue();
    const log: string[] = [];
    const first = queue.run(async () => {
      log.push('first');
      // What an accepted socket or a read would be: a callback of the next loop turn.
      setImmediate(() => log.push('io'));
    });
    const second = queue.run(async () => void log.push('second'));
    await Promise.all([first, second]);
    expect(log).toEqual(['first', 'io', 'second']);
  });
});
