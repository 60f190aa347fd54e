import { CustomDecorator, INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { MediaTypeObject, OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CursorPage, Page } from '../common/pagination';
import { PAGE_EXTENSION, SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import type { Surface } from '../common/surfaces/surface';
import { SURFACES, surfaceOf } from '../common/surfaces/surfaces';
import { DELEGATE_TOKEN } from '../cas/realm-auth.guard';
import { USER_JWT } from '../identity/auth-strategies';
import { PACKAGE_INFO } from './package-info';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ticket platform')
    .setDescription(
      'Ticket APIs served by one backend. Each surface keeps the wire contract of its seed document: ' +
        'field case, time format, error body, success envelope and list shape differ between them on purpose. ' +
        'Log in with POST /api/oauth/login and use the accessToken as the bearer token.',
    )
    .setVersion(PACKAGE_INFO.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A user access token from POST /api/oauth/login' }, USER_JWT)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'base64', description: "A delegate's access token (base64 of 32 bytes) from POST /api/realm/{realmId}/delegates or POST /api/auth/refresh" }, DELEGATE_TOKEN)
    .addTag('realm', 'Seed 002: realm CAS — delegates and tokens, nodes, claim, depots. Errors {error, message, details}; times epoch ms')
    .addTag('identity', 'Login, token refresh, current user. Errors: {error, message, details}')
    .addTag('admin', 'User administration (admin role)')
    .addTag('ops', 'Health and service information')
    .addTag('support', 'Seed 001: help-desk tickets, comments, stats, SLA. Envelope {success, message, data}; errors {success:false, message, error_code, details}')
    .addTag('workflow', 'Seed 004: repair-shop intake, assignment, work sessions, QC, XP. Errors {detail} (DRF); lists {count, next, previous, results}')
    .addTag('webhooks', 'Seed 001 §8: webhook subscriptions, delivery log, redelivery (admin). Support envelope')
    .build();
  return inSurfaceFormats(SwaggerModule.createDocument(app, config), successMessages(app));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * OpenAPI extension of an operation whose success answers its view in another state than the
 * view's example shows: the example's fields replaced by these, e.g.
 * `@ApiExtension('x-example-fields', { status: 'ASSIGNED' })`. Consumed here, not published.
 */
const EXAMPLE_FIELDS = 'x-example-fields';

const errorSchemaName = (surface: Surface) => `${surface.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Error`;

/**
 * Documents every operation's bodies as its surface sends them, from the same Surface objects
 * that render them at run time: success bodies in the surface's envelope or page shape, and on
 * each 4xx/5xx response the surface's error schema (plus its validation status where the
 * operation takes input, and a 500). JSON request and success bodies get an example built from
 * their views' property examples (see ExampleBuilder).
 */
function inSurfaceFormats(document: OpenAPIObject, messages: Map<string, string>): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ??= {};
  for (const surface of SURFACES) schemas[errorSchemaName(surface)] = surface.errorSchema;
  admitNullViews(schemas);
  const examples = new ExampleBuilder(schemas);
  for (const [path, item] of Object.entries(document.paths)) {
    const surface = surfaceOf(path);
    const errorContent = { 'application/json': { schema: { $ref: `#/components/schemas/${errorSchemaName(surface)}` } } };
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const requestBody = operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody.content['application/json'] : undefined;
      if (requestBody) examples.annotate(requestBody, (example) => example);
      const success = { path, message: messages.get(operation.operationId ?? '') ?? '' };
      documentSuccess(operation, surface, examples, success);
      const responses = operation.responses;
      if (operation.requestBody || operation.parameters?.length) {
        responses[surface.validationStatus] ??= { description: 'Validation failed: the body, query or path is malformed' };
      }
      responses['500'] ??= { description: 'Unexpected error (logged with the request id; no details returned)' };
      for (const [status, response] of Object.entries(responses)) {
        if (response && Number(status) >= 400 && !('$ref' in response) && !response.content) response.content = errorContent;
      }
    }
  }
  return document;
}

const NULL_ONLY: SchemaObject = { type: 'object', nullable: true, enum: [null] };

/**
 * A nested view that may be null (`creator: PersonView | null`): the Swagger plugin writes
 * `{nullable: true, allOf: [$ref]}`, which under OpenAPI 3.0.3 still refuses null (`nullable`
 * only widens `type`). Spelled out as "the view, or null".
 */
function admitNullViews(schemas: Record<string, SchemaObject | ReferenceObject>): void {
  for (const schema of Object.values(schemas)) {
    for (const property of Object.values(('properties' in schema && schema.properties) || {})) {
      if ('$ref' in property || !property.nullable || property.allOf?.length !== 1) continue;
      property.anyOf = [property.allOf[0], NULL_ONLY];
      delete property.allOf;
    }
  }
}

function documentSuccess(operation: OperationObject, surface: Surface, examples: ExampleBuilder, route: { path: string; message: string }): void {
  const record = operation as OperationObject & Record<string, unknown>;
  const pageField = record[PAGE_EXTENSION] as string | undefined;
  const fields = record[EXAMPLE_FIELDS] as Record<string, unknown> | undefined;
  delete record[PAGE_EXTENSION];
  delete record[EXAMPLE_FIELDS];
  const context = { message: route.message, request: { protocol: 'http', host: 'localhost:3000', url: route.path } };
  for (const [status, response] of Object.entries(operation.responses)) {
    const code = Number(status);
    if (code < 200 || code >= 300 || !response || '$ref' in response) continue;
    const json = response.content?.['application/json'];
    if (!json?.schema) continue;
    const schema = pageField ? ((json.schema as SchemaObject).items ?? json.schema) : json.schema;
    // The view's example (one item of a page), rendered by the surface as it renders results:
    // the realm surface pages by cursor, the others by offset.
    examples.annotate({ ...json, schema }, (viewExample) => {
      const example = fields ? { ...(viewExample as object), ...fields } : viewExample;
      const result = !pageField ? example : surface.name === 'realm' ? new CursorPage([example], null, pageField) : new Page([example], 1, 1, 20);
      return surface.renderSuccess(result, context);
    }, json);
    json.schema = surface.documentSuccess(schema, pageField ? { field: pageField } : null);
  }
}

/**
 * The @SuccessMessage of every route by operationId (`Controller_method`, Nest's default), for
 * the examples of surfaces whose envelope carries it.
 */
function successMessages(app: INestApplication): Map<string, string> {
  const key = (SuccessMessage('') as unknown as CustomDecorator<string>).KEY;
  const messages = new Map<string, string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const prototype = (metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!metatype || !prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        const message: unknown = typeof handler === 'function' ? Reflect.getMetadata(key, handler) : undefined;
        if (typeof message === 'string') messages.set(`${metatype.name}_${name}`, message);
      }
    }
  }
  return messages;
}

