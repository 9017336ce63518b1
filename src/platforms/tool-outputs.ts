/**
 * The JSON schemas of the tools' structured results (`?format=json`), for the API description.
 * They describe what `run` returns; the API description test calls every tool with
 * `?format=json` and validates the answer against them, with every object closed.
 */
type Schema = Record<string, unknown>;

const object = (properties: Record<string, Schema>): Schema => ({ type: 'object', required: Object.keys(properties), properties });
const list = (items: Schema): Schema => ({ type: 'array', items });
const integer: Schema = { type: 'integer' };
const string: Schema = { type: 'string' };
const nullableString: Schema = { type: 'string', nullable: true };
const nullableInteger: Schema = { type: 'integer', nullable: true };
/** Field values as the platform stores them: scalars or objects. */
const values: Schema = list({ description: 'A field value as the platform returns it (a scalar or an object)' });

const namedWithId = { id: integer, name: string, description: nullableString };
const fieldDefinition = object({ id: integer, external_id: nullableString, label: string, type: nullableString });
const fieldValues = object({ id: integer, external_id: nullableString, label: string, values });

const tapeRecord = { id: integer, title: nullableString, created_on: nullableString };
export const TAPE_OUTPUTS: Record<string, Schema> = {
  listWorkspaces: object({ workspaces: list(object(namedWithId)) }),
  listApps: object({ apps: list(object(namedWithId)) }),
  getApp: object({ app: object({ ...namedWithId, workspace_id: integer, fields: list(fieldDefinition) }) }),
  listRecords: object({ records: list(object(tapeRecord)), total: integer, cursor: nullableString }),
  getRecord: object({ record: object({ ...tapeRecord, fields: list(fieldValues) }) }),
  createRecord: object({ record: object(tapeRecord) }),
  updateRecord: object({ record: object(tapeRecord) }),
};

const podioItem = { id: integer, title: nullableString };
export const PODIO_OUTPUTS: Record<string, Schema> = {
  listApps: object({ apps: list(object(namedWithId)) }),
  getApp: object({ app: object({ ...namedWithId, fields: list(fieldDefinition) }) }),
  getItem: object({ item: object({ ...podioItem, app_id: nullableInteger, fields: list(fieldValues) }) }),
  filterItems: object({ items: list(object(podioItem)), total: integer, filtered: integer }),
  createItem: object({ item: object(podioItem) }),
};

const shareFileItem = object({ id: string, name: string, type: { type: 'string', enum: ['folder', 'file'] }, size: nullableInteger, created_at: nullableString });
export const SHAREFILE_OUTPUTS: Record<string, Schema> = {
  listItems: object({ items: list(shareFileItem), next_offset: { ...nullableInteger, description: 'Pass as `offset` for the next page; null on the last' } }),
  getItem: object({ item: shareFileItem }),
  getItemByPath: object({ item: shareFileItem }),
  createFolder: object({ item: shareFileItem }),
};

export const TOOL_OUTPUTS: Record<string, Record<string, Schema>> = { tape: TAPE_OUTPUTS, podio: PODIO_OUTPUTS, sharefile: SHAREFILE_OUTPUTS };

/** The structured result schema of a tool; a tool added without one gets none (and the API description test says so). */
export function outputSchemaOf(platform: string, name: string): Schema | undefined {
  return TOOL_OUTPUTS[platform]?.[name];
}
