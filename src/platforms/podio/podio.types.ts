/** The parts of Podio's REST API (https://developers.podio.com/doc) the tools read. */
export interface PodioApp {
  app_id: number;
  space_id?: number;
  config?: { name?: string; item_name?: string; description?: string | null };
  fields?: PodioField[];
}

export interface PodioField {
  field_id: number;
  external_id?: string;
  label: string;
  type?: string;
}

export interface PodioItem {
  item_id: number;
  title?: string | null;
  app?: { app_id?: number };
  created_on?: string;
  link?: string;
  fields?: Array<PodioField & { values?: Array<{ value?: unknown }> }>;
}

export interface PodioFilterResult {
  total?: number;
  filtered?: number;
  items: PodioItem[];
}
