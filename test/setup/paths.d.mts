export function pgliteTemplatePath(): string;
export const DEFAULT_TEST_DATABASE_URL: string;
