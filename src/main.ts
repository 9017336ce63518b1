/**
 * The process's entry: V8's flags (`common/memory/v8-flags.ts`), then the service. The service
 * is imported dynamically because a static import is loaded, linked and allocated for before
 * the body of the module that imports it runs; the flags must hold from its first allocation.
 */
import { applyV8Flags } from './common/memory/v8-flags.js';

applyV8Flags();
await import('./server.js');
