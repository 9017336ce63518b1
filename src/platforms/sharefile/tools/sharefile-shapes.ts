import type { ShareFileItem } from '../sharefile.types.js';

/** The platform-neutral form of a ShareFile item. */
export const toItem = (item: ShareFileItem) => ({
  id: item.Id,
  name: item.Name ?? item.FileName ?? item.Id,
  type: (item['odata.type'] ?? '').endsWith('.Folder') ? ('folder' as const) : ('file' as const),
  size: item.FileSizeBytes ?? null,
  created_at: item.CreationDate ?? null,
});

export const describe = (item: ReturnType<typeof toItem>) =>
  `${item.name} (${item.type}${item.size !== null && item.type === 'file' ? `, ${item.size} bytes` : ''}, ID: ${item.id})`;
