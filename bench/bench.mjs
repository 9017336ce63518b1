// `npm run bench`: the hot paths side by side in one run, as ratios against bare Fastify.
//
// Starts a bare Fastify anchor, a plain Nest + Fastify app (bench/plain-nest.mjs) and the built service (embedded database in a fresh folder,
// and PostgreSQL as well when DATABASE_URL is set: a fresh database on that server, dropped
// afterwards), servers pinned to core 0 and the load (autocannon, in this process) to core 1
// where `taskset` exists. Rounds are interleaved: every target once per round, so a
// slow minute of the machine hits every row alike; the table shows the median round.
//
//   npm run bench                               embedded only
//   DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench
//   BENCH_ROUNDS=3 BENCH_SECONDS=5 BENCH_CONNECTIONS=50
//
// The tool rows run `tape/listApps` against the tests' fake Tape (bench/fake-tape.mjs, its own
// process, on the load's core) through REST and through MCP `tools/call`, the per-user tool
// limit raised so that the rows measure the route, not the 429.
//
// It is a benchmark, not a test: it prints, CI never runs it.
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PRODUCTS = 100;

const canPin = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return Number(execFileSync('nproc', ['--all']).toString()) >= 2;
  } catch {
    return false;
  }
})();

function startServer(label, script, port, env, nodeFlags = []) {
  const command = canPin ? 'taskset' : process.execPath;
  const args = canPin ? ['-c', '0', process.execPath, ...nodeFlags, script] : [...nodeFlags, script];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { label, port, child, base: `http://127.0.0.1:${port}` };
}

async function stop(server) {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

/** The server process's resident memory in MB (taskset execs node, so the pid is node's). */
function rssMb(server) {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function call(server, method, path, { token, body, headers } = {}) {
  const response = await fetch(`${server.base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} on ${server.label}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function waitUntilUp(server, path) {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (server.child.exitCode !== null) throw new Error(`${server.label} exited with ${server.child.exitCode}`);
    try {
      if ((await fetch(`${server.base}${path}`)).ok) return Date.now() - started;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.label} did not start`);
}

const LIST_APPS = { workspace_id: 12345 };
const MCP_HEADERS = { accept: 'application/json, text/event-stream' };
const MCP_CALL = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'tape_listApps', arguments: LIST_APPS } };

/** The fake Tape, started once for every service. */
async function startFakeTape() {
  const command = canPin ? 'taskset' : process.execPath;
  const args = canPin ? ['-c', '1', process.execPath, 'bench/fake-tape.mjs'] : ['bench/fake-tape.mjs'];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`fake Tape exited with ${code}`)));
  });
  return { label: 'fake Tape', child, ...JSON.parse(line) };
}

/** A user of each API, Tape connected for the Syncello one, and PRODUCTS products in the Synq user's organization. */
async function seed(server, tape) {
  const password = 'benchmark password';
  const stamp = `${Date.now()}-${randomBytes(3).toString('hex')}`;
  const registered = await call(server, 'POST', '/v1/auth/register', { body: { email: `bench-${stamp}@example.test`, password } });
  const synq = await call(server, 'POST', '/api/v1/auth/signup', {
    body: { email: `bench-synq-${stamp}@example.test`, password, organizationName: 'Bench' },
  });
  const login = await call(server, 'POST', '/v1/auth/login', { body: { email: `bench-${stamp}@example.test`, password } });
  await call(server, 'PUT', '/v1/account/connections/tape', { token: login.data.sessionToken, body: { apiKey: tape.apiKey } });
  // Both tool routes answer as they will under load (a 2xx, not a tool error) before anything is timed.
  await call(server, 'POST', '/v1/tools/tape/listApps', { token: registered.data.apiKey, body: LIST_APPS });
  const mcp = await call(server, 'POST', '/v1/mcp', { token: registered.data.apiKey, body: MCP_CALL, headers: MCP_HEADERS });
  if (!mcp.result || mcp.result.isError) throw new Error(`MCP tools/call on ${server.label}: ${JSON.stringify(mcp)}`);
  let productId;
  for (let i = 0; i < PRODUCTS; i++) {
    const product = await call(server, 'POST', '/api/v1/products', {
      token: synq.idToken,
      body: { title: `Product ${i}`, description: `Bench product number ${i}`, category: 'Bench' },
    });
    productId ??= product.id;
  }
  return { apiKey: registered.data.apiKey, idToken: synq.idToken, productId };
}

