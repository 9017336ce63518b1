import { setFlagsFromString } from 'node:v8';

/**
 * What the service changes in V8's defaults, set by `main.ts` before anything else is loaded.
 *
 * Allocation-site pretenuring, off. V8 counts, per allocation site, how many of the objects it
 * made since the last young collection are still alive at it; a site whose share stays at 85%
 * or more is "tenured": its objects are allocated in the old generation from then on, and the
 * decision is not taken back (traced: `tenure => tenure` at a share of 0.24). Loading the
 * service's module graph tenures a few dozen sites, and more tenure under load. Objects of a
 * tenured site that die with their request stay in the old space until the next full
 * collection, and until then keep the young objects they point to (a page of rows, a request's
 * strings) alive through every young collection, which promotes those in turn. A
 * request/response server has no site whose objects outlive its requests often enough to gain
 * from pretenuring, and it lost this much to it (`bench/README.md`, ninth round).
 */
export function applyV8Flags(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
