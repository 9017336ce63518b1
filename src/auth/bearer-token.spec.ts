import type { FastifyRequest } from 'fastify';
import { extractBearerToken } from './bearer-token.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

function requestWith(...headers: string[]): FastifyRequest {
  const raw: string[] = [];
  for (const value of headers) raw.push('Authorization', value);
  return { raw: { rawHeaders: raw }, headers: headers.length ? { authorization: headers[0] } : {} } as unknown as FastifyRequest;
}

describe('extractBearerToken', () => {
  it.each([`Bearer ${JWT}`, `bearer ${JWT}`, `BEARER    ${JWT}`])('accepts %s', (header) => {
    expect(extractBearerToken(requestWith(header))).toBe(JWT);
  });

  it.each([
    ['no header', []],
    ['a tab', [`Bearer\t${JWT}`]],
    ['no space', [`Bearer${JWT}`]],
    ['leading space', [` Bearer ${JWT}`]],
    ['trailing text', [`Bearer ${JWT} x`]],
    ['trailing space', [`Bearer ${JWT} `]],
    ['two tokens', [`Bearer ${JWT} ${JWT}`]],
    ['comma-joined', [`Bearer ${JWT}, Bearer ${JWT}`]],
    ['another scheme', [`Token ${JWT}`]],
    ['not a JWS', ['Bearer abc']],
    ['two headers', [`Bearer ${JWT}`, `Bearer ${JWT}`]],
  ])('refuses %s', (_name, headers) => {
    expect(extractBearerToken(requestWith(...(headers as string[])))).toBeNull();
  });
});
