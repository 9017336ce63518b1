import { defineTool } from '../../tool-definition.js';
import { RecordIdInput } from '../../dto/tape-inputs.dto.js';
import { display, valuesOf } from '../../field-values.js';
import { toRecord } from './tape-shapes.js';

export const getRecord = defineTool({
  platform: 'tape',
  name: 'getRecord',
  description: 'Get a Tape record with its field values',
  writes: false,
  input: RecordIdInput,
  async run(tape, input) {
    const record = await tape.getRecord(input.record_id);
    const fields = (record.fields ?? []).map((f) => ({
      id: f.field_id,
      external_id: f.external_id ?? null,
      label: f.label,
      values: valuesOf(f.values),
    }));
    return { record: { ...toRecord(record), fields } };
  },
  text: ({ record }) =>
    [`Record ${record.title ?? '(untitled)'} (ID: ${record.id}):`, ...record.fields.map((f) => `- ${f.label}: ${f.values.map(display).join(', ')}`)].join('\n'),
});
