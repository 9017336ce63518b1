import { jest } from '@jest/globals';
import pg from 'pg';
import { createRequire } from 'node:module';

// pg's own helpers, as its Query constructor sees them (CommonJS: one shared module object).
const utils = createRequire(import.meta.url)('pg/lib/utils.js') as { normalizeQueryConfig: (...args: unknown[]) => unknown };

/** What the constructor sets (pg's typings leave the fields out). */
interface QueryFields {
  text: string;
  values: unknown;
  name: string;
  _rowMode: string;
  types: unknown;
  rows: number;
  binary: boolean;
  portal: string;
  callback: unknown;
}
const Query = pg.Query as unknown as new (config: unknown, values?: unknown, callback?: unknown) => QueryFields;

/**
 * `patches/pg+8.23.1.patch`: a query reads its config as given instead of copying it (property
 * descriptors and all) on every call; the `values` and `callback` arguments still win.
 */
describe('pg Query (patched: no copy of the config)', () => {
  const types = { getTypeParser: () => (value: string) => value };
  const config = () => ({ name: 'q1', text: 'select $1::int', values: [1], rowMode: 'array', types, rows: 5, binary: false });

  it('reads every field of the config, and leaves the config as it was', () => {
    const given = config();
    const query = new Query(given);
    expect({ text: query.text, values: query.values, name: query.name, rowMode: query._rowMode, types: query.types, rows: query.rows, binary: query.binary, portal: query.portal }).toEqual({
      text: 'select $1::int', values: [1], name: 'q1', rowMode: 'array', types, rows: 5, binary: false, portal: '',
    });
    expect(given).toEqual(config());
  });

  it('takes values and a callback from the arguments over the config, without writing them into it', () => {
    const given = { ...config(), callback: () => 'from config' };
    const callback = () => 'from argument';
    const withValues = new Query(given, [2], callback);
    expect([withValues.values, withValues.callback]).toEqual([[2], callback]);
    const withCallbackOnly = new Query(given, callback);
    expect([withCallbackOnly.values, withCallbackOnly.callback]).toEqual([[1], callback]);
    const fromConfig = new Query(given);
    expect([fromConfig.values, fromConfig.callback]).toEqual([[1], given.callback]);
    expect({ ...given, callback: undefined }).toEqual({ ...config(), callback: undefined });
  });

  it('takes a string as the text, and a config whose fields are inherited getters', () => {
    expect(new Query('select 1', [3]).text).toBe('select 1');
    expect(new Query('select 1', [3]).values).toEqual([3]);
    const inherited = Object.create({ get text() { return 'select 2'; } }) as { text: string };
    expect(new Query(inherited).text).toBe('select 2');
  });

  it('no longer goes through the copying normalizer (the patch is applied)', () => {
    const normalize = jest.spyOn(utils, 'normalizeQueryConfig');
    new Query(config());
    expect(normalize).not.toHaveBeenCalled();
    normalize.mockRestore();
  });
});
