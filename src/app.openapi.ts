import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { PLATFORMS } from './common/enums.js';
import { exampleOf, requestSchemaOf, toOpenApi30 } from './common/http/openapi-schema.js';
import { CREDENTIALS_DTO } from './connections/index.js';
import { outputSchemaOf, PLATFORM_LABEL, TOOLS } from './platforms/index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every tag, in the order Swagger UI shows them; a tag an operation uses but this list lacks fails the lint test. */
const TAGS: Array<{ name: string; description: string }> = [
  { name: 'health', description: 'Liveness and readiness, no authentication' },
  { name: 'syncello: accounts', description: 'Register, sign in to the dashboard, API key, usage, platform connections' },
  { name: 'syncello: admin', description: 'User administration (dashboard session of an `admin`)' },
  { name: 'syncello: tools', description: 'Every tool, and the generic route that runs any of them' },
  ...PLATFORMS.map((platform) => ({ name: toolTag(platform), description: `The ${platform} tools, one operation each (served by \`POST /v1/tools/{platform}/{tool}\`)` })),
  { name: 'syncello: mcp', description: 'Model Context Protocol (Streamable HTTP, JSON-RPC 2.0): AI clients list and run the tools with the API key' },
  { name: 'synq: sign-in', description: 'Sign up, sign in, refresh, log out, accept an invitation' },
  { name: 'synq: products', description: 'The product catalogue of your organization' },
  { name: 'synq: organization', description: 'Members of your organization' },
  { name: 'synq: discovery', description: 'Public keys and issuer of Synq ID tokens' },
];

function toolTag(platform: string): string {
  return `syncello: tools: ${platform}`;
}

/** The OpenAPI document served at `/docs-json`, and Swagger UI at `/docs`. */
export function setUpOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Syncello and Synq')
    .setDescription(
      [
        '**Syncello** (`/v1`): run tools against Tape, Podio and ShareFile with your API key (an HS256 JWT).',
        'Register, then authorize with the `apiKey` under **syncello-api-key**; log in for a dashboard session under **syncello-session**.',
        'Every tool is also its own operation (`POST /v1/tools/tape/listApps`, ...), grouped by platform, with its exact input schema.',
        '**Synq** (`/api/v1`): a multi-tenant product catalogue. Sign up (or log in), then authorize with the `idToken` under **synq-id-token**; its claims choose your tenant, organization and role.',
      ].join('\n\n'),
    )
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Syncello API key (HS256 JWT)' }, 'syncello-api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Syncello dashboard session (15 minutes)' }, 'syncello-session')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Synq ID token (RS256, 1 hour), from /api/v1/auth/signup or /login' }, 'synq-id-token')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  strictRequestSchemas(document);
  addConnectionOperations(document);
  addToolOperations(document);
  addRequestExamples(document);
  document.tags = TAGS;
  toOpenApi30(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/**
 * Replaces the `@ApiProperty` view of every validated DTO in `components.schemas` with the
 * schema derived from its class-validator rules (`requestSchemaOf`): what the document says
 * a body may hold is what the validation pipe lets through. A name that two validated
 * classes share is ambiguous and left alone (none today).
 */
function strictRequestSchemas(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Json;
  const byName = new Map<string, Array<new () => object>>();
  for (const target of validatedClasses()) byName.set(target.name, [...(byName.get(target.name) ?? []), target]);
  for (const name of Object.keys(schemas)) {
    const classes = byName.get(name);
    if (classes?.length === 1) schemas[name] = requestSchemaOf(classes[0]!);
  }
}

function validatedClasses(): Array<new () => object> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  return [...storage.validationMetadatas.keys()].filter((target): target is new () => object => typeof target === 'function');
}

/** Every JSON request body that names a schema gets that schema's example (see `exampleOf`) where it has none. */
function addRequestExamples(document: OpenAPIObject): void {
  const schemas = document.components!.schemas as Json;
  for (const item of Object.values(document.paths) as Json[]) {
    for (const operation of Object.values(item) as Json[]) {
      const media = operation.requestBody?.content?.['application/json'];
      const ref = media?.schema?.$ref as string | undefined;
      if (!media || !ref || media.example !== undefined) continue;
      const example = exampleOf(schemas[ref.replace('#/components/schemas/', '')]);
      if (example) media.example = example;
    }
  }
}

