import { defineTool } from '../../tool-definition.js';
import { CreateFolderInput } from '../../dto/sharefile-inputs.dto.js';
import { describe, toItem } from './sharefile-shapes.js';

export const createFolder = defineTool({
  platform: 'sharefile',
  name: 'createFolder',
  description: 'Create a folder in a ShareFile folder',
  writes: true,
  input: CreateFolderInput,
  async run(sharefile, input) {
    return { item: toItem(await sharefile.createFolder(input.parent_id, input.name)) };
  },
  text: ({ item }, input) => `Created ${describe(item)} in folder ${input.parent_id}`,
});
