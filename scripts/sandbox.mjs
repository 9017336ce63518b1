#!/usr/bin/env node
/**
 * `npm run sandbox`: try every tool without a platform account. Builds the service (SWC, as
 * `npm start`), compiles the platform fakes the tests use (`test/fakes/*.ts`: real HTTP servers
 * speaking Tape's, Podio's and ShareFile's documented APIs over a little demo data, OAuth
 * token endpoints included), starts them on loopback, starts the service pointed at them,
 * registers (or reuses) a demo account, connects the three platforms, and prints the API key
 * with ready-to-paste curl lines. Ctrl-C stops everything.
 *
 *   PORT=3000 DATA_DIR=./data-sandbox node scripts/sandbox.mjs [outDir]   (default outDir: dist)
 *
 * The fakes keep their data in memory: it starts afresh with every run. The demo account and
 * its key live in DATA_DIR (default `./data-sandbox`, apart from the real `./data`).
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { loadFakes } from './fakes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_ACCOUNT = { email: 'sandbox-demo@example.com', password: 'sandbox demo password' };

async function call(base, method, path, { token, body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expectOk(what, answer) {
  const { status, body } = await answer;
  if (status < 200 || status > 299) throw new Error(`sandbox: ${what} answered ${status} ${JSON.stringify(body)}`);
  return body;
}

async function waitForHealth(base, child, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`sandbox: the service exited with code ${child.exitCode}`);
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('sandbox: the service did not answer /health in time');
}

async function main() {
  const started = Date.now();
  const outDir = resolve(root, process.argv[2] ?? 'dist');
  await build(outDir);
  const fakes = await loadFakes(outDir);

  const tape = fakes.createFakeTape();
  const podio = fakes.createFakePodio();
  const sharefile = fakes.createFakeShareFile();
  const [tapeUrl, podioUrl, sharefileUrl] = await Promise.all([tape.start(), podio.server.start(), sharefile.server.start()]);

  const port = process.env.PORT ?? '3000';
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--expose-gc', join(outDir, 'main.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: port,
      DATA_DIR: process.env.DATA_DIR ?? './data-sandbox',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...fakes.fakePlatformsEnv({ tape: tapeUrl, podio: podioUrl, sharefile: sharefileUrl }),
    },
  });
  const stopFakes = () => Promise.all([tape.stop(), podio.server.stop(), sharefile.server.stop()]);
  let stopping = false;
  child.once('exit', (code, signal) => {
    void stopFakes().then(() => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGTERM');
    });
  }

  try {
    await waitForHealth(base, child);
    // Register the demo account, or reuse it (409) from an earlier run on the same DATA_DIR.
    const registered = await call(base, 'POST', '/v1/auth/register', { body: DEMO_ACCOUNT });
    if (registered.status !== 201 && registered.status !== 200 && registered.status !== 409) {
      throw new Error(`sandbox: register answered ${registered.status} ${JSON.stringify(registered.body)}`);
    }
    const session = (await expectOk('login', call(base, 'POST', '/v1/auth/login', { body: DEMO_ACCOUNT }))).data.sessionToken;
    const apiKey = (await expectOk('api key', call(base, 'GET', '/v1/account/api-key', { token: session }))).data.apiKey;
    await expectOk('connect Tape', call(base, 'PUT', '/v1/account/connections/tape', { token: session, body: { apiKey: fakes.TAPE_API_KEY } }));
    await expectOk('connect Podio', call(base, 'PUT', '/v1/account/connections/podio', {
      token: session,
      body: { accessToken: podio.oauth.accessToken, refreshToken: podio.oauth.refreshToken },
    }));
    await expectOk('connect ShareFile', call(base, 'PUT', '/v1/account/connections/sharefile', {
      token: session,
      body: { subdomain: 'demo', accessToken: sharefile.oauth.accessToken, refreshToken: sharefile.oauth.refreshToken },
    }));

    const B = `http://localhost:${port}`;
    const tool = (platform, name, input) =>
      `curl -s -X POST "$B/v1/tools/${platform}/${name}" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '${JSON.stringify(input)}'`;
    console.log(
      [
        '',
        `Sandbox ready in ${((Date.now() - started) / 1000).toFixed(1)} s: the service on ${B} (Swagger UI at ${B}/docs),`,
        `Tape, Podio and ShareFile faked on ${tapeUrl}, ${podioUrl}, ${sharefileUrl} (demo data, in memory).`,
        `Demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}, Tape, Podio and ShareFile connected.`,
        `API key: ${apiKey}`,
        '',
        `B=${B}`,
        `KEY=${apiKey}`,
        'curl -s "$B/v1/tools" -H "Authorization: Bearer $KEY"   # every tool with its input schema',
        tool('tape', 'listWorkspaces', {}),
        tool('tape', 'listApps', { workspace_id: 12345 }),
        tool('tape', 'listRecords', { app_id: 1001 }),
        tool('tape', 'createRecord', { app_id: 1001, fields: { name: 'Margaret' } }),
        tool('podio', 'listApps', { space_id: 2001 }),
        tool('podio', 'filterItems', { app_id: 1001 }),
        tool('sharefile', 'listItems', {}),
        tool('sharefile', 'getItemByPath', { path: '/Reports/q3.pdf' }),
        '',
        'Ctrl-C stops the service and the fakes.',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    stopping = false;
    if (child.exitCode === null) child.kill('SIGTERM');
    process.exitCode = 1;
  }
}

await main();
