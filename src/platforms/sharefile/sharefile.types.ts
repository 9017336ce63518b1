/** ShareFile's item (https://api.sharefile.com/docs), as its OData v3 API returns it. */
export interface ShareFileItem {
  Id: string;
  Name?: string;
  FileName?: string;
  'odata.type'?: string;
  FileSizeBytes?: number;
  CreationDate?: string;
  Description?: string | null;
}

export interface ShareFileList {
  value: ShareFileItem[];
  'odata.count'?: number;
  'odata.nextLink'?: string;
}
