import { useTestApp } from '../helpers/app.js';
import { syncelloError } from '../helpers/fixtures.js';
import { listen, measureWhile, sendRaw, withinBudget, type RawResponse } from '../helpers/raw-http.js';
import { synqError } from '../helpers/synq.js';

/** The budget of the contract: answered, and other clients served, within 100 ms. */
const BUDGET_MS = 100;
const MB = 1024 * 1024;

const manyKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArrays = (levels: number) => `{"a":${'['.repeat(levels)}${']'.repeat(levels)}}`;
/** A JSON body of exactly `bytes` bytes: one string. */
const oneString = (bytes: number) => `{"s":"${'x'.repeat(bytes - 8)}"}`;

const SURFACES = [
  { name: 'Syncello', path: '/v1/auth/register', shape: (status: number, message: string) => syncelloError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR', message) },
  { name: 'Synq', path: '/api/v1/auth/signup', shape: (status: number, message: string) => synqError(`${status === 413 ? 'Content Too Large' : 'Bad Request'}: ${message}`) },
] as const;

describe('Hostile bodies: bounded before any mapping, answered fast, others served', () => {
  const t = useTestApp();
  let port: number;

  beforeAll(async () => {
    port = await listen(t.app);
  });

  const post = (path: string, body: string) =>
    sendRaw(port, `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}`, body);

  /** Sends the body while measuring; asserts the exact answer every time and the timing on one of 3 attempts. */
  async function expectFastAnswer(path: string, body: string, status: number, expected: unknown): Promise<RawResponse> {
    let last: RawResponse | undefined;
    await withinBudget(5, async () => {
      const { result, loopDelayMs, healthMs } = await measureWhile(port, () => post(path, body));
      last = result;
      expect([result.status, result.body]).toEqual([status, expected]);
      expect(result.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const slowestHealth = Math.max(...healthMs);
      const ok = result.ms < BUDGET_MS && loopDelayMs < BUDGET_MS && slowestHealth < BUDGET_MS && healthMs.length > 0;
      if (process.env.SHOW_TIMINGS) console.log(`${path} ${result.status}: answered in ${result.ms.toFixed(1)} ms, loop ${loopDelayMs.toFixed(1)} ms, health ${slowestHealth.toFixed(1)} ms x${healthMs.length}`);
      return { ok, what: `answered in ${result.ms.toFixed(1)} ms, loop blocked ${loopDelayMs.toFixed(1)} ms, slowest /health ${slowestHealth.toFixed(1)} ms of ${healthMs.length}` };
    });
    return last!;
  }

  describe.each(SURFACES)('$name ($path)', ({ path, shape }) => {
    it('128,000 keys: 400 naming the bound, no echo of the keys', async () => {
      const response = await expectFastAnswer(path, manyKeys(128_000), 400, shape(400, 'Request body has more than 1000 keys'));
      expect(response.text).not.toContain('k1000');
    });

    it('50,000 levels of objects: 400', async () => {
      await expectFastAnswer(path, deep(50_000), 400, shape(400, 'Request body nests deeper than 32 levels'));
    });

    it('50,000 levels of arrays: 400', async () => {
      await expectFastAnswer(path, deepArrays(50_000), 400, shape(400, 'Request body nests deeper than 32 levels'));
    });

    it('a 10 MB string just under the 10 MB limit: 400', async () => {
      await expectFastAnswer(path, oneString(10 * MB - 1), 400, shape(400, 'Request body has a string longer than 65536 characters'));
    });

    it('a 10 MB string just over the 10 MB limit: 413', async () => {
      await expectFastAnswer(path, oneString(10 * MB + 1), 413, shape(413, 'Request body exceeds the 10 MB limit'));
    });

    it('200,000 array items: 400', async () => {
      await expectFastAnswer(path, `{"a":[${'1,'.repeat(199_999)}1]}`, 400, shape(400, 'Request body has more than 1000 array items'));
    });
  });

  it('a body within the bounds but full of unknown fields: 400 with at most 20 details, fast', async () => {
    const body = JSON.stringify({ email: 'x@example.com', password: 'correct horse battery', ...Object.fromEntries(Array.from({ length: 998 }, (_, i) => [`k${i}`, 1])) });
    const response = await expectFastAnswer('/v1/auth/register', body, 400, {
      success: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: `${Array.from({ length: 20 }, (_, i) => `k${i}: is not allowed`).join('; ')}; and 978 more problems`,
        details: Array.from({ length: 20 }, (_, i) => ({ field: `k${i}`, message: 'is not allowed' })),
      },
    });
    expect(response.text.length).toBeLessThan(2000);
  });

  it('escapes count as one character, and bounds are not fooled by structure inside strings', async () => {
    const escaped = JSON.stringify({ email: 'a@example.com', password: '\u00e9'.repeat(13), note: '{[:,'.repeat(2000) });
    const response = await post('/v1/auth/register', escaped.replace(/é/g, '\\u00e9'));
    expect([response.status, response.body]).toEqual([
      400,
      { success: false, error: { code: 'VALIDATION_ERROR', message: 'note: is not allowed', details: [{ field: 'note', message: 'is not allowed' }] } },
    ]);
  });

  describe('tool routes take stricter bounds', () => {
    it('a 40,000-character string in a tool input: 400, before authentication', async () => {
      const response = await post('/v1/tools/tape/createRecord', JSON.stringify({ app_id: 1, fields: { note: 'x'.repeat(40_000) } }));
      expect([response.status, response.body]).toEqual([400, syncelloError('VALIDATION_ERROR', 'Request body has a string longer than 32768 characters')]);
    });

    it('more than 256 keys in a tool input: 400', async () => {
      const response = await post('/v1/tools/tape/createRecord', JSON.stringify({ app_id: 1, fields: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, i])) }));
      expect([response.status, response.body]).toEqual([400, syncelloError('VALIDATION_ERROR', 'Request body has more than 256 keys')]);
    });

    it('more than 12 levels in a tool input: 400', async () => {
      const response = await post('/v1/tools/podio/filterItems', `{"app_id":1,"filters":${deep(12)}}`);
      expect([response.status, response.body]).toEqual([400, syncelloError('VALIDATION_ERROR', 'Request body nests deeper than 12 levels')]);
    });

    it('a tool body over 1 MB: 413', async () => {
      const response = await post('/v1/tools/tape/createRecord', oneString(MB + 1));
      expect([response.status, response.body]).toEqual([413, syncelloError('PAYLOAD_TOO_LARGE', 'Request body exceeds the 1 MB limit')]);
    });

    it('a tool body within its bounds reaches the guard (401 without a token)', async () => {
      const response = await post('/v1/tools/tape/createRecord', JSON.stringify({ app_id: 1, fields: { note: 'x'.repeat(30_000) } }));
      expect([response.status, response.body]).toEqual([401, syncelloError('UNAUTHORIZED', 'Missing or invalid Authorization header')]);
    });
  });
});
