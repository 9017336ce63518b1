import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  reqId: string;
}

/** The request being served, so every log line written while serving it names its id. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
