import { defineTool } from '../../tool-definition.js';
import { display, valuesOf } from '../../field-values.js';
import { ItemIdInput } from '../../dto/podio-inputs.dto.js';
import { toItem } from './podio-shapes.js';

export const getItem = defineTool({
  platform: 'podio',
  name: 'getItem',
  description: 'Get a Podio item with its field values',
  writes: false,
  input: ItemIdInput,
  async run(podio, input) {
    const item = await podio.getItem(input.item_id);
    const fields = (item.fields ?? []).map((f) => ({ id: f.field_id, external_id: f.external_id ?? null, label: f.label, values: valuesOf(f.values) }));
    return { item: { ...toItem(item), app_id: item.app?.app_id ?? null, fields } };
  },
  text: ({ item }) =>
    [`Item ${item.title ?? '(untitled)'} (ID: ${item.id}):`, ...item.fields.map((f) => `- ${f.label}: ${f.values.map(display).join(', ')}`)].join('\n'),
});
