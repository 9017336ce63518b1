import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { useTestApp } from '../helpers/app.js';
import { syncelloError } from '../helpers/fixtures.js';
import { listen } from '../helpers/raw-http.js';
import { ownSigningKey, SYNQ_UNAUTHORIZED } from '../helpers/synq.js';
import { UserKeyCache } from '../../src/auth/user-key.cache.js';
import { IdTokenCache } from '../../src/auth/id-token.cache.js';

/**
 * 200,000 through the whole HTTP stack takes minutes on the shared 2-core machine (each API
 * key is a database miss on the embedded database, ~5 ms under load; each ID token an RSA
 * verification), so `npm test` sends 6,000 here and checks the bounded structures directly;
 * the key cache's own spec pushes 200,000 distinct unknown ids through it.
 * `BAD_TOKENS=200000` runs the probe's number end to end.
 */
const TOKENS = Number(process.env.BAD_TOKENS ?? 6_000);
const CONCURRENCY = 64;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const garbage = (bytes: number) => randomBytes(bytes).toString('base64url');

/** RSS after a full collection (`npm test` runs Node with --expose-gc, which Jest passes on to its workers). */
function settledMemoryMb(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 1024 / 1024, heap: heapUsed / 1024 / 1024 };
}

describe('Distinct bad tokens leave memory where it was (the caches are bounded)', () => {
  const t = useTestApp();

  it('API keys with random uuid subs and forged ID tokens: live heap within 50 MB after a collection', async () => {
    const port = await listen(t.app);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const get = (path: string, token: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        })
          .on('error', reject)
          .end();
      });
    const { kid } = ownSigningKey(t.app);
    const iat = Math.floor(Date.now() / 1000);
    // Each token is new: an API key naming an unknown user (a database miss, remembered in a
    // bounded map), or an ID token with a known kid and a signature that fails (RSA verification).
    const badToken = (i: number) =>
      i % 2 === 0
        ? `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: randomUUID(), iat, iss: 'syncello' })}.${garbage(32)}`
        : `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: 'http://localhost:3000', aud: 'synq-api', sub: randomUUID(), iat, exp: iat + 3600 })}.${garbage(256)}`;
    let apiKeys = 0;
    const send = async (i: number) => {
      if (i % 2 === 0) apiKeys++;
      const path = i % 2 === 0 ? '/v1/tools' : '/api/v1/products/x';
      const response = await get(path, badToken(i));
      return { status: response.status, body: JSON.parse(response.text) as unknown, even: i % 2 === 0 };
    };

    // Warm up (JIT, pools, the first misses), then measure from there.
    for (let i = 0; i < 500; i += CONCURRENCY) await Promise.all(Array.from({ length: CONCURRENCY }, (_, j) => send(i + j)));
    const before = settledMemoryMb();
    const started = Date.now();
    for (let i = 0; i < TOKENS; i += CONCURRENCY) {
      const answers = await Promise.all(Array.from({ length: CONCURRENCY }, (_, j) => send(i + j)));
      for (const answer of answers) {
        if (answer.status !== 401) expect(answer).toEqual({ status: 401, body: answer.even ? syncelloError('UNAUTHORIZED', 'Missing or invalid Authorization header') : SYNQ_UNAUTHORIZED });
      }
    }
    const after = settledMemoryMb();
    if (process.env.SHOW_TIMINGS) console.log(`${TOKENS} bad tokens in ${Date.now() - started} ms; RSS ${before.rss.toFixed(0)} -> ${after.rss.toFixed(0)} MB, heap ${before.heap.toFixed(0)} -> ${after.heap.toFixed(0)} MB`);
    agent.destroy();
    // This process also runs Jest, so its RSS moves with more than the app; what a leak shows is
    // the live heap after a full collection (`npm test` exposes gc), and RSS stays well bounded.
    expect(after.heap - before.heap).toBeLessThan(50);
    expect(after.rss - before.rss).toBeLessThan(100);
    // What would grow without a bound: unknown user ids (at most 10,000) and verified ID tokens (bad ones never enter).
    const unknownIds = (t.app.get(UserKeyCache) as unknown as { unknown: Map<string, number> }).unknown.size;
    expect(unknownIds).toBe(Math.min(10_000, apiKeys));
    expect(t.app.get(IdTokenCache).size).toBe(0);
  }, 300_000);
});
