import { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import { CommonError, CommonErrorCode, RequestValidationError } from '../errors/domain-error';
import { toErrorView } from '../surfaces/error-view';
import { surfaceOfRequest } from '../surfaces/surfaces';

type ClientError = Error & { code?: string; rawPacket?: unknown };

const logger = new Logger('Http');

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 422: 'Unprocessable Entity', 431: 'Request Header Fields Too Large' };

/**
 * Errors Node's HTTP parser raises before any route runs (headers too large, a malformed or
 * non-ASCII request target, a client too slow), answered in the format of the surface the
 * request line names when it can be read, always with `Connection: close` since the socket is
 * then closed. Never loosens parsing (no insecureHTTPParser).
 */
export function handleClientError(err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const target = requestTarget(err.rawPacket) ?? pathOf((socket as { parser?: { incoming?: { url?: string } } }).parser?.incoming?.url);
  const { status: parserStatus, error } = describe(err);
  // The surface shapes the body (and the status of a validation error); 408 and 431 stay as the parser said.
  const rendered = surfaceOfRequest({ url: target ?? '/' }).renderError(toErrorView(error));
  const { body } = rendered;
  const status = parserStatus ?? rendered.status;
  logger.warn(`Refused before routing: ${status} ${err.code ?? 'client error'} ${JSON.stringify(target ?? '?').slice(0, 200)}`);
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

function describe(err: ClientError): { status?: number; error: Error } {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { status: 408, error: new CommonError(CommonErrorCode.REQUEST_TIMEOUT, 'The request was not received in time') };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: new CommonError(CommonErrorCode.REQUEST_HEADERS_TOO_LARGE, 'The request line and headers exceed the allowed size') };
    case 'HPE_INVALID_URL':
    case 'HPE_INVALID_PATH':
      return {
        error: new RequestValidationError({ url: ['the request target must be ASCII: percent-encode the path and query (e.g. search=%E7%99%BB%E5%BD%95)'] }, 'Malformed request target'),
      };
    default:
      return { error: new CommonError(CommonErrorCode.BAD_REQUEST, 'Malformed HTTP request') };
  }
}

/** The path of a request whose head was parsed before the error (a slow body, say). */
function pathOf(url: string | undefined): string | null {
  return url ? url.split('?', 1)[0] : null;
}

/** The path of the request line in what the parser saw, if it got that far. */
function requestTarget(raw: unknown): string | null {
  if (!Buffer.isBuffer(raw)) return null;
  const line = raw.subarray(0, Math.min(raw.length, 8192)).toString('latin1').split('\r\n', 1)[0];
  const match = /^[A-Z]+ (\/[^ ?]*)/.exec(line);
  return match ? match[1] : null;
}
