/** The two public APIs served by this process, told apart by their path prefix. */
export enum Surface {
  Syncello = 'syncello',
  Synq = 'synq',
  /** Health checks, docs and discovery documents: neither API. */
  Service = 'service',
}

/** Allocation-free (it runs for every request): `/v1`, `/v1/...`, `/v1?...` are Syncello. */
export function surfaceOf(url: string): Surface {
  if (url.startsWith('/api/v1') && endsSegment(url, 7)) return Surface.Synq;
  if (url.startsWith('/v1') && endsSegment(url, 3)) return Surface.Syncello;
  return Surface.Service;
}

/** True when the prefix of `length` characters ends at a path boundary. */
function endsSegment(url: string, length: number): boolean {
  if (url.length === length) return true;
  const next = url.charCodeAt(length);
  return next === 47 /* / */ || next === 63 /* ? */;
}
