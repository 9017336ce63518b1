import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { ChangeHandlers, Unlisten } from './database.js';

const RECONNECT_DELAY_MS = 500;

/**
 * One dedicated PostgreSQL connection that LISTENs on behalf of the whole process. If it
 * drops, every subscriber is told (their caches may have missed a NOTIFY) and it reconnects.
 */
export class PgListener {
  private readonly logger = new Logger(PgListener.name);
  private readonly subscribers = new Map<string, Set<ChangeHandlers>>();
  private client?: pg.Client;
  private connecting?: Promise<pg.Client>;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, handlers: ChangeHandlers): Promise<Unlisten> {
    assertChannel(channel);
    let set = this.subscribers.get(channel);
    const isNewChannel = !set;
    if (!set) this.subscribers.set(channel, (set = new Set()));
    set.add(handlers);
    const client = await this.connect();
    if (isNewChannel) await client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(handlers);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      for (const handlers of this.subscribers.get(message.channel) ?? []) handlers.onMessage(message.payload ?? '');
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'change feed connection failed'));
    client.on('end', () => this.onConnectionLost(client));
    await client.connect();
    for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
    return client;
  }

  private onConnectionLost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.closed) return;
    for (const set of this.subscribers.values()) for (const handlers of set) handlers.onReset();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.connect().catch((error) => {
        this.logger.warn({ err: error }, 'change feed reconnect failed');
        this.scheduleReconnect();
      });
    }, RECONNECT_DELAY_MS).unref();
  }
}

function assertChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
}
