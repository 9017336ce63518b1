import { defineTool, numbered } from '../../tool-definition.js';
import { AppIdInput } from '../../dto/tape-inputs.dto.js';
import { toApp } from './tape-shapes.js';

export const getApp = defineTool({
  platform: 'tape',
  name: 'getApp',
  description: 'Get a Tape app and its fields',
  writes: false,
  input: AppIdInput,
  async run(tape, input) {
    const app = await tape.getApp(input.app_id);
    const fields = (app.fields ?? []).map((f) => ({
      id: f.field_id,
      external_id: f.external_id ?? null,
      label: f.label,
      type: f.field_type ?? f.type ?? null,
    }));
    return { app: { ...toApp(app), workspace_id: app.workspace_id, fields } };
  },
  text: ({ app }) =>
    `App ${app.name} (ID: ${app.id}) in workspace ${app.workspace_id} has ${app.fields.length} fields:\n${numbered(
      app.fields,
      (f) => `${f.label} (${f.type ?? 'unknown'}, ID: ${f.id})`,
    )}`.trimEnd(),
});
