import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PACKAGE_INFO } from './package-info';


export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ticket platform')
    .setDescription(
      'Five ticket APIs served by one backend. Each surface keeps the wire contract of its seed document: ' +
        'field case, time format, error body and list shape differ between them on purpose. ' +
        'Log in with POST /api/oauth/login and use the accessToken as the bearer token.',
    )
    .setVersion(PACKAGE_INFO.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addTag('identity', 'Login, token refresh, current user. Errors: {error, message, details}')
    .addTag('admin', 'User administration (admin role)')
    .addTag('ops', 'Health and service information')
    .addTag('webhooks', 'Seed 001 §8: webhook subscriptions, delivery log, redelivery (admin). Support envelope')
    .addTag('file-tickets', 'Seed 003: PD2 file tickets. Errors: {detail}')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs, the OpenAPI JSON at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
