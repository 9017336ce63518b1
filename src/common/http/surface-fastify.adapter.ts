import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { Surface, surfaceOf } from './surface.js';

/** A JSON body serialized once (a constant catalogue), or written by the database (`JsonRows`): sent as is, never serialized again. */
export class PreSerializedJson {
  constructor(readonly json: string) {}

  /** The same value as Syncello sends it: `{ success: true, data }`, serialized once. */
  static syncelloData(data: unknown): PreSerializedJson {
    return new PreSerializedJson(JSON.stringify({ success: true, data }));
  }
}

/** Route config flag for `/v1` routes whose handler result is sent without the envelope. */
export const RAW_SYNCELLO_BODY = 'rawSyncelloBody';

/**
 * Nest hands every handler result to `reply()`: this is where Syncello's success envelope
 * (`{ success: true, data }`) is put on, once, with no per-route interceptor pipeline (a
 * global interceptor makes Nest build an rxjs chain for every request on every route).
 * Errors never pass here: the exception filter renders them.
 */
export class SurfaceFastifyAdapter extends FastifyAdapter {
  override reply(response: FastifyReply, body: unknown, statusCode?: number): FastifyReply {
    if (body instanceof PreSerializedJson) {
      if (statusCode !== undefined) response.status(statusCode);
      return response.header('Content-Type', 'application/json; charset=utf-8').send(body.json);
    }
    const request = response.request;
    if (request && surfaceOf(request.url) === Surface.Syncello && request.routeOptions.config?.[RAW_SYNCELLO_BODY as never] !== true) {
      return super.reply(response, { success: true, data: body }, statusCode) as FastifyReply;
    }
    return super.reply(response, body, statusCode) as FastifyReply;
  }
}
