/** Emails are compared trimmed and lower-cased everywhere. */
export const normalizeEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
