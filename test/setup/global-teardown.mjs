import { rmSync } from 'node:fs';
import { pgliteTemplatePath } from './paths.mjs';

export default function globalTeardown() {
  rmSync(pgliteTemplatePath(), { force: true });
}
