import type { PodioApp, PodioItem } from '../podio.types.js';

/** The platform-neutral forms of Podio objects. */
export const toApp = (app: PodioApp) => ({
  id: app.app_id,
  name: app.config?.name ?? `App ${app.app_id}`,
  description: app.config?.description ?? null,
});

export const toItem = (item: PodioItem) => ({ id: item.item_id, title: item.title ?? null });
