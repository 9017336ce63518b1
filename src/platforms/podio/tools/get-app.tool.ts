import { AppIdInput } from '../../dto/shared-inputs.dto.js';
import { defineTool, numbered } from '../../tool-definition.js';
import { toApp } from './podio-shapes.js';

export const getApp = defineTool({
  platform: 'podio',
  name: 'getApp',
  description: 'Get a Podio app and its fields',
  writes: false,
  input: AppIdInput,
  async run(podio, input) {
    const app = await podio.getApp(input.app_id);
    const fields = (app.fields ?? []).map((f) => ({ id: f.field_id, external_id: f.external_id ?? null, label: f.label, type: f.type ?? null }));
    return { app: { ...toApp(app), fields } };
  },
  text: ({ app }) =>
    `App ${app.name} (ID: ${app.id}) has ${app.fields.length} fields:\n${numbered(app.fields, (f) => `${f.label} (${f.type ?? 'unknown'}, ID: ${f.id})`)}`.trimEnd(),
});
