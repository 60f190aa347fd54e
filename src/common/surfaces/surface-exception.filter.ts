import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(exception, request, reply, this.logger);
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
  // RFC 9110: a 401 says how to authenticate (DRF sends exactly this).
  if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="api"');
  reply.status(status).send(body);
}
