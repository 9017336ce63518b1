import { CreateInAppInput } from '../../dto/shared-inputs.dto.js';
import { defineTool } from '../../tool-definition.js';
import { toItem } from './podio-shapes.js';

export const createItem = defineTool({
  platform: 'podio',
  name: 'createItem',
  description: 'Create an item in a Podio app',
  writes: true,
  input: CreateInAppInput,
  async run(podio, input) {
    return { item: toItem(await podio.createItem(input.app_id, input.fields)) };
  },
  text: ({ item }, input) => `Created item ${item.title ?? '(untitled)'} (ID: ${item.id}) in app ${input.app_id}`,
});
