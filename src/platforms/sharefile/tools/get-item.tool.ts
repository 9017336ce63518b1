import { defineTool } from '../../tool-definition.js';
import { ItemIdInput } from '../../dto/sharefile-inputs.dto.js';
import { describe, toItem } from './sharefile-shapes.js';

export const getItem = defineTool({
  platform: 'sharefile',
  name: 'getItem',
  description: 'Get a ShareFile item (file or folder) by id',
  writes: false,
  input: ItemIdInput,
  async run(sharefile, input) {
    return { item: toItem(await sharefile.item(input.item_id)) };
  },
  text: ({ item }) => describe(item),
});
