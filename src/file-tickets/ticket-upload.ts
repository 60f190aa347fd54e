import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RequestValidationError } from '../common/errors/domain-error';
import { parseJsonBody } from '../common/http/json-body';
import { flattenValidationErrors } from '../common/validation/validation-errors';
import { contentTypeOf, SNIFF_BYTES } from './content-types';
import { CreateTicketData } from './dto/file-ticket.dto';
import { FileTicketError, FileTicketErrorCode } from './file-tickets.errors';
import { ticketPathOf, TicketTreeNames } from './ticket-paths';

/** One part of a multipart body, as @fastify/multipart hands it over. */
export interface UploadPart {
  type: 'file' | 'field';
  fieldname: string;
  filename?: string;
  file?: Readable;
  value?: unknown;
  valueTruncated?: boolean;
}

/** Limits of one multipart body, for the parser (busboy) and for the receiver. */
export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** Options for @fastify/multipart's `parts()`: busboy stops a file one byte past the limit, the receiver answers 413. */
export function partsOptions(limits: UploadLimits) {
  return {
    preservePath: true,
    throwFileSizeLimit: false,
    limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 20, fieldSize: DATA_FIELD_BYTES, parts: limits.maxFiles + 20, headerPairs: 100 },
  };
}

/** The multipart body of a request, as the controller hands it to the service. */
export interface MultipartSource {
  isMultipart: boolean;
  parts(options: ReturnType<typeof partsOptions>): AsyncIterable<UploadPart>;
}

const DATA_FIELD_BYTES = 64 * 1024;

/** A file received and kept in a temporary file until it is stored. */
export interface ReceivedFile {
  segments: string[];
  path: string;
  tempPath: string;
  size: number;
  contentType: string;
}

/** An upload received whole: its legal files (in order), its `data`, and the temporary files to remove. */
export interface ReceivedUpload {
  files: ReceivedFile[];
  data: CreateTicketData;
  dispose(): Promise<void>;
}

/**
 * Receives POST /ticket's multipart body: each `files` part is streamed to a temporary file,
 * counted as it arrives (past the limit: 413 "File is too large", and everything received so
 * far removed), its name checked (an illegal or clashing name skips the file, as the seed's
 * backend skips it), its first bytes sniffed for the type. The `data` part is JSON text with
 * `is_public` and `remark`. Nothing is stored: the caller stores what this answers, then disposes of it.
 */
export async function receiveUpload(source: MultipartSource, limits: UploadLimits): Promise<ReceivedUpload> {
  if (!source.isMultipart) throw new FileTicketError(FileTicketErrorCode.MISSING_FILE);
  const dir = await mkdtemp(join(tmpdir(), 'file-ticket-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const names = new TicketTreeNames();
    const files: ReceivedFile[] = [];
    let dataText: unknown;
    for await (const part of source.parts(partsOptions(limits))) {
      if (part.type === 'field') {
        if (part.fieldname === 'data') {
          if (part.valueTruncated) throw new RequestValidationError({ data: [`data must be at most ${DATA_FIELD_BYTES} bytes`] });
          dataText = part.value;
        }
        continue;
      }
      const segments = part.fieldname === 'files' ? ticketPathOf(part.filename ?? '') : null;
      const legal = segments !== null && names.add(segments);
      const tempPath = legal ? join(dir, String(files.length)) : null;
      const { size, head } = await receiveFile(part.file!, tempPath, limits.maxFileBytes);
      if (legal) {
        const path = segments.join('/');
        files.push({ segments, path, tempPath: tempPath!, size, contentType: contentTypeOf(path, head, size <= head.length) });
      }
    }
    if (files.length === 0) throw new FileTicketError(FileTicketErrorCode.MISSING_FILE);
    return { files, data: parseData(dataText), dispose };
  } catch (err) {
    await dispose();
    throw uploadError(err, limits);
  }
}

/** Streams one file part to `tempPath` (or nowhere), refusing it one byte past the limit; answers its size and first bytes. */
async function receiveFile(file: Readable, tempPath: string | null, maxBytes: number): Promise<{ size: number; head: Buffer }> {
  let size = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTicketError(FileTicketErrorCode.FILE_TOO_LARGE, undefined, { maxBytes }));
      if (headBytes < SNIFF_BYTES) {
        const take = chunk.subarray(0, SNIFF_BYTES - headBytes);
        head.push(Buffer.from(take));
        headBytes += take.length;
      }
      done(null, tempPath ? chunk : undefined);
    },
  });
  if (tempPath) await pipeline(file, counter, createWriteStream(tempPath));
  else await pipeline(file, counter, async (chunks: AsyncIterable<unknown>) => {
    for await (const _ of chunks) void _;
  });
  return { size, head: Buffer.concat(head) };
}

function parseData(text: unknown): CreateTicketData {
  let value: unknown = {};
  if (typeof text === 'string' && text.trim() !== '') {
    try {
      value = parseJsonBody(text);
    } catch (err) {
      if (err instanceof RequestValidationError) throw err;
      throw new RequestValidationError({ data: ['data must be a JSON object with is_public and remark'] });
    }
  } else if (text !== undefined && typeof text === 'object' && text !== null) {
    value = text; // a part sent as application/json, parsed by the multipart parser
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError({ data: ['data must be a JSON object with is_public and remark'] });
  const data = plainToInstance(CreateTicketData, value, { excludeExtraneousValues: false });
  const errors = validateSync(data, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length) {
    const fields = flattenValidationErrors(errors);
    throw new RequestValidationError(Object.fromEntries(Object.entries(fields).map(([field, messages]) => [`data.${field}`, messages])));
  }
  return data;
}

/** What a failed upload answers: ours as they are, the parser's limits as 413, anything else malformed (400). */
function uploadError(err: unknown, limits: UploadLimits): unknown {
  if (err instanceof FileTicketError || err instanceof RequestValidationError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_FILES_LIMIT') return new FileTicketError(FileTicketErrorCode.TOO_MANY_FILES, `A ticket holds at most ${limits.maxFiles} files`, { maxFiles: limits.maxFiles });
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new FileTicketError(FileTicketErrorCode.MALFORMED_UPLOAD, 'Too many form fields');
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new FileTicketError(FileTicketErrorCode.FILE_TOO_LARGE, undefined, { maxBytes: limits.maxFileBytes });
  return new FileTicketError(FileTicketErrorCode.MALFORMED_UPLOAD, 'The multipart/form-data body is malformed');
}
