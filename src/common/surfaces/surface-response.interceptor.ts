import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { surfaceOfRequest } from './surfaces';

const MESSAGE_KEY = 'surface:success-message';
/** OpenAPI extension marking a paginated operation; swagger.ts turns it into the surface's page schema. */
export const PAGE_EXTENSION = 'x-page-field';

/**
 * The one place a handler's result becomes a success body: the surface of the route renders it
 * (seed 001's envelope, DRF pages, realm cursor pages…), as SurfaceExceptionFilter renders errors.
 */
@Injectable()
export class SurfaceResponseInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const surface = surfaceOfRequest(request);
    const message = this.reflector.get<string | undefined>(MESSAGE_KEY, context.getHandler()) ?? '';
    return next.handle().pipe(map((result: unknown) => surface.renderSuccess(result, { message, request })));
  }
}

/** The success message of a route, for surfaces whose envelope carries one (seed 001). */
export const SuccessMessage = (message: string): MethodDecorator => SetMetadata(MESSAGE_KEY, message);

interface SuccessDoc {
  status?: number;
  description?: string;
}

/** Documents the success body: a `view` (class with the Swagger plugin), in the route's surface format. */
export function ApiSuccess(view: Type<unknown> | [Type<unknown>], options: SuccessDoc = {}): MethodDecorator {
  const [type, isArray] = Array.isArray(view) ? [view[0], true] : [view, false];
  return ApiResponse({ status: options.status ?? 200, description: options.description ?? 'Success', type, isArray });
}

/** Documents a paginated success body of `view` items; `field` names the list on cursor-paged surfaces. */
export function ApiPage(view: Type<unknown>, options: SuccessDoc & { field?: string } = {}): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: options.status ?? 200, description: options.description ?? 'One page of results', type: view, isArray: true }),
    ApiExtension(PAGE_EXTENSION, options.field ?? 'items'),
  );
}

/** Documents an empty success (204). */
export const ApiNoContent = (description = 'Done; no body'): MethodDecorator => ApiResponse({ status: 204, description });
