import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** The `{user_id}` of seed 003's routes, documented once. */
export const UserIdParam = () => ApiParam({ name: 'user_id', description: '`@me`, a Discord id, or our user id', example: '@me' });
import type { FastifyRequest } from 'fastify';
import type { MultipartSource, UploadPart } from './ticket-upload';

/** The routes that take multipart/form-data bodies (app.factory.ts refuses multipart anywhere else, 415). */
export function acceptsMultipart(method: string, routeUrl: string | undefined): boolean {
  return method === 'POST' && routeUrl === '/ticket';
}

interface MultipartRequest {
  isMultipart?: () => boolean;
  parts(options: unknown): AsyncIterable<UploadPart>;
}

/** The request's multipart body, to be read by the service (which sets the limits). */
export const Multipart = createParamDecorator((_: unknown, ctx: ExecutionContext): MultipartSource => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>() as unknown as MultipartRequest;
  return { isMultipart: request.isMultipart?.() ?? false, parts: (options) => request.parts(options) };
});

/** The rest of the path a `…/*` route matched (decoded), e.g. `src/Main.java`: OpenAPI documents it as `{path}`. */
export const WildcardPath = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const params = ctx.switchToHttp().getRequest<{ params?: Record<string, string | undefined> }>().params;
  return params?.['*'] ?? '';
});
