import { jest } from '@jest/globals';
import pino from 'pino';
import { Writable } from 'node:stream';
import { lazyRequestLogger } from './request-logger.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { root: pino({ level, base: undefined }, stream), lines };
}

describe('lazyRequestLogger', () => {
  it('makes no child logger while its level lets nothing through', () => {
    const { root, lines } = capture('warn');
    const child = jest.spyOn(root, 'child');
    const log = lazyRequestLogger(root, { reqId: 'r-1' }, {});
    log.info({ path: '/health' }, 'request completed');
    log.debug('detail');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('writes with the request binding once a line passes the level, making the child once', () => {
    const { root, lines } = capture('info');
    const child = jest.spyOn(root, 'child');
    const log = lazyRequestLogger(root, { reqId: 'r-2' }, {});
    log.info({ path: '/a' }, 'first');
    log.warn('second');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map(({ reqId, path, msg, level }) => ({ reqId, path, msg, level }))).toEqual([
      { reqId: 'r-2', path: '/a', msg: 'first', level: 30 },
      { reqId: 'r-2', path: undefined, msg: 'second', level: 40 },
    ]);
  });

  it('follows a route-level level given in the options', () => {
    const { root, lines } = capture('info');
    const log = lazyRequestLogger(root, { reqId: 'r-3' }, { level: 'error' });
    log.warn('dropped');
    log.error('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
    expect(log.level).toBe('error');
  });
});
