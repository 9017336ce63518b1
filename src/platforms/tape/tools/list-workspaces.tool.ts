import { defineTool, numbered } from '../../tool-definition.js';
import { NoInput } from '../../dto/tape-inputs.dto.js';

export const listWorkspaces = defineTool({
  platform: 'tape',
  name: 'listWorkspaces',
  description: "List the workspaces of the connected Tape organization",
  writes: false,
  input: NoInput,
  async run(tape) {
    const { workspaces } = await tape.listWorkspaces();
    return { workspaces: workspaces.map((w) => ({ id: w.workspace_id, name: w.name, description: w.description ?? null })) };
  },
  text: ({ workspaces }) => `Found ${workspaces.length} workspaces:\n${numbered(workspaces, (w) => `${w.name} (ID: ${w.id})`)}`.trimEnd(),
});
