import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiNoContent, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { Auth, Authenticated } from '../identity/auth.decorators';
import { AuthContext } from '../identity/auth-context';
import { contentDisposition } from './content-types';
import { TicketListQuery, UpdateTicketDto } from './dto/file-ticket.dto';
import { TicketSummaryView, TicketView } from './file-ticket.view';
import { FileTicketsService } from './file-tickets.service';
import { Multipart, UserIdParam, WildcardPath } from './file-ticket-params';
import type { MultipartSource } from './ticket-upload';
import { zipArchive } from './zip-writer';

type HeaderReply = { header(name: string, value: string): unknown };

/** What every file response says besides its type: keep it private, do not sniff it, run nothing in it. */
function fileHeaders(reply: HeaderReply): void {
  reply.header('Cache-Control', 'private, max-age=600');
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Content-Security-Policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox");
}

/** One node's data at a time reaches the socket: a byte stream, not an object queue of 4 MiB chunks. */
const byteStream = (chunks: AsyncIterable<Uint8Array>) => Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 });

const TicketIdParam = () => ApiParam({ name: 'ticket_id', description: '20 hexadecimal characters' });

@ApiTags('file-tickets')
@Authenticated()
@Controller('ticket')
export class FileTicketsController {
  constructor(private readonly tickets: FileTicketsService) {}

  /** The caller's own tickets, public and private, newest first; `offset` and `length` (at most 100) page them. */
  @ApiOperation({ summary: 'Your tickets, newest first' })
  @ApiSuccess([TicketSummaryView], { description: 'Your tickets' })
  @Get()
  listMine(@Auth() auth: AuthContext, @Query() query: TicketListQuery): Promise<TicketSummaryView[]> {
    return this.tickets.listMine(auth, query);
  }

