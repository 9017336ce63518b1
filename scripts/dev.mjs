#!/usr/bin/env node
/**
 * `npm run start:dev`: builds `src` with SWC (scripts/build.mjs), runs `dist/main.js`, and on
 * every change under `src` stops it (SIGTERM: the graceful shutdown), rebuilds and starts it
 * again. Replaces `nest start --watch` (the Nest CLI pulled five packages whose `engines`
 * refuse Node 20). Like `npm start`, it does not type-check: `npm run typecheck` does.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let child;
let pending;

async function restart() {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  try {
    const started = Date.now();
    const { files } = await build();
    console.log(`[dev] built ${files} files in ${Date.now() - started} ms`);
  } catch (error) {
    console.error(`[dev] build failed: ${error instanceof Error ? error.message : error}`);
    return;
  }
  child = spawn(process.execPath, ['--expose-gc', join(root, 'dist/main.js')], { stdio: 'inherit', cwd: root });
}

watch(join(root, 'src'), { recursive: true }, (_event, file) => {
  if (!file || !file.endsWith('.ts') || file.endsWith('.spec.ts')) return;
  clearTimeout(pending);
  pending = setTimeout(() => void restart(), 100);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (child && child.exitCode === null) child.once('exit', (code) => process.exit(code ?? 0)).kill(signal);
    else process.exit(0);
  });
}
await restart();
