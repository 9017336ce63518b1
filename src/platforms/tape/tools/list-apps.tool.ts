import { defineTool, numbered } from '../../tool-definition.js';
import { WorkspaceIdInput } from '../../dto/tape-inputs.dto.js';
import { toApp } from './tape-shapes.js';

export const listApps = defineTool({
  platform: 'tape',
  name: 'listApps',
  description: 'List the apps of a Tape workspace',
  writes: false,
  input: WorkspaceIdInput,
  async run(tape, input) {
    const { apps } = await tape.listApps(input.workspace_id);
    return { apps: apps.map(toApp) };
  },
  text: ({ apps }, input) =>
    `Found ${apps.length} apps in workspace ${input.workspace_id}:\n${numbered(apps, (a) => `${a.name} (ID: ${a.id})`)}`.trimEnd(),
});
