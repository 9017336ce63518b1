#!/usr/bin/env node
/**
 * The layout rule, checked from the TypeScript imports (no dependencies; run by `npm test`).
 *
 *   files directly in src/ (main.ts, server.ts, app.*.ts), cli/   may import any folder
 *   feature folders (everything else) may import other features, auth/, and the base
 *   auth/                             may import only the base
 *   common/, config/, database/       (the base) may import only each other
 *
 * and:
 *   1. no cycle between top-level folders of src/ (a feature importing another is fine, two
 *      features importing each other is not);
 *   2. another folder's feature or auth/ is imported only through its `index.ts`: what a
 *      module exports is its public surface, the rest of the folder is its own business.
 *
 * Usage: node scripts/check-import-cycles.mjs [srcDir]   (default: src next to this script)
 * Exit 0 and one summary line when the rule holds; exit 1 and one line per breach otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = new Set(['common', 'config', 'database']);
const AUTH = 'auth';
const TOP = new Set(['(root)', 'cli']);

/** Relative specifiers of `import ... from`, `export ... from`, `import '...'` and `import('...')`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

function sourceFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(ts|mts)$/.test(name) && !/\.(d|spec)\.ts$/.test(name)) files.push(full); // specs are tests, not the app
  }
  return files;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The top-level folder of a path relative to src (`(root)` for files directly in src). */
const folderOf = (rel) => (rel.includes('/') ? rel.split('/')[0] : '(root)');

function layer(folder) {
  if (TOP.has(folder)) return 3;
  if (BASE.has(folder)) return 0;
  if (folder === AUTH) return 1;
  return 2; // a feature
}

export function checkLayout(srcDir) {
  const problems = [];
  const edges = new Map(); // folder -> Map(folder -> first "file -> spec" seen)
  for (const file of sourceFiles(srcDir)) {
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    const from = folderOf(rel);
    for (const match of stripComments(readFileSync(file, 'utf8')).matchAll(IMPORT)) {
      const spec = match[2];
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
      if (target.startsWith('../')) continue; // outside src
      const to = folderOf(target);
      if (to === from) continue;
      const where = `${rel} imports '${spec}'`;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, where);
      if (layer(to) > layer(from)) {
        problems.push(`${where}: ${from}/ may not import ${to === '(root)' ? 'the application root' : `${to}/`}`);
      }
      if (layer(to) >= 1 && layer(to) <= 2 && target !== `${to}/index.js` && target !== `${to}/index.ts` && target !== `${to}/index`) {
        problems.push(`${where}: another folder's internals; import '${to}/index.js' (add the name to its exports)`);
      }
    }
  }
  for (const cycle of folderCycles(edges)) {
    const steps = cycle.map((folder, i) => edges.get(folder).get(cycle[(i + 1) % cycle.length]));
    problems.push(`import cycle between folders: ${[...cycle, cycle[0]].join(' -> ')} (${steps.join('; ')})`);
  }
  return { problems, folders: [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort() };
}

/** Strongly connected components of more than one folder (Tarjan), each as one cycle through it. */
function folderCycles(edges) {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const cycles = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) {
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
      }
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(cycleWithin(new Set(component), edges));
    }
  };
  for (const v of [...edges.keys()].sort()) if (!meta.has(v)) visit(v);
  return cycles;
}

/** One concrete cycle inside a strongly connected component (breadth-first back to the start). */
function cycleWithin(component, edges) {
  const start = [...component].sort()[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = previous.get(v); p; p = previous.get(p)) path.unshift(p);
        return path;
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcDir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src'));
  const { problems, folders } = checkLayout(srcDir);
  if (problems.length) {
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  console.log(`layout ok: ${folders.length} folders, no cycle, cross-folder imports through index.ts`);
}
