import type { ClassConstructor } from 'class-transformer';
import type { Platform } from '../common/enums.js';
import type { PodioClient } from './podio/podio.client.js';
import type { ShareFileClient } from './sharefile/sharefile.client.js';
import type { TapeClient } from './tape/tape.client.js';

/** The client each platform's tools receive, already holding the user's credentials. */
export interface PlatformClients {
  tape: TapeClient;
  podio: PodioClient;
  sharefile: ShareFileClient;
}

/**
 * One tool: its input DTO (validated, unknown fields rejected), the upstream call, and its
 * two renderings: `structured` for `?format=json`, `text` (the default) for AI clients.
 */
export interface ToolDefinition<P extends keyof PlatformClients = keyof PlatformClients, I extends object = object, O = unknown> {
  platform: P & Platform;
  name: string;
  description: string;
  /** Write tools need role member or admin. */
  writes: boolean;
  input: ClassConstructor<I>;
  run(client: PlatformClients[P], input: I): Promise<O>;
  text(output: O, input: I): string;
}

export function defineTool<P extends keyof PlatformClients, I extends object, O>(tool: ToolDefinition<P, I, O>): ToolDefinition<P, I, O> {
  return tool;
}

/** "1. Name (ID: 7)" lines, the house style of every list. */
export function numbered<T>(items: readonly T[], line: (item: T) => string): string {
  return items.map((item, index) => `${index + 1}. ${line(item)}`).join('\n');
}