/**
 * Whole-body examples composed from the schemas' own examples: a property's `example` (the
 * `@example` JSDoc of a view or DTO property, set by the Swagger plugin) wins; otherwise objects
 * are built from their required properties and the optional ones that carry an example, arrays
 * hold one item, a nullable value without an example is null, and anything else without one is
 * left out (so a required field that lacks an example shows up as an invalid example in
 * test/e2e/openapi-docs.e2e-spec.ts, not as made-up data).
 */
class ExampleBuilder {
  constructor(private readonly schemas: Record<string, SchemaObject | ReferenceObject>) {}

  /** Sets `target`'s media example (default: `media` itself) to `render(example of media.schema)`, unless it has one. */
  annotate(media: MediaTypeObject, render: (example: unknown) => unknown, target: MediaTypeObject = media): void {
    if (target.example !== undefined || target.examples || !media.schema) return;
    const example = this.exampleOf(media.schema, 0);
    if (example !== undefined) target.example = render(example);
  }

  private exampleOf(schema: SchemaObject | ReferenceObject, depth: number): unknown {
    if (depth > 12) return undefined;
    if ('$ref' in schema) return this.exampleOf(this.schemas[schema.$ref.split('/').pop()!] ?? {}, depth + 1);
    if (schema.example !== undefined) return schema.example;
    const branch = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.find((s) => s !== NULL_ONLY);
    if (branch) return this.exampleOf(branch, depth + 1);
    if (schema.type === 'array') {
      const item = schema.items && this.exampleOf(schema.items, depth + 1);
      return item === undefined ? undefined : [item];
    }
    if (schema.type === 'object' || schema.properties) {
      const required = new Set(schema.required ?? []);
      const shown = Object.entries(schema.properties ?? {}).filter(([name, property]) => required.has(name) || ('example' in property && property.example !== undefined));
      const entries = shown.map(([name, property]) => [name, this.exampleOf(property, depth + 1)] as const);
      return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
    }
    return schema.nullable ? null : undefined;
  }
}

/** Swagger UI at /docs, the OpenAPI JSON at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
