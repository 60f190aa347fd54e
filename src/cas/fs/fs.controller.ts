import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiExtension,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { DeclaredContentType } from '../../common/http/raw-body';
import { ApiSuccess } from '../../common/surfaces/surface-response.interceptor';
import { BinaryBody } from '../cas-params';
import { FsLsQuery, FsMkdirDto, FsMoveDto, FsPathQuery, FsRewriteDto, FsRmDto } from '../dto/fs.dto';
import { FsLsView, FsMkdirView, FsMoveView, FsRewriteView, FsRmView, FsStatView, FsWriteView } from '../dto/fs.view';
import { Caller, RealmAuth } from '../realm-auth.guard';
import type { RealmCaller } from '../realm-caller';
import { FsService } from './fs.service';

/** What every fs route shares: the root in the URL, its proof, the errors of finding it. */
interface FsErrors {
  /** A write: needs canUpload. */
  write?: boolean;
  badRequest?: string;
  forbidden?: string;
  notFound?: string;
}

/**
 * The operation's summary is its own @ApiOperation, so that the Swagger plugin adds the method's
 * JSDoc to it as the description (an ApiOperation applied here would be overwritten).
 */
const FsRoute = (errors: FsErrors = {}) =>
  applyDecorators(
    ApiParam({ name: 'nodeKey', description: 'The tree: a node key (`nod_…`) or a depot id (`dpt_…`, its current root)' }),
    ApiHeader({ name: 'X-CAS-Index-Path', required: false, description: 'Proves the root node is in your scope: index path from one of your scope roots (`0:1`)' }),
    ApiHeader({ name: 'X-CAS-Proof', required: false, description: 'The same proof, as X-CAS-Proof (`0:1` or {"nod_…": "ipath#0:1"})' }),
    ApiBadRequestResponse({ description: `INVALID_ROOT (not a node key or depot of this realm), INVALID_PATH, NAME_TOO_LONG, NOT_A_DIRECTORY, INDEX_OUT_OF_BOUNDS, VALIDATION_ERROR${more(errors.badRequest)}` }),
    ApiForbiddenResponse({
      description: `REALM_MISMATCH, ACCESS_TOKEN_REQUIRED (a refresh token), NODE_NOT_IN_SCOPE (the root is not yours: prove it)${errors.write ? ', UPLOAD_NOT_ALLOWED (writes need canUpload)' : ''}${more(errors.forbidden)}`,
    }),
    ApiNotFoundResponse({ description: `PATH_NOT_FOUND (details: path, resolvedTo, missingSegment)${more(errors.notFound)}` }),
  );

const more = (codes: string | undefined) => (codes ? `, ${codes}` : '');

@ApiTags('realm')
@RealmAuth()
@Controller('api/realm/:realmId/nodes/:nodeKey/fs')
export class FsController {
  constructor(private readonly fs: FsService) {}

