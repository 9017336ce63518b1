#!/usr/bin/env node
/**
 * The fast build: compiles `src/**\/*.ts` (specs excluded) to ESM JavaScript with SWC, the
 * same options as the Jest transform (jest.config.js), in a couple of seconds. It does not
 * type-check: `npm run typecheck` (and `pretest`) does. Used by `npm start`, `npm run bench`,
 * the CLI, and the tests that run the real `main.js` as a child process.
 *
 *   node scripts/build.mjs [outDir]     (default: dist)
 *
 * The output folder must sit at the repository root (one level deep, like `dist`): the
 * migrations are found at `<outDir>/database/../../drizzle`.
 */
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'src');

export const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

async function sources(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sources(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

export async function build(outDir = join(root, 'dist')) {
  const out = resolve(root, outDir);
  if (dirname(out) !== root) throw new Error(`build: ${out} must be a folder directly under ${root}`);
  await rm(out, { recursive: true, force: true });
  const files = await sources(sourceDir);
  await Promise.all(
    files.map(async (file) => {
      const target = join(out, relative(sourceDir, file)).replace(/\.ts$/, '.js');
      const { code } = await transformFile(file, { ...SWC_OPTIONS, filename: file, swcrc: false, configFile: false });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  return { outDir: out, files: files.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { outDir, files } = await build(process.argv[2]);
  console.log(`built ${files} files into ${relative(root, outDir)} in ${Date.now() - started} ms`);
}
