import type { TapeApp, TapeRecord } from '../tape.types.js';

/** The platform-neutral forms the Tape tools answer with under `?format=json`. */
export const toApp = (app: TapeApp) => ({
  id: app.app_id,
  name: app.name,
  description: app.config?.description ?? null,
});

export const toRecord = (record: TapeRecord) => ({
  id: record.record_id,
  title: record.title ?? null,
  created_on: record.created_on ?? null,
});
