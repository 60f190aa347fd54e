import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const declaredTypes = new WeakMap<object, string | undefined>();

/**
 * Routes whose body is a file's own bytes, whatever type it declares (a JSON or form file
 * included): their requests reach the raw stream parser, and the declared Content-Type is
 * kept for the handler (@DeclaredContentType()). Every other route parses by Content-Type.
 */
export function acceptRawBodies(fastify: FastifyInstance, isRawRoute: (url: string) => boolean): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const url = request.routeOptions.url;
    if (url !== undefined && isRawRoute(url)) {
      declaredTypes.set(request, request.headers['content-type']);
      request.headers['content-type'] = 'application/octet-stream';
    }
    done();
  });
}

/** The Content-Type the client sent to a raw-body route. */
export const DeclaredContentType = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => declaredTypes.get(ctx.switchToHttp().getRequest<FastifyRequest>()));
