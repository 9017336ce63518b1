import { defineTool, numbered } from '../../tool-definition.js';
import { FilterItemsInput } from '../../dto/podio-inputs.dto.js';
import { toItem } from './podio-shapes.js';

export const filterItems = defineTool({
  platform: 'podio',
  name: 'filterItems',
  description: 'Find items of a Podio app by filters, a page at a time (`limit`, `offset`)',
  writes: false,
  input: FilterItemsInput,
  async run(podio, input) {
    const result = await podio.filterItems(input.app_id, { filters: input.filters ?? {}, limit: input.limit, offset: input.offset });
    return { items: result.items.map(toItem), total: result.total ?? result.items.length, filtered: result.filtered ?? result.items.length };
  },
  text: ({ items, filtered }, input) =>
    `Found ${filtered} items in app ${input.app_id} (showing ${items.length}):\n${numbered(items, (i) => `${i.title ?? '(untitled)'} (ID: ${i.id})`)}`.trimEnd(),
});
