import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of the test's own (its own data folder and port), for outage tests:
 * it may be paused, resumed and have its backends killed without touching the machine's
 * server. PostgreSQL refuses to run as root, so it runs as the `postgres` user.
 */
export interface PrivatePostgres {
  /** `postgres://<user>@127.0.0.1:<port>/<database>` */
  url(database?: string, user?: string): string;
  /** One statement as the superuser, on `database` (default `postgres`). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, database?: string): Promise<pg.QueryResult<R>>;
  /** SIGSTOP to every process of the cluster: a frozen server (connections stay open, nothing answers). */
  pause(): void;
  /** SIGCONT to every process of the cluster. */
  resume(): void;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  const dir = mkdtempSync(join(tmpdir(), 'private-pg-'));
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  await run(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], uid, gid);
  const port = await freePort();
  const server = spawn(
    `${BIN}/postgres`,
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=60'],
    { uid, gid, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const url = (database = 'postgres', user = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(text: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return await client.query<R>(text);
    } finally {
      await client.end();
    }
  };
  const processes = (): number[] => {
    let children: number[] = [];
    try {
      children = execFileSync('pgrep', ['-P', String(server.pid)]).toString().split('\n').filter(Boolean).map(Number);
    } catch {
      // pgrep exits 1 when there is none
    }
    return [server.pid!, ...children];
  };
  const signal = (name: NodeJS.Signals) => {
    for (const pid of processes()) {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };

  const stop = async () => {
    signal('SIGCONT');
    server.kill('SIGQUIT'); // immediate shutdown
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await query('select 1');
      break;
    } catch (error) {
      if (Date.now() > deadline || server.exitCode !== null) {
        await stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, query, pause: () => signal('SIGSTOP'), resume: () => signal('SIGCONT'), stop };
}

function run(command: string, args: string[], uid: number, gid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { uid, gid, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr}`))));
  });
}
