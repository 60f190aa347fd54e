import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonError, CommonErrorCode } from '../errors/domain-error';
import { RouteCatalog } from '../http/route-catalog';
import { toErrorView } from './error-view';
import { surfaceOfRequest } from './surfaces';

/**
 * The one last-resort filter: every error, thrown anywhere, leaves in the format of the
 * surface whose route was called. Unexpected errors are logged with the request id and
 * answered with a plain 500.
 */
@Catch()
export class SurfaceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly routes: RouteCatalog) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(this.wrongMethod(exception, request) ?? exception, request, reply, this.logger);
  }

  /** No route for this method, but some for the path: 405 with the methods it allows (RFC 9110, DRF). */
  private wrongMethod(exception: unknown, request: FastifyRequest): CommonError | null {
    if (request.routeOptions?.url || toErrorView(exception).status !== 404) return null;
    const allowed = this.routes.allowedMethods(request.url.split('?', 1)[0]);
    if (allowed.length === 0) return null;
    return new CommonError(CommonErrorCode.METHOD_NOT_ALLOWED, `Method "${request.method}" not allowed.`, { allowed });
  }
}

export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const view = toErrorView(exception);
  if (view.unexpected) {
    logger.error({ err: exception, requestId: request.id, url: request.url }, 'Unhandled error');
  }
  const { status, body } = surfaceOfRequest(request).renderError(view);
  if (reply.sent) return;
  if (view.retryAfterSeconds !== undefined) reply.header('Retry-After', String(view.retryAfterSeconds));
  // RFC 9110: a 401 says how to authenticate (DRF sends exactly this); a 405 which methods exist.
  if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="api"');
  if (status === 405 && Array.isArray(view.details?.allowed)) reply.header('Allow', view.details.allowed.join(', '));
  reply.status(status).send(body);
}