async function load(target) {
  const result = await autocannon({
    url: `${target.server.base}${target.path}`,
    method: target.method ?? 'GET',
    headers: {
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
      ...(target.body ? { 'content-type': 'application/json' } : {}),
      ...target.headers,
    },
    body: target.body,
    connections: CONNECTIONS,
    duration: target.seconds ?? SECONDS,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    max: result.latency.max,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

const REST_MS = 75_000;
const atRest = () => new Promise((resolve) => setTimeout(resolve, REST_MS));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

async function main() {
  const servers = [];
  const cleanups = [];
  try {
    const anchor = startServer('bare Fastify', 'bench/bare-fastify.mjs', 4100, {});
    servers.push(anchor);
    await waitUntilUp(anchor, '/x');
    const plainNest = startServer('plain Nest', 'bench/plain-nest.mjs', 4099, {});
    servers.push(plainNest);
    await waitUntilUp(plainNest, '/health');
    const tape = await startFakeTape();
    servers.push(tape);

    const kinds = [{ kind: 'embedded', env: { DATABASE_URL: '' } }];
    if (process.env.DATABASE_URL) {
      const name = `bench_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      });
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      kinds.push({ kind: 'PostgreSQL', env: { DATABASE_URL: url.toString() } });
    }

    const services = [];
    for (const [i, { kind, env }] of kinds.entries()) {
      const dataDir = mkdtempSync(join(tmpdir(), 'syncello-bench-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const server = startServer(kind, 'dist/main.js', 4101 + i, {
        ...env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        // As `npm start` runs it: argon2's 19 MiB buffers go back to the system after each hash.
        MALLOC_MMAP_THRESHOLD_: '131072',
        TAPE_API_URL: `${tape.url}/v1`,
        RATE_LIMIT_TOOLS_PER_MINUTE: '1000000',
      }, ['--expose-gc']); // as `npm start` runs it: the heap grown under load goes back once quiet
      servers.push(server);
      const startMs = await waitUntilUp(server, '/health/ready');
      const seeded = await seed(server, tape);
      services.push({ kind, server, seeded, startMs });
    }
    // RSS is read at rest, idle and after the load alike: once the services have been quiet
    // long enough for the idle heap trim (HEAP_TRIM_QUIET_MS, a minute, checked every 5 s).
    // No service is quiet that long between its rounds, so the trim never runs mid-bench.
    await atRest();
    for (const s of services) s.rssIdle = rssMb(s.server);

    const targets = [
      { key: 'anchor', row: 'bare Fastify `GET /x`', server: anchor, path: '/x' },
      { key: 'plain-nest', row: 'plain Nest + Fastify `GET /health`', server: plainNest, path: '/health' },
    ];
    for (const s of services) {
      const { apiKey, idToken, productId } = s.seeded;
      targets.push(
        { key: `${s.kind}:health`, row: '`GET /health`', kind: s.kind, server: s.server, path: '/health' },
        { key: `${s.kind}:tools`, row: '`GET /v1/tools` (API key)', kind: s.kind, server: s.server, path: '/v1/tools', token: apiKey },
        { key: `${s.kind}:product`, row: '`GET /api/v1/products/{id}` (ID token)', kind: s.kind, server: s.server, path: `/api/v1/products/${productId}`, token: idToken },
        { key: `${s.kind}:list`, row: `\`GET /api/v1/products\` (${PRODUCTS} rows)`, kind: s.kind, server: s.server, path: `/api/v1/products?limit=${PRODUCTS}`, token: idToken },
        { key: `${s.kind}:rest-tool`, row: '`POST /v1/tools/tape/listApps` (fake Tape)', kind: s.kind, server: s.server, method: 'POST', path: '/v1/tools/tape/listApps', token: apiKey, body: JSON.stringify(LIST_APPS) },
        { key: `${s.kind}:mcp-tool`, row: '`POST /v1/mcp` `tools/call` `tape_listApps` (fake Tape)', kind: s.kind, server: s.server, method: 'POST', path: '/v1/mcp', token: apiKey, body: JSON.stringify(MCP_CALL), headers: MCP_HEADERS },
      );
    }

    console.log(`${ROUNDS} interleaved rounds, ${SECONDS} s per target, ${CONNECTIONS} connections${canPin ? ', servers on core 0, load on core 1' : ' (taskset unavailable: not pinned)'}`);
    // Warm-up: one short run per target, so the rounds measure code the JIT has already seen.
    for (const target of targets) await load({ ...target, seconds: 1 });
    const runs = new Map(targets.map((t) => [t.key, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targets) runs.get(target.key).push(await load(target));
      process.stderr.write(`round ${round}/${ROUNDS} done\n`);
    }
    for (const s of services) s.rssRightAfter = rssMb(s.server);
    await atRest();
    const summary = new Map(
      [...runs].map(([key, list]) => [
        key,
        { rps: median(list.map((r) => r.rps)), p99: median(list.map((r) => r.p99)), max: Math.max(...list.map((r) => r.max)), bad: list.reduce((n, r) => n + r.bad, 0) },
      ]),
    );

    console.log('\n| target | server | req/s | p99 ms | max ms | non-2xx |\n|---|---|---|---|---|---|');
    for (const t of targets) {
      const r = summary.get(t.key);
      console.log(`| ${t.row} | ${t.kind ?? '-'} | ${Math.round(r.rps)} | ${r.p99} | ${r.max} | ${r.bad} |`);
    }

    const checks = [];
    // Not a target: what the framework alone keeps of bare Fastify here, the ceiling of the row below it.
    checks.push({ label: 'plain Nest + Fastify ÷ bare Fastify (the framework alone)', value: (summary.get('plain-nest').rps / summary.get('anchor').rps).toFixed(2), target: '-', ok: true });
    const ratio = (label, a, b, min) => {
      const value = summary.get(a).rps / summary.get(b).rps;
      checks.push({ label, value: value.toFixed(2), target: `≥ ${min}`, ok: value >= min });
    };
    const atMost = (label, value, max, unit) => checks.push({ label, value: `${value}${unit}`, target: `≤ ${max}${unit}`, ok: value <= max });
    for (const s of services) {
      const pgKind = s.kind === 'PostgreSQL';
      const k = (name) => `${s.kind}:${name}`;
      ratio(`${s.kind}: /health ÷ bare Fastify`, k('health'), 'anchor', 0.7);
      ratio(`${s.kind}: /v1/tools ÷ /health`, k('tools'), k('health'), 0.7);
      ratio(`${s.kind}: product ÷ /health`, k('product'), k('health'), pgKind ? 0.3 : 0.15);
      ratio(`${s.kind}: list ÷ /health`, k('list'), k('health'), pgKind ? 0.12 : 0.04);
      ratio(`${s.kind}: MCP tools/call ÷ REST tool route`, k('mcp-tool'), k('rest-tool'), 0.9);
      atMost(`${s.kind}: p99 /v1/tools`, summary.get(k('tools')).p99, 10, ' ms');
      atMost(`${s.kind}: p99 product`, summary.get(k('product')).p99, pgKind ? 25 : 100, ' ms');
      atMost(`${s.kind}: p99 list`, summary.get(k('list')).p99, pgKind ? 50 : 150, ' ms');
      atMost(`${s.kind}: slowest request`, Math.max(...['health', 'tools', 'product', 'list'].map((n) => summary.get(k(n)).max)), 500, ' ms');
      atMost(`${s.kind}: RSS idle (fresh data folder, at rest)`, s.rssIdle, pgKind ? 150 : 400, ' MB');
      checks.push({ label: `${s.kind}: RSS right after the last round (V8 has not collected yet)`, value: `${s.rssRightAfter} MB`, target: '-', ok: true });
      atMost(`${s.kind}: RSS after load, at rest (idle ${s.rssIdle} MB)`, rssMb(s.server), Math.round(s.rssIdle * 1.2), ' MB');
      checks.push({ label: `${s.kind}: start to first 200 (fresh data folder)`, value: `${s.startMs} ms`, target: '-', ok: true });
    }
    console.log('\n| check | measured | target | |\n|---|---|---|---|');
    for (const c of checks) console.log(`| ${c.label} | ${c.value} | ${c.target} | ${c.ok ? 'ok' : '**missed**'} |`);
  } finally {
    for (const server of servers) await stop(server);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

// The load generator runs on core 1: re-run this script there once.
if (canPin && !process.env.BENCH_LOAD_PINNED) {
  const child = spawn('taskset', ['-c', '1', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_LOAD_PINNED: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
