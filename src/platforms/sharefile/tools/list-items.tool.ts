import { defineTool, numbered } from '../../tool-definition.js';
import { ListItemsInput } from '../../dto/sharefile-inputs.dto.js';
import { describe, toItem } from './sharefile-shapes.js';

const DEFAULT_PAGE = 100;

export const listItems = defineTool({
  platform: 'sharefile',
  name: 'listItems',
  description: 'List the items of a ShareFile folder (your home folder by default), a page at a time',
  writes: false,
  input: ListItemsInput,
  async run(sharefile, input) {
    const top = input.limit ?? DEFAULT_PAGE;
    const skip = input.offset ?? 0;
    const page = await sharefile.children(input.folder_id ?? 'home', { top, skip });
    const items = page.value.map(toItem);
    const more = Boolean(page['odata.nextLink']) || (page['odata.count'] ?? 0) > skip + items.length;
    return { items, next_offset: more ? skip + items.length : null };
  },
  text: ({ items, next_offset }, input) =>
    [
      `Found ${items.length} items in folder ${input.folder_id ?? 'home'}:`,
      numbered(items, describe),
      next_offset !== null ? `More items: pass offset ${next_offset}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
});