/** `PUT|DELETE /v1/account/connections/tape` (...): the generic operation, one per platform, body tied to the platform. */
function addConnectionOperations(document: OpenAPIObject): void {
  const generic = document.paths['/v1/account/connections/{platform}'] as Json | undefined;
  if (!generic) return;
  const schemas = document.components!.schemas as Json;
  for (const platform of PLATFORMS) {
    const dto = CREDENTIALS_DTO[platform];
    const concrete: Json = {};
    for (const [method, operation] of Object.entries(generic) as Array<[string, Json]>) {
      concrete[method] = {
        ...structuredClone(operation),
        operationId: `${operation.operationId}_${platform}`,
        summary: `${operation.summary} (${platform})`,
        parameters: (operation.parameters ?? []).filter((p: Json) => p.in !== 'path'),
      };
      delete concrete[method].responses['404'];
      if (operation.requestBody) {
        concrete[method].requestBody = {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${dto.name}` } } },
        };
      }
    }
    document.paths[`/v1/account/connections/${platform}`] = concrete as never;
  }
  const media = generic.put?.requestBody?.content?.['application/json'];
  if (media) media.example = exampleOf(schemas[CREDENTIALS_DTO.tape.name]);
}

/**
 * `POST /v1/tools/tape/listApps` (...): every tool as its own operation, with its input schema
 * (derived from the tool's DTO like every request body), an example built from the DTO's
 * examples, and the generic operation's responses. The generic route serves these paths.
 */
function addToolOperations(document: OpenAPIObject): void {
  const generic = (document.paths['/v1/tools/{platform}/{tool}'] as Json | undefined)?.post as Json | undefined;
  if (!generic) return;
  const schemas = document.components!.schemas as Json;
  for (const tool of TOOLS) {
    const schemaName = `ToolInput.${tool.platform}.${tool.name}`;
    const schema = requestSchemaOf(tool.input);
    schemas[schemaName] = schema;
    const operation: Json = {
      ...structuredClone(generic),
      operationId: `tool_${tool.platform}_${tool.name}`,
      summary: tool.description,
      description: `\`${tool.platform}/${tool.name}\`${tool.writes ? ' writes: it needs role `member` or `admin`.' : ' only reads.'} Served by \`POST /v1/tools/{platform}/{tool}\`.`,
      tags: [toolTag(tool.platform)],
      parameters: (generic.parameters ?? []).filter((p: Json) => p.in !== 'path'),
      requestBody: {
        required: false,
        description: 'The tool input; an absent body is `{}`',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` }, ...(tool.example ? { example: tool.example } : {}) } },
      },
    };
    const output = outputSchemaOf(tool.platform, tool.name);
    if (output) {
      operation.responses['200'].content['application/json'].schema.properties.data = {
        oneOf: [
          { type: 'string', description: 'A text summary (the default), or with `?base64=true` the base64 of the text or of the JSON' },
          { ...output, description: '`?format=json`: the structured result' },
        ],
      };
    }
    const notFound = operation.responses['404']?.content?.['application/json'];
    if (notFound) {
      operation.responses['404'].description = 'The platform has no such resource';
      notFound.example = { success: false, error: { code: 'NOT_FOUND', message: `${PLATFORM_LABEL[tool.platform]}: the requested resource was not found` } };
    }
    document.paths[`/v1/tools/${tool.platform}/${tool.name}`] = { post: operation as never };
  }
  generic.requestBody.content['application/json'].schema = {
    anyOf: TOOLS.map((tool) => ({ $ref: `#/components/schemas/ToolInput.${tool.platform}.${tool.name}` })),
  };
  generic.requestBody.content['application/json'].example = exampleOf(schemas['ToolInput.tape.listApps']!);
}

