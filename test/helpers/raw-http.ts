import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface RawResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  body: unknown;
  /** Milliseconds from the last byte of the request handed to the kernel (or from the start, if it never was) to the complete answer. */
  ms: number;
}

/** Starts listening on a free loopback port (for raw sockets); returns the port. */
export async function listen(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** Parses one HTTP/1.1 answer out of the bytes received so far; undefined until it is complete. */
function parseAnswer(data: Buffer): Omit<RawResponse, 'ms'> | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine, ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (data.length < headEnd + 4 + length) return undefined;
  const text = data.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, text, body };
}

/**
 * One request on its own connection, bytes exactly as given (`head` is the request line and
 * headers, without the blank line that ends them). Resolves with the first complete answer.
 */
export function sendRaw(
  port: number,
  head: string,
  body: Buffer | string = '',
  options: { onSocket?: (s: Socket) => void; /** false: the headers never end (a slow client). */ endHeaders?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let sentAt: number | undefined;
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect(port, '127.0.0.1');
    options.onSocket?.(socket);
    const finish = (error?: Error) => {
      if (settled) return;
      const answer = parseAnswer(Buffer.concat(chunks));
      if (!answer && !error) return;
      settled = true;
      socket.destroy();
      if (answer) resolve({ ...answer, ms: performance.now() - (sentAt ?? startedAt) });
      else reject(error);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error('connection closed before an answer')));
    socket.write(options.endHeaders === false ? head : `${head}\r\n\r\n`);
    if (body.length > 0) socket.write(body, () => (sentAt ??= performance.now()));
    else sentAt = performance.now();
  });
}

export interface Measured<T> {
  result: T;
  /** The longest the event loop (the server's and the client's: one process) was blocked. */
  loopDelayMs: number;
  /** Latencies of the `GET /health` probes sent every 10 ms while `run` ran. */
  healthMs: number[];
}

/**
 * Runs `run` while watching the event loop and probing `GET /health` on another connection,
 * so a request that blocks the process shows as loop delay and as a slow health answer.
 */
export async function measureWhile<T>(port: number, run: () => Promise<T>): Promise<Measured<T>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const health = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      request({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`/health answered ${res.statusCode}`))));
      })
        .on('error', reject)
        .end();
    });
  await health(); // the probe's connection is open before the measurement starts
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const healthMs: number[] = [];
  let running = true;
  const prober = (async () => {
    while (running) {
      healthMs.push(await health());
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  histogram.enable();
  try {
    const result = await run();
    return { result, loopDelayMs: histogram.max / 1e6, healthMs };
  } finally {
    histogram.disable();
    running = false;
    await prober;
    agent.destroy();
  }
}

/**
 * A timing assertion that a loaded 2-core machine cannot fail by chance: the measurement is
 * taken up to `attempts` times and passes when one attempt is within bounds. A request that
 * really blocks the process (the bug this guards against took 20 s) fails every attempt.
 */
export async function withinBudget(attempts: number, measure: () => Promise<{ ok: boolean; what: string }>): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < attempts; i++) {
    const { ok, what } = await measure();
    if (ok) return seen;
    seen.push(what);
  }
  throw new Error(`over budget in all ${attempts} attempts:\n${seen.join('\n')}`);
}
