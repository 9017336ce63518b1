/**
 * The platform fakes the tests use (`test/fakes/*.ts`: real HTTP servers speaking Tape's,
 * Podio's and ShareFile's documented APIs over a little demo data, OAuth token endpoints
 * included), compiled with SWC next to a build (`<outDir>/fakes`) and loaded as ES modules.
 * Shared by `npm run sandbox` and `npm run bench`.
 */
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SWC_OPTIONS } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function loadFakes(outDir) {
  const sourceDir = join(root, 'test', 'fakes');
  const target = join(outDir, 'fakes');
  await mkdir(target, { recursive: true });
  for (const name of (await readdir(sourceDir)).filter((n) => n.endsWith('.ts'))) {
    const file = join(sourceDir, name);
    const { code } = await transformFile(file, { ...SWC_OPTIONS, filename: file, swcrc: false, configFile: false });
    await writeFile(join(target, name.replace(/\.ts$/, '.js')), code);
  }
  const load = (name) => import(pathToFileURL(join(target, `${name}.js`)).href);
  const [tape, podio, sharefile, oauth] = await Promise.all(['fake-tape.server', 'fake-podio.server', 'fake-sharefile.server', 'fake-oauth'].map(load));
  return { ...tape, ...podio, ...sharefile, ...oauth };
}
