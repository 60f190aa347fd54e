import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PAGE_EXTENSION } from '../common/surfaces/surface-response.interceptor';
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
  return inSurfaceFormats(SwaggerModule.createDocument(app, config));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const errorSchemaName = (surface: Surface) => `${surface.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Error`;

/**
 * Documents every operation's bodies as its surface sends them, from the same Surface objects
 * that render them at run time: success bodies in the surface's envelope or page shape, and on
 * each 4xx/5xx response the surface's error schema (plus its validation status where the
 * operation takes input, and a 500).
 */
function inSurfaceFormats(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ??= {};
  for (const surface of SURFACES) schemas[errorSchemaName(surface)] = surface.errorSchema;
  admitNullViews(schemas);
  for (const [path, item] of Object.entries(document.paths)) {
    const surface = surfaceOf(path);
    const errorContent = { 'application/json': { schema: { $ref: `#/components/schemas/${errorSchemaName(surface)}` } } };
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      documentSuccess(operation, surface);
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

function documentSuccess(operation: OperationObject, surface: Surface): void {
  const record = operation as OperationObject & Record<string, unknown>;
  const pageField = record[PAGE_EXTENSION] as string | undefined;
  delete record[PAGE_EXTENSION];
  for (const [status, response] of Object.entries(operation.responses)) {
    const code = Number(status);
    if (code < 200 || code >= 300 || !response || '$ref' in response) continue;
    const json = response.content?.['application/json'];
    if (!json?.schema) continue;
    const schema = pageField ? ((json.schema as SchemaObject).items ?? json.schema) : json.schema;
    json.schema = surface.documentSuccess(schema, pageField ? { field: pageField } : null);
  }
}

/** Swagger UI at /docs, the OpenAPI JSON at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
