import { createFolder } from './create-folder.tool.js';
import { getItemByPath } from './get-item-by-path.tool.js';
import { getItem } from './get-item.tool.js';
import { listItems } from './list-items.tool.js';

export const SHAREFILE_TOOLS = [listItems, getItem, getItemByPath, createFolder];
