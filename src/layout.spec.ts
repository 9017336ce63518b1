import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The layout rule (README, "How it is built"), checked by scripts/check-import-cycles.mjs. */
const SCRIPT = path.resolve('scripts/check-import-cycles.mjs');

function check(srcDir?: string) {
  const result = spawnSync(process.execPath, srcDir ? [SCRIPT, srcDir] : [SCRIPT], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

describe('the layout rule', () => {
  let dir: string;
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'layout-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds for this repository', () => {
    expect(check()).toEqual({ status: 0, out: expect.stringMatching(/^layout ok: \d+ folders, no cycle/) });
  });

  it('passes a tree that follows it', () => {
    write({
      'main.ts': "import { ToolsModule } from './tools/index.js';",
      'tools/index.ts': "export * from './tools.module.js';",
      'tools/tools.module.ts': "import { AuthModule } from '../auth/index.js';\nimport { PlatformsModule } from '../platforms/index.js';",
      'platforms/index.ts': "import { x } from '../common/x.js';",
      'auth/index.ts': "import { Database } from '../database/database.js';",
      'database/database.ts': "import { y } from '../common/y.js';\nimport { z } from '../config/z.js';",
    });
    expect(check(dir)).toEqual({ status: 0, out: 'layout ok: 7 folders, no cycle, cross-folder imports through index.ts' });
  });

  it('fails on a cycle between two feature folders, naming the imports that make it', () => {
    write({
      'tools/index.ts': "export { a } from './tool-definition.js';",
      'tools/tool-definition.ts': "import type { Client } from '../platforms/index.js';",
      'platforms/index.ts': "export { defineTool } from './tape/list-apps.tool.js';",
      'platforms/tape/list-apps.tool.ts': "import { defineTool } from '../../tools/index.js';",
    });
    expect(check(dir)).toEqual({
      status: 1,
      out: "import cycle between folders: platforms -> tools -> platforms (platforms/tape/list-apps.tool.ts imports '../../tools/index.js'; tools/tool-definition.ts imports '../platforms/index.js')",
    });
  });

  it("fails when a feature reaches into another feature's files", () => {
    write({
      'tools/tools.service.ts': "import { ConnectionsService } from '../connections/connections.service.js';",
      'connections/connections.service.ts': 'export class ConnectionsService {}',
    });
    expect(check(dir)).toEqual({
      status: 1,
      out: "tools/tools.service.ts imports '../connections/connections.service.js': another folder's internals; import 'connections/index.js' (add the name to its exports)",
    });
  });

  it('fails when the base or auth imports upwards', () => {
    write({
      'common/filter.ts': "import { Public } from '../auth/index.js';",
      'auth/index.ts': "import { ToolsModule } from '../tools/index.js';",
      'tools/index.ts': 'export {};',
    });
    expect(check(dir)).toEqual({
      status: 1,
      out: ["auth/index.ts imports '../tools/index.js': auth/ may not import tools/", "common/filter.ts imports '../auth/index.js': common/ may not import auth/"].join('\n'),
    });
  });
});
