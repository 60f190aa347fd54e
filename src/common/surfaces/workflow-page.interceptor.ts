import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { Page } from '../pagination';

/**
 * Seed 004's (DRF) list shape: `{count, next, previous, results}`, where next/previous are the
 * absolute URLs of the neighbouring pages, or null at the ends.
 */
@Injectable()
export class WorkflowPageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(map((result: unknown) => (result instanceof Page ? drfPage(result, request) : result)));
  }
}

export function drfPage<T>(page: Page<T>, request: Pick<FastifyRequest, 'protocol' | 'host' | 'url'>) {
  const link = (n: number) => {
    const url = new URL(request.url, `${request.protocol}://${request.host}`);
    url.searchParams.set('page', String(n));
    url.searchParams.set('page_size', String(page.pageSize));
    return url.toString();
  };
  return {
    count: page.total,
    next: page.page < page.totalPages ? link(page.page + 1) : null,
    previous: page.page > 1 ? link(page.page - 1) : null,
    results: page.items,
  };
}

/** Renders a returned Page in the DRF list shape. */
export const DrfPaginated = (): MethodDecorator & ClassDecorator => UseInterceptors(WorkflowPageInterceptor);
