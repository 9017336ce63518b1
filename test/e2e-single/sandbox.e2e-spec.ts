import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/free-port.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/**
 * `npm run sandbox` (scripts/sandbox.mjs) as a newcomer runs it: the real service in a child
 * process, pointed at the platform fakes (real HTTP servers), a demo account connected to all
 * three platforms. A second start on the same data folder reuses the account and its key.
 */
describe('npm run sandbox', () => {
  const buildDir = join(ROOT, `.e2e-sandbox-${process.pid}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  let child: ChildProcess | undefined;

  const start = async (port: number): Promise<{ apiKey: string; output: () => string }> => {
    let output = '';
    child = spawn(process.execPath, ['scripts/sandbox.mjs', buildDir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SECRETS_KEY: Buffer.alloc(32, 9).toString('base64') },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a failed test can kill the service it started too.
      detached: true,
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const until = Date.now() + 90_000;
    for (;;) {
      const key = /^API key: (\S+)$/m.exec(output)?.[1];
      if (key && output.includes('Ctrl-C stops')) return { apiKey: key, output: () => output };
      if (child.exitCode !== null || Date.now() > until) throw new Error(`the sandbox did not start:\n${output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };

  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<number | null>((done) => running.once('exit', (code) => done(code)));
    running.kill('SIGINT');
    expect(await exited).toBe(0);
  };

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, connects the three platforms to their fakes, and a tool call through it succeeds; a restart reuses the account', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await start(port);
    expect(first.output()).toContain(`B=http://localhost:${port}\nKEY=${first.apiKey}\n`);
    expect(first.output()).toContain(`curl -s -X POST "$B/v1/tools/tape/listApps" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"workspace_id":12345}'`);

    const run = (platform: string, tool: string, input: unknown) =>
      fetch(`${base}/v1/tools/${platform}/${tool}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${first.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));

    expect(await run('tape', 'listApps', { workspace_id: 12345 })).toEqual({
      status: 200,
      body: { success: true, data: 'Found 2 apps in workspace 12345:\n1. Contacts (ID: 1001)\n2. Projects (ID: 1002)' },
    });
    expect(await run('podio', 'listApps', { space_id: 2001 })).toEqual({
      status: 200,
      body: { success: true, data: 'Found 2 apps in space 2001:\n1. Leads (ID: 1001)\n2. Deals (ID: 1002)' },
    });
    expect(await run('sharefile', 'getItemByPath', { path: '/Reports/q3.pdf' })).toEqual({
      status: 200,
      body: { success: true, data: '/Reports/q3.pdf: q3.pdf (file, 2048 bytes, ID: fi1)' },
    });
    await stop();

    // The same account (the key is minted again, with a new `iat`; both are valid).
    const second = await start(port);
    const subject = (key: string) => (JSON.parse(Buffer.from(key.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    expect(subject(second.apiKey)).toBe(subject(first.apiKey));
    expect((await run('tape', 'listApps', { workspace_id: 12345 })).status).toBe(200);
    await stop();
  }, 240_000);
});
