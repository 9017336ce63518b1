import { defineTool } from '../../tool-definition.js';
import { UpdateRecordInput } from '../../dto/tape-inputs.dto.js';
import { toRecord } from './tape-shapes.js';

export const updateRecord = defineTool({
  platform: 'tape',
  name: 'updateRecord',
  description: 'Update fields of a Tape record',
  writes: true,
  input: UpdateRecordInput,
  async run(tape, input) {
    return { record: toRecord(await tape.updateRecord(input.record_id, input.fields)) };
  },
  text: ({ record }) => `Updated record ${record.title ?? '(untitled)'} (ID: ${record.id})`,
});
