import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationException } from '../errors/api.exception.js';

/** What one JSON body may hold. Counts are for the whole body, not per object or array. */
export interface BodyBounds {
  /** Bytes on the wire (413 past it). */
  bodyLimit: number;
  /** Nesting of objects and arrays: `{}` is 1, `{"a":[]}` is 2. */
  depth: number;
  /** Object keys, all objects together. */
  keys: number;
  /** Array elements, all arrays together. */
  arrayItems: number;
  /** Characters of the longest string (a value or a key), escapes counted as one. */
  stringLength: number;
}

/** Routes take the default bounds unless they name a stricter profile with `@BodyBoundsProfile`. */
export type BodyBoundsProfileName = 'default' | 'tool';
export type BodyBoundsProfiles = Record<BodyBoundsProfileName, BodyBounds>;

export const BODY_BOUNDS_ROUTE_CONFIG = 'bodyBounds';

/** Marks a route (through Fastify's route config) as taking `profile`'s body bounds. */
export const BodyBoundsProfile = (profile: BodyBoundsProfileName) => RouteConfig({ [BODY_BOUNDS_ROUTE_CONFIG]: profile });

const QUOTE = 34;
const LETTER_U = 117;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COLON = 58;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;

/**
 * Checks JSON text against the bounds before it is parsed, in one pass with no recursion and
 * no allocation proportional to the input: the first bound crossed stops the scan. Returns a
 * short message naming the bound (never the input), or undefined when the text is within
 * them. Malformed text is not judged here: JSON.parse rejects it afterwards.
 *
 * Keys are counted as the `:` outside strings, array items as one per non-empty array plus
 * its `,`; string lengths count an escape (`\n`, `\u00e9`) as one character. Every position
 * is visited a bounded number of times: `indexOf` finds the next quote and backslash, and
 * each is looked for again only once the scan has passed it.
 */
export function exceededBound(text: string, bounds: BodyBounds): string | undefined {
  const { depth: maxDepth, keys: maxKeys, arrayItems: maxItems, stringLength: maxString } = bounds;
  // Per open level: 1 for an array, 0 for an object (bounded by maxDepth, so small).
  const isArray = new Uint8Array(maxDepth + 2);
  let depth = 0;
  let keys = 0;
  let items = 0;
  let nextQuote = -2;
  let nextBackslash = -2;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let from = i + 1;
      let length = 0;
      for (;;) {
        if (nextQuote < from && nextQuote !== -1) nextQuote = text.indexOf('"', from);
        if (nextBackslash < from && nextBackslash !== -1) nextBackslash = text.indexOf('\\', from);
        if (nextQuote === -1) return undefined; // unterminated: malformed, JSON.parse says so
        if (nextBackslash === -1 || nextBackslash > nextQuote) {
          length += nextQuote - from;
          i = nextQuote + 1;
          break;
        }
        length += nextBackslash - from + 1;
        from = nextBackslash + (text.charCodeAt(nextBackslash + 1) === LETTER_U ? 6 : 2);
        if (length > maxString) break;
      }
      if (length > maxString) return `Request body has a string longer than ${maxString} characters`;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth > maxDepth) return `Request body nests deeper than ${maxDepth} levels`;
      isArray[depth] = c === OPEN_ARRAY ? 1 : 0;
      if (c === OPEN_ARRAY && !startsWithClose(text, i + 1)) {
        items++;
        if (items > maxItems) return `Request body has more than ${maxItems} array items`;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (c === COLON) {
      keys++;
      if (keys > maxKeys) return `Request body has more than ${maxKeys} keys`;
    } else if (c === COMMA && depth > 0 && isArray[depth] === 1) {
      items++;
      if (items > maxItems) return `Request body has more than ${maxItems} array items`;
    }
    i++;
  }
  return undefined;
}

/** After `[`: is the array empty (only whitespace before `]`)? Whitespace is skipped once, here. */
function startsWithClose(text: string, from: number): boolean {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === NEWLINE || c === RETURN) i++;
    else return c === CLOSE_ARRAY;
  }
}

function profileOf(config: unknown): BodyBoundsProfileName {
  return (config as Record<string, unknown> | undefined)?.[BODY_BOUNDS_ROUTE_CONFIG] === 'tool' ? 'tool' : 'default';
}

/**
 * Replaces Fastify's JSON parser with one that checks the bounds of the route's profile on
 * the raw text first (400 in the surface's shape, through the exception filter), then parses
 * with Fastify's own prototype-poisoning checks. A profile's byte limit becomes the route's
 * `bodyLimit` (Fastify answers 413 before reading past it). Call before routes are registered.
 */
export function installBodyBounds(fastify: FastifyInstance, profiles: BodyBoundsProfiles): void {
  fastify.addHook('onRoute', (route) => {
    const profile = profiles[profileOf(route.config)];
    if (route.bodyLimit === undefined) route.bodyLimit = profile.bodyLimit;
  });
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: profiles.default.bodyLimit },
    (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const exceeded = exceededBound(text, profiles[profileOf(request.routeOptions?.config)]);
      if (exceeded) return done(new ValidationException(exceeded));
      parse(request, text, done);
    },
  );
}
