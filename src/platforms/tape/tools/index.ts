import { createRecord } from './create-record.tool.js';
import { getApp } from './get-app.tool.js';
import { getRecord } from './get-record.tool.js';
import { listApps } from './list-apps.tool.js';
import { listRecords } from './list-records.tool.js';
import { listWorkspaces } from './list-workspaces.tool.js';
import { updateRecord } from './update-record.tool.js';

export const TAPE_TOOLS = [listWorkspaces, listApps, getApp, listRecords, getRecord, createRecord, updateRecord];
