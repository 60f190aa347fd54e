import { createParamDecorator, ExecutionContext, Injectable, Param, PipeTransform } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { RequestValidationError } from '../common/errors/domain-error';
import { parseNodeKey } from './codec/node-key';

/** A `:key` path parameter: a node key (`nod_` + 26 Crockford Base32 characters), as its 16 bytes. */
@Injectable()
export class NodeKeyPipe implements PipeTransform<string, Buffer> {
  transform(value: string): Buffer {
    const key = parseNodeKey(value);
    if (!key) throw new RequestValidationError({ key: ['key must be a node key: nod_ + 26 Crockford Base32 characters'] }, 'Validation failed', 'path');
    return Buffer.from(key);
  }
}

export const NodeKeyParam = (): ParameterDecorator => Param('key', NodeKeyPipe);

/** The raw request body of a binary route: a stream (application/octet-stream), or nothing. */
export const BinaryBody = createParamDecorator((_: unknown, ctx: ExecutionContext): Readable | Buffer | undefined => {
  const body = ctx.switchToHttp().getRequest<{ body?: unknown }>().body;
  return body && typeof (body as Readable).pipe === 'function' ? (body as Readable) : Buffer.isBuffer(body) ? body : undefined;
});

/** Routes whose body is a file's bytes of any type (fs/write): parsed raw, see acceptRawBodies. */
export const isFileBodyRoute = (url: string): boolean => url.endsWith('/fs/write');
