// The guards' hot paths, measured: requests per second with an API key and with an ID token.
//
//   npm run bench            (builds, starts the server on an embedded database in a temp
//                             folder, registers a user, then loads GET /v1/tools)
//
// Loopback load from this same process with keep-alive connections; numbers are for
// comparing changes on one machine, not absolute capacity.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.BENCH_PORT ?? 3999);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const base = `http://127.0.0.1:${PORT}`;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function waitForServer() {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await call('GET', '/health')).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function load(label, path, headers, expectStatus, method = 'GET') {
  let done = 0;
  let wrong = 0;
  const latencies = [];
  const until = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        const response = await call(method, path, headers);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (response.status !== expectStatus) wrong++;
        done++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.floor(q * (latencies.length - 1))].toFixed(2);
  console.log(`${label.padEnd(34)} ${Math.round(done / (DURATION_MS / 1000)).toString().padStart(7)} req/s   p50 ${p(0.5)} ms   p99 ${p(0.99)} ms${wrong ? `   ${wrong} unexpected statuses` : ''}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'syncello-bench-'));
const server = spawn(process.execPath, ['dist/main.js'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitForServer();
  const registered = JSON.parse((await call('POST', '/v1/auth/register', {}, { email: `bench-${Date.now()}@example.com`, password: 'benchmark password' })).body);
  const key = registered.data.apiKey;
  const [h, p] = key.split('.');
  console.log(`${CONCURRENCY} connections, ${DURATION_MS} ms each`);
  await load('GET /health (no auth, baseline)', '/health', {}, 200);
  await load('GET /v1/tools, valid API key', '/v1/tools', { authorization: `Bearer ${key}` }, 200);
  await load('GET /v1/tools, bad signature', '/v1/tools', { authorization: `Bearer ${h}.${p}.AAAA` }, 401);
  const synq = JSON.parse((await call('POST', '/api/v1/auth/signup', {}, { email: `bench-${Date.now()}@example.com`, password: 'benchmark password', organizationName: 'Bench' })).body);
  // The guard and claims check alone (a non-uuid id is a 404 before any query), then with a query.
  await load('GET /api/v1/products/x, ID token', '/api/v1/products/x', { authorization: `Bearer ${synq.idToken}` }, 404);
  await load('GET /api/v1/products, ID token', '/api/v1/products?limit=1', { authorization: `Bearer ${synq.idToken}` }, 200);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
