import type { JwtFromRequestFunction } from 'passport-jwt';
import type { FastifyRequest } from 'fastify';

/** `Bearer`, any case, one or more spaces, then one compact JWS and nothing else. */
const BEARER = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/**
 * The contract's strict bearer rule. passport-jwt's own extractor accepts a tab or trailing
 * text; and Node keeps only the first of two `Authorization` headers, so they are counted on
 * the raw header list. Tokens in the query string or a cookie are never looked at.
 */
export function extractBearerToken(request: FastifyRequest): string | null {
  const raw = request.raw.rawHeaders;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'authorization') count++;
  if (count !== 1) return null;
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  return BEARER.exec(header)?.[1] ?? null;
}

/**
 * The strict extractor typed for passport-jwt (whose types assume Express; on Fastify the
 * request Passport hands over is the Fastify request, which is what this reads).
 */
export const jwtFromBearer = extractBearerToken as unknown as JwtFromRequestFunction;
