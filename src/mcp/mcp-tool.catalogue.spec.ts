import { TOOL_DESCRIPTIONS, TOOLS } from '../platforms/index.js';
import { McpToolCatalogue } from './mcp-tool.catalogue.js';
import { MCP_RESPONSE_EXAMPLES } from './mcp.openapi.js';

describe('McpToolCatalogue', () => {
  const sut = McpToolCatalogue;

  it('has one entry per registry tool, named <platform>_<tool> within MCP’s name rules, unique', () => {
    const names = sut.all.map((entry) => entry.listing.name);
    expect(names).toEqual(TOOLS.map((tool) => `${tool.platform}_${tool.name}`));
    expect(new Set(names).size).toBe(TOOLS.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(sut.byName('tape_listApps')?.tool).toBe(TOOLS.find((tool) => tool.platform === 'tape' && tool.name === 'listApps'));
    expect(sut.byName('tape/listApps')).toBeUndefined();
  });

  it('publishes the very input schema of GET /v1/tools', () => {
    sut.all.forEach((entry, index) => expect(entry.listing.inputSchema).toBe(TOOL_DESCRIPTIONS[index]!.inputSchema));
  });

  it('annotates reads as read-only and every write with chosen destructive and idempotent hints', () => {
    for (const { tool, listing } of sut.all) {
      const hints = listing.annotations!;
      if (!tool.writes) {
        expect([listing.name, hints]).toEqual([listing.name, { title: listing.title, readOnlyHint: true, openWorldHint: true }]);
      } else {
        expect([listing.name, hints.readOnlyHint, typeof hints.destructiveHint, typeof hints.idempotentHint]).toEqual([listing.name, false, 'boolean', 'boolean']);
      }
    }
    const writes = Object.fromEntries(sut.all.filter((e) => e.tool.writes).map((e) => [e.listing.name, [e.listing.annotations!.destructiveHint, e.listing.annotations!.idempotentHint]]));
    expect(writes).toEqual({
      tape_createRecord: [false, false],
      tape_updateRecord: [true, true],
      podio_createItem: [false, false],
      sharefile_createFolder: [false, false],
    });
  });

  it('gives every tool a title and a one-line description', () => {
    for (const { listing } of sut.all) {
      expect(listing.title).toMatch(/^(Tape|Podio|ShareFile): [A-Z][a-z ]+$/);
      expect(listing.description).toMatch(/^[^\n]{10,120}$/);
    }
    expect(sut.byName('sharefile_getItemByPath')!.listing.title).toBe('ShareFile: Get item by path');
  });

  it('the Swagger example of tools/list is what the service lists', () => {
    expect(MCP_RESPONSE_EXAMPLES.list.value.result.tools).toEqual([sut.byName('tape_listApps')!.listing]);
  });

  it('lists the listings of given tools in registry order', () => {
    const reads = TOOLS.filter((tool) => !tool.writes && tool.platform === 'podio');
    expect(sut.listings(reads).map((listing) => listing.name)).toEqual(['podio_listApps', 'podio_getApp', 'podio_getItem', 'podio_filterItems']);
  });
});
