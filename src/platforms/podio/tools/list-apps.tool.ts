import { defineTool, numbered } from '../../tool-definition.js';
import { SpaceIdInput } from '../../dto/podio-inputs.dto.js';
import { toApp } from './podio-shapes.js';

export const listApps = defineTool({
  platform: 'podio',
  name: 'listApps',
  description: 'List the apps of a Podio space',
  writes: false,
  input: SpaceIdInput,
  async run(podio, input) {
    return { apps: (await podio.listApps(input.space_id)).map(toApp) };
  },
  text: ({ apps }, input) => `Found ${apps.length} apps in space ${input.space_id}:\n${numbered(apps, (a) => `${a.name} (ID: ${a.id})`)}`.trimEnd(),
});
