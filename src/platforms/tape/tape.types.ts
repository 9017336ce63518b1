/** The parts of Tape's REST API (https://developers.tapeapp.com) the tools read. */
export interface TapeWorkspace {
  workspace_id: number;
  name: string;
  slug?: string;
  description?: string | null;
}

export interface TapeApp {
  app_id: number;
  workspace_id: number;
  name: string;
  slug?: string;
  config?: { item_name?: string; name?: string; description?: string | null };
  fields?: TapeField[];
}

export interface TapeField {
  field_id: number;
  external_id?: string;
  label: string;
  type?: string;
  field_type?: string;
}

export interface TapeRecord {
  record_id: number;
  app_id?: number;
  title?: string | null;
  created_on?: string;
  fields?: Array<TapeField & { values?: Array<{ value?: unknown }> }>;
}

export type TapeWorkspaceList = { total?: number; workspaces: TapeWorkspace[] };
export type TapeAppList = { total?: number; apps: TapeApp[] };
export type TapeRecordList = { total?: number; records: TapeRecord[]; cursor?: string | null; has_more?: boolean };
