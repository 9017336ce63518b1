import { createItem } from './create-item.tool.js';
import { filterItems } from './filter-items.tool.js';
import { getApp } from './get-app.tool.js';
import { getItem } from './get-item.tool.js';
import { listApps } from './list-apps.tool.js';

export const PODIO_TOOLS = [listApps, getApp, getItem, filterItems, createItem];
