/** Field values as Tape and Podio return them: `values: [{ value }]`, each value a scalar or an object. */
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
