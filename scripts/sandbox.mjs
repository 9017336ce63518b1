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
import { transformFile } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, SWC_OPTIONS } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_ACCOUNT = { email: 'sandbox-demo@example.com', password: 'sandbox demo password' };

/** The fakes, compiled next to the service (`<outDir>/fakes`), loaded as ES modules. */
async function loadFakes(outDir) {
  const sourceDir = join(root, 'test', 'fakes');
  const target = join(outDir, 'fakes');
  await mkdir(target, { recursive: true });
  for (const name of (await readdir(sourceDir)).filter((n) => n.endsWith('.ts'))) {
    const file = join(sourceDir, name);
    const { code } = await transformFile(file, { ...SWC_OPTIONS, filename: file, swcrc: false, configFile: false });
    await writeFile(join(target, name.replace(/\.ts$/, '.js')), code);
  }
  const load = (name) => import(pathToFileURL(join(target, `${name}.js`)).href);
  const [tape, podio, sharefile, oauth] = await Promise.all(['fake-tape.server', 'fake-podio.server', 'fake-sharefile.server', 'fake-oauth'].map(load));
  return { ...tape, ...podio, ...sharefile, ...oauth };
}

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
  const child = spawn(process.execPath, [join(outDir, 'main.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: port,
      DATA_DIR: process.env.DATA_DIR ?? './data-sandbox',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      TAPE_API_URL: `${tapeUrl}/v1`,
      PODIO_API_URL: podioUrl,
      PODIO_CLIENT_ID: fakes.OAUTH_CLIENT.id,
      PODIO_CLIENT_SECRET: fakes.OAUTH_CLIENT.secret,
      SHAREFILE_API_URL: `${sharefileUrl}/sf/v3`,
      SHAREFILE_TOKEN_URL: `${sharefileUrl}/oauth/token`,
      SHAREFILE_CLIENT_ID: fakes.OAUTH_CLIENT.id,
      SHAREFILE_CLIENT_SECRET: fakes.OAUTH_CLIENT.secret,
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
