import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { Page } from '../pagination';

const MESSAGE_KEY = 'support:message';

/**
 * Seed 001's success envelope: `{success: true, message, data}`, and for a Page
 * `{success, message, data: [...], pagination: {total, page, page_size, total_pages}}`.
 * An empty result (204) is sent as is.
 */
@Injectable()
export class SupportEnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const message = this.reflector.get<string | undefined>(MESSAGE_KEY, context.getHandler()) ?? '';
    return next.handle().pipe(map((result: unknown) => wrap(result, message)));
  }
}

export function wrap(result: unknown, message: string): unknown {
  if (result === undefined) return undefined;
  if (result instanceof Page) {
    return {
      success: true,
      message,
      data: result.items,
      pagination: { total: result.total, page: result.page, page_size: result.pageSize, total_pages: result.totalPages },
    };
  }
  return { success: true, message, data: result };
}

/** Wraps a support route's result in the envelope, with this success message. */
export function SupportResponse(message = ''): MethodDecorator {
  return applyDecorators(SetMetadata(MESSAGE_KEY, message), UseInterceptors(SupportEnvelopeInterceptor));
}
