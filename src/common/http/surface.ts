/** The two public APIs served by this process, told apart by their path prefix. */
export enum Surface {
  Syncello = 'syncello',
  Synq = 'synq',
  /** Health checks, docs and discovery documents: neither API. */
  Service = 'service',
}

export function surfaceOf(url: string): Surface {
  const path = url.split('?', 1)[0] ?? '';
  if (path === '/api/v1' || path.startsWith('/api/v1/')) return Surface.Synq;
  if (path === '/v1' || path.startsWith('/v1/')) return Surface.Syncello;
  return Surface.Service;
}