  /**
   * A ticket is a bundle of files: each `files` part is one file, named by its relative path
   * (folders kept as `dir/file`); `data` is a JSON text with `is_public` (a boolean or "true"/"false")
   * and `remark`. Files are stored content-addressed: identical files are kept once.
   */
  @ApiOperation({ summary: 'Create a ticket from uploaded files (multipart/form-data: `files`, one or more, and `data`, a JSON text)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'Named by their relative path (`src/Main.java`); illegal or repeated names are skipped' },
        data: { type: 'string', description: 'JSON: {"is_public": true | "true", "remark": "..."}', example: '{"is_public": "true", "remark": "This is remark of ticket."}' },
      },
    },
  })
  @ApiSuccess(TicketView, { status: 201, description: 'The new ticket' })
  @ApiBadRequestResponse({ description: '"Missing file": no file, or no legal one, was uploaded; or the form or its `data` is malformed' })
  @ApiPayloadTooLargeResponse({ description: '"File is too large": a file is past FILE_TICKET_MAX_FILE_BYTES (nothing is stored); or too many files' })
  @Post()
  create(@Auth() auth: AuthContext, @Multipart() upload: MultipartSource): Promise<TicketView> {
    return this.tickets.create(auth, upload);
  }

  /** A user's tickets, newest first: the owner and admins see all of them, anyone else the public ones. `@me` is the caller. */
  @ApiOperation({ summary: "A user's tickets, newest first: all of them for the owner and admins, the public ones for others" })
  @UserIdParam()
  @ApiSuccess([TicketSummaryView], { description: "The user's tickets the caller may see" })
  @ApiNotFoundResponse({ description: '"User not found"' })
  @Get(':user_id')
  list(@Auth() auth: AuthContext, @Param('user_id') userId: string, @Query() query: TicketListQuery): Promise<TicketSummaryView[]> {
    return this.tickets.list(auth, userId, query);
  }

  /** One ticket with its author's display data; a private ticket of someone else is 404 unless the caller is an admin. */
  @ApiOperation({ summary: 'One ticket, with its author' })
  @UserIdParam()
  @TicketIdParam()
  @ApiSuccess(TicketView, { description: 'The ticket' })
  @ApiNotFoundResponse({ description: '"Ticket not found": no such user or ticket, or a private ticket of someone else' })
  @Get(':user_id/:ticket_id')
  get(@Auth() auth: AuthContext, @Param('user_id') userId: string, @Param('ticket_id') ticketId: string): Promise<TicketView> {
    return this.tickets.get(auth, userId, ticketId);
  }

  /** Changes `is_public` and `remark` (other fields are ignored); the owner or an admin only. Answers 201, as the seed's server does. */
  @ApiOperation({ summary: 'Change is_public and remark (owner or admin); answers 201 as the seed does' })
  @UserIdParam()
  @TicketIdParam()
  @ApiSuccess(TicketView, { status: 201, description: 'The ticket as changed' })
  @ApiForbiddenResponse({ description: '"Permission denied": you may see the ticket but are not its owner or an admin' })
  @ApiNotFoundResponse({ description: '"Ticket not found"' })
  @Put(':user_id/:ticket_id')
  @HttpCode(201)
  update(@Auth() auth: AuthContext, @Param('user_id') userId: string, @Param('ticket_id') ticketId: string, @Body() dto: UpdateTicketDto): Promise<TicketView> {
    return this.tickets.update(auth, userId, ticketId, dto);
  }

  /** Deletes the ticket (the owner or an admin); file contents other tickets share are kept. */
  @ApiOperation({ summary: 'Delete a ticket (owner or admin)' })
  @UserIdParam()
  @TicketIdParam()
  @ApiNoContent('Deleted')
  @ApiForbiddenResponse({ description: '"Permission denied": you are not the ticket\'s owner or an admin' })
  @ApiNotFoundResponse({ description: '"Ticket not found"' })
  @Delete(':user_id/:ticket_id')
  @HttpCode(204)
  delete(@Auth() auth: AuthContext, @Param('user_id') userId: string, @Param('ticket_id') ticketId: string): Promise<void> {
    return this.tickets.delete(auth, userId, ticketId);
  }

  /**
   * One file of a ticket the caller may see, streamed, with Content-Disposition: text as
   * `text/plain; charset=utf-8` (never HTML), images by their real type, anything else as a download.
   */
  @ApiOperation({ summary: "One file's content, streamed, with its type (text/plain; charset=utf-8 for text, images by their real type)" })
  @UserIdParam()
  @TicketIdParam()
  @ApiParam({ name: 'path', description: "The seed's file_path: a path from the ticket's `files` (`src/Main.java`), slashes and all" })
  @ApiProduces('*/*')
  @ApiOkResponse({ description: "The file's bytes", content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiForbiddenResponse({ description: '"Permission denied": the path is not a legal path inside a ticket (absolute, `..`)' })
  @ApiNotFoundResponse({ description: '"Ticket not found", or "Ticket file not found"' })
  @Get(':user_id/:ticket_id/files/*')
  async file(
    @Auth() auth: AuthContext,
    @Param('user_id') userId: string,
    @Param('ticket_id') ticketId: string,
    @WildcardPath() filePath: string,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<StreamableFile> {
    const file = await this.tickets.file(auth, userId, ticketId, filePath ?? '');
    fileHeaders(reply);
    const kind = file.contentType.startsWith('text/') || file.contentType.startsWith('image/') ? 'inline' : 'attachment';
    return new StreamableFile(byteStream(file.data), { type: file.contentType, length: file.size, disposition: contentDisposition(kind, file.name) });
  }

  /** All the ticket's files as one ZIP archive, written while it is sent (memory stays flat whatever the ticket's size). */
  @ApiOperation({ summary: "A zip of all the ticket's files, streamed as it is written" })
  @UserIdParam()
  @TicketIdParam()
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'A ZIP archive (stored entries, UTF-8 names)', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: '"Ticket not found"' })
  @Get(':user_id/:ticket_id/download')
  async download(@Auth() auth: AuthContext, @Param('user_id') userId: string, @Param('ticket_id') ticketId: string, @Res({ passthrough: true }) reply: HeaderReply): Promise<StreamableFile> {
    const archive = await this.tickets.archive(auth, userId, ticketId);
    fileHeaders(reply);
    return new StreamableFile(byteStream(zipArchive(archive.entries)), { type: 'application/zip', disposition: contentDisposition('attachment', archive.name) });
  }
}
