import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorCodes } from 'fastify';
import { RequestValidationError } from '../errors/domain-error';
import { surfaceOf } from '../surfaces/surfaces';

/** What one form body may hold: enough for any DRF input, bounded like a JSON body. */
// Files are skipped unread (fileSize 0, no error): no form route takes one.
const FORM_LIMITS = { fields: 200, fieldNameSize: 200, fieldSize: 64 * 1024, files: 50, fileSize: 0, parts: 400 };

interface MultipartRequest {
  isMultipart(): boolean;
  parts(options: { limits: typeof FORM_LIMITS; throwFileSizeLimit: boolean }): AsyncIterable<{ type: 'field' | 'file'; fieldname: string; value?: unknown; file?: NodeJS.ReadableStream }>;
}

const takesForms = (request: FastifyRequest) => {
  const route = request.routeOptions.url;
  return route !== undefined && ['POST', 'PUT', 'PATCH'].includes(request.method) && surfaceOf(route).readsForms === true;
};

/**
 * multipart/form-data, one policy for the whole app: the routes that stream files (`streams`,
 * seed 003's uploads) read the parts themselves; on a surface whose clients send forms (DRF), the
 * fields become the body, as a url-encoded form does (files are not read: no such route takes
 * one); every other route refuses it (415).
 */
export function acceptMultipart(fastify: FastifyInstance, streams: (method: string, route: string | undefined) => boolean): void {
  // A callback hook, not an async one: the requests that are not multipart (nearly all) pass without a promise.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const multipart = request as unknown as MultipartRequest;
    if (!multipart.isMultipart() || streams(request.method, request.routeOptions.url)) return done();
    if (!takesForms(request)) return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']));
    formFields(multipart).then(
      (fields) => {
        request.body = fields;
        done();
      },
      (err: Error) => done(err),
    );
  });
}

/** The fields of a multipart body; a repeated name gathers its values in a list. */
async function formFields(request: MultipartRequest): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = Object.create(null);
  try {
    for await (const part of request.parts({ limits: FORM_LIMITS, throwFileSizeLimit: false })) {
      if (part.type === 'file') {
        part.file?.resume();
        continue;
      }
      const previous = fields[part.fieldname];
      fields[part.fieldname] = previous === undefined ? part.value : [...(Array.isArray(previous) ? previous : [previous]), part.value];
    }
  } catch {
    throw new RequestValidationError({ body: ['The multipart/form-data body is malformed or past its limits'] });
  }
  return { ...fields };
}
