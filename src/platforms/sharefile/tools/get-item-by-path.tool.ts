import { defineTool } from '../../tool-definition.js';
import { ItemByPathInput } from '../../dto/sharefile-inputs.dto.js';
import { describe, toItem } from './sharefile-shapes.js';

export const getItemByPath = defineTool({
  platform: 'sharefile',
  name: 'getItemByPath',
  description: 'Get a ShareFile item by its path, e.g. /Shared/Reports',
  writes: false,
  input: ItemByPathInput,
  async run(sharefile, input) {
    return { item: toItem(await sharefile.itemByPath(input.path)) };
  },
  text: ({ item }, input) => `${input.path}: ${describe(item)}`,
});
