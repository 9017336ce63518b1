import { defineTool } from '../../tool-definition.js';
import { CreateRecordInput } from '../../dto/tape-inputs.dto.js';
import { toRecord } from './tape-shapes.js';

export const createRecord = defineTool({
  platform: 'tape',
  name: 'createRecord',
  description: 'Create a record in a Tape app',
  writes: true,
  input: CreateRecordInput,
  async run(tape, input) {
    return { record: toRecord(await tape.createRecord(input.app_id, input.fields)) };
  },
  text: ({ record }, input) => `Created record ${record.title ?? '(untitled)'} (ID: ${record.id}) in app ${input.app_id}`,
});