  /**
   * What is at `path` (then `indexPath`) in the tree: a file with its key, size and content
   * type, or a directory with its child count. Without either, the root itself. The tree is a
   * node key or a depot id (its current root); reading it needs the root delegate, ownership,
   * or a proof from one of the caller's scope roots (or the depot delegated to the caller).
   */
  @ApiOperation({ summary: 'A file or directory: type, key, size and content type, or child count' })
  @FsRoute()
  @ApiSuccess(FsStatView, { description: 'The file or directory at the path' })
  @Get('stat')
  stat(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Query() query: FsPathQuery, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsStatView> {
    return this.fs.stat(caller, nodeKey, proof ?? indexPath, query);
  }

  /**
   * The bytes of the file at the path, with the Content-Type it was written with and its key in
   * X-CAS-Key. Only single-node files: a larger one is 400 FILE_TOO_LARGE (read its nodes with
   * GET …/nodes/:key); a directory is 400 NOT_A_FILE.
   */
  @ApiOperation({ summary: "A single-block file's content, with its Content-Type and X-CAS-Key" })
  @FsRoute({ badRequest: 'NOT_A_FILE (a directory), FILE_TOO_LARGE (several blocks: read them with GET …/nodes/:key)' })
  @ApiProduces('*/*')
  @ApiOkResponse({ description: "The file's bytes, with the Content-Type it was written with", content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @Get('read')
  async read(
    @Caller() caller: RealmCaller,
    @Param('nodeKey') nodeKey: string,
    @Query() query: FsPathQuery,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
    @Headers('x-cas-proof') proof?: string,
    @Headers('x-cas-index-path') indexPath?: string,
  ): Promise<StreamableFile> {
    const file = await this.fs.read(caller, nodeKey, proof ?? indexPath, query);
    reply.header('X-CAS-Key', file.key);
    return new StreamableFile(file.data, { type: file.contentType, length: file.data.length });
  }

  /**
   * The children of the directory at the path, in stored order (names by UTF-8 bytes), each with
   * its index in the whole directory (usable in `indexPath`), `limit` at a time (1–1000, default
   * 100): pass `nextCursor` back as `cursor`; it is null on the last page.
   */
  @ApiOperation({ summary: "A directory's children in stored order (names by UTF-8 bytes), each with its index; cursor-paged" })
  @FsRoute()
  @ApiSuccess(FsLsView, { description: 'A page of the directory’s children, with their total' })
  @Get('ls')
  ls(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Query() query: FsLsQuery, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsLsView> {
    return this.fs.ls(caller, nodeKey, proof ?? indexPath, query);
  }

  /**
   * Writes the raw request body as the file at `path` (or replaces the existing file at
   * `indexPath`), creating missing parent directories; its Content-Type is kept in the file node.
   * Needs `canUpload`. A file must fit in one node (413 FILE_TOO_LARGE, refused while streaming).
   * The tree is not changed in place: the answer's `newRoot` is the new tree, stored and owned by
   * the caller's chain; commit it to a depot to keep it.
   */
  @ApiOperation({ summary: 'Create or replace a file, the body being its bytes (answers the new root)' })
  @FsRoute({
    write: true,
    badRequest: 'NOT_A_FILE (a directory is there), CONTENT_LENGTH_MISMATCH, INVALID_CONTENT_TYPE, COLLECTION_FULL',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ required: true, description: 'The file content, raw; its Content-Type (any, default application/octet-stream) is kept in the file node', schema: { type: 'string', format: 'binary' } })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE: more than one node holds; upload with PUT …/nodes/:key and link with fs/rewrite' })
  @ApiSuccess(FsWriteView, { description: 'The new root and the file written' })
  @HttpCode(200)
  @Post('write')
  write(
    @Caller() caller: RealmCaller,
    @Param('nodeKey') nodeKey: string,
    @Query() query: FsPathQuery,
    @BinaryBody() body: Readable | Buffer | undefined,
    @DeclaredContentType() contentType: string | undefined,
    @Headers('content-length') contentLength?: string,
    @Headers('x-cas-proof') proof?: string,
    @Headers('x-cas-index-path') indexPath?: string,
  ): Promise<FsWriteView> {
    return this.fs.write(caller, nodeKey, proof ?? indexPath, query, { body, contentType, contentLength });
  }

  /**
   * Creates the directory at `path` and any missing parents (`mkdir -p`); needs `canUpload`. An
   * existing directory answers `created: false` and the same root; a file in the way is 409
   * EXISTS_AS_FILE. The answer's `newRoot` is the new tree; commit it to keep it.
   */
  @ApiOperation({ summary: 'Create a directory and any missing parents (answers the new root)' })
  @FsRoute({ write: true, badRequest: 'COLLECTION_FULL' })
  @ApiConflictResponse({ description: 'EXISTS_AS_FILE' })
  @ApiSuccess(FsMkdirView, { description: 'The new root and the directory' })
  @HttpCode(200)
  @Post('mkdir')
  mkdir(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsMkdirDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsMkdirView> {
    return this.fs.mkdir(caller, nodeKey, proof ?? indexPath, dto);
  }

  /**
   * Removes the file or whole directory at `path` or `indexPath` from the tree; needs `canUpload`.
   * The root itself cannot be removed (400). Nothing is deleted from the store: other trees may
   * use the nodes. The answer's `newRoot` is the new tree; commit it to keep it.
   */
  @ApiOperation({ summary: 'Remove a file or a whole directory (answers the new root)' })
  @FsRoute({ write: true, badRequest: 'CANNOT_REMOVE_ROOT' })
  @ApiSuccess(FsRmView, { description: 'The new root and what was removed' })
  @HttpCode(200)
  @Post('rm')
  rm(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsRmDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsRmView> {
    return this.fs.rm(caller, nodeKey, proof ?? indexPath, dto);
  }

  /**
   * Moves or renames `from` to `to`; when `to` is a directory the source goes inside it, and
   * missing parents are created. Needs `canUpload`. An existing file at the target is 409
   * TARGET_EXISTS; moving the root or a directory into itself is 400. The answer's `newRoot` is
   * the new tree; commit it to keep it.
   */
  @ApiOperation({ summary: 'Move or rename a file or directory (answers the new root)' })
  @FsRoute({ write: true, badRequest: 'CANNOT_MOVE_ROOT, MOVE_INTO_SELF, COLLECTION_FULL' })
  @ApiConflictResponse({ description: 'TARGET_EXISTS' })
  @ApiSuccess(FsMoveView, { description: 'The new root and where the node landed' })
  @HttpCode(200)
  @Post('mv')
  mv(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsMoveDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsMoveView> {
    return this.fs.mv(caller, nodeKey, proof ?? indexPath, dto);
  }

  /**
   * Copies `from` to `to` as a new reference to the same nodes (no bytes are copied); into `to`
   * when it is a directory, missing parents created. Needs `canUpload`; an existing file at the
   * target is 409 TARGET_EXISTS. The answer's `newRoot` is the new tree; commit it to keep it.
   */
  @ApiOperation({ summary: 'Copy a file or directory, no bytes copied (answers the new root)' })
  @FsRoute({ write: true, badRequest: 'COLLECTION_FULL' })
  @ApiConflictResponse({ description: 'TARGET_EXISTS' })
  @ApiSuccess(FsMoveView, { description: 'The new root and where the copy landed' })
  @ApiExtension('x-example-fields', { newRoot: 'nod_2NN1XNS3823HHYJSTC8P20PXS8' })
  @HttpCode(200)
  @Post('cp')
  cp(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsMoveDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsMoveView> {
    return this.fs.cp(caller, nodeKey, proof ?? indexPath, dto);
  }

  /**
   * Builds the new tree in one step; needs `canUpload`. `deletes` (paths of the original tree)
   * apply first, then `entries`: each target path takes a node `from` the original tree, an empty
   * `dir`, or a stored node by `link` (owned by the caller's chain, or proved with `proof`: 403
   * LINK_NOT_AUTHORIZED otherwise, so a leaked key never leaks content). 1 to 100 entries and
   * deletes in all. The answer's `newRoot` is the new tree; commit it to keep it.
   */
  @ApiOperation({ summary: 'Declare the new tree at once: deletes, then entries, at most 100 (answers the new root)' })
  @FsRoute({
    write: true,
    badRequest: 'EMPTY_REWRITE, TOO_MANY_ENTRIES, COLLECTION_FULL',
    forbidden: 'LINK_NOT_AUTHORIZED (a linked node neither owned by your delegate chain nor proved in your scope)',
    notFound: 'NODE_NOT_FOUND (a link to a node the realm does not store)',
  })
  @ApiConflictResponse({ description: 'EXISTS_AS_FILE' })
  @ApiSuccess(FsRewriteView, { description: 'The new root and what changed' })
  @HttpCode(200)
  @Post('rewrite')
  rewrite(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsRewriteDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsRewriteView> {
    return this.fs.rewrite(caller, nodeKey, proof ?? indexPath, dto);
  }
}
