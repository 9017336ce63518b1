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

export const valuesOf = (values: Array<{ value?: unknown }> | undefined): unknown[] => (values ?? []).map((v) => v.value);

export const display = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['title', 'name', 'text', 'value']) if (typeof v[key] === 'string' || typeof v[key] === 'number') return String(v[key]);
    return JSON.stringify(value);
  }
  return String(value);
};
