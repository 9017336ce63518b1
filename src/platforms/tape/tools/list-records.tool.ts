import { defineTool, numbered } from '../../tool-definition.js';
import { ListRecordsInput } from '../../dto/tape-inputs.dto.js';
import { toRecord } from './tape-shapes.js';

export const listRecords = defineTool({
  platform: 'tape',
  name: 'listRecords',
  description: 'List the records of a Tape app, a page at a time (`limit`, `cursor`)',
  writes: false,
  input: ListRecordsInput,
  async run(tape, input) {
    const page = await tape.listRecords(input.app_id, { limit: input.limit, cursor: input.cursor });
    return {
      records: page.records.map(toRecord),
      total: page.total ?? page.records.length,
      cursor: page.cursor ?? null,
    };
  },
  text: ({ records, total, cursor }, input) =>
    [
      `Found ${total} records in app ${input.app_id} (showing ${records.length}):`,
      numbered(records, (r) => `${r.title ?? '(untitled)'} (ID: ${r.id})`),
      cursor ? `More records: pass cursor "${cursor}"` : '',
    ]
      .filter(Boolean)
      .join('\n'),
});
