import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { ChangeFeed, ChangeHandlers } from './database.js';

const RECONNECT_DELAY_MS = 500;

/**
 * One dedicated PostgreSQL connection that LISTENs on behalf of the whole process. If it
 * drops, every subscriber is reset (their caches may have missed a NOTIFY) and it reconnects;
 * once every channel is LISTENed again, every subscriber is reset a second time, because what
 * it read while the feed was down may have changed unheard. `live` is false in between, so a
 * cache stores nothing it cannot be told about.
 */
export class PgListener {
  private readonly logger = new Logger(PgListener.name);
  private readonly subscribers = new Map<string, Set<ChangeHandlers>>();
  private client?: pg.Client;
  private connecting?: Promise<pg.Client>;
  private closed = false;
  /** Set after the first connection: later ones are reconnections. */
  private wasConnected = false;

  private readonly listening = new Set<string>();

  constructor(
    private readonly connectionString: string,
    private readonly connectTimeoutMs = 0,
  ) {}

  async listen(channel: string, handlers: ChangeHandlers): Promise<ChangeFeed> {
    assertChannel(channel);
    let set = this.subscribers.get(channel);
    if (!set) this.subscribers.set(channel, (set = new Set()));
    set.add(handlers);
    const client = await this.connect();
    if (!this.listening.has(channel)) {
      await client.query(`LISTEN ${channel}`);
      if (this.client === client) this.listening.add(channel);
    }
    const listening = this.listening;
    return {
      get live() {
        return listening.has(channel);
      },
      close: async () => {
        set.delete(handlers);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    this.listening.clear();
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: this.connectTimeoutMs });
    client.on('notification', (message) => {
      for (const handlers of this.subscribers.get(message.channel) ?? []) handlers.onMessage(message.payload ?? '');
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'change feed connection failed'));
    client.on('end', () => this.onConnectionLost(client));
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
      if (this.closed) throw new Error('change feed closed while connecting');
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    const reconnected = this.wasConnected;
    this.client = client;
    this.wasConnected = true;
    for (const channel of this.subscribers.keys()) this.listening.add(channel);
    // Heard from now on; what was read while the feed was down must be read again.
    if (reconnected) this.resetAll();
    return client;
  }

  private onConnectionLost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening.clear();
    if (this.closed) return;
    this.resetAll();
    this.scheduleReconnect();
  }

  private resetAll(): void {
    for (const set of this.subscribers.values()) {
      for (const handlers of set) {
        try {
          handlers.onReset();
        } catch (error) {
          this.logger.error({ err: error }, 'change feed subscriber failed to reset');
        }
      }
    }
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
