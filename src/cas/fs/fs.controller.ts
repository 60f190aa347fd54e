import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
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
  badRequest?: string;
  forbidden?: string;
  notFound?: string;
}

const FsRoute = (summary: string, errors: FsErrors = {}) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiParam({ name: 'nodeKey', description: 'The tree: a node key (`nod_…`) or a depot id (`dpt_…`, its current root)' }),
    ApiHeader({ name: 'X-CAS-Index-Path', required: false, description: 'Proves the root node is in your scope: index path from one of your scope roots (`0:1`)' }),
    ApiHeader({ name: 'X-CAS-Proof', required: false, description: 'The same proof, as X-CAS-Proof (`0:1` or {"nod_…": "ipath#0:1"})' }),
    ApiBadRequestResponse({ description: `INVALID_ROOT (not a node key or depot of this realm), INVALID_PATH, NAME_TOO_LONG, NOT_A_DIRECTORY, INDEX_OUT_OF_BOUNDS, VALIDATION_ERROR${more(errors.badRequest)}` }),
    ApiForbiddenResponse({ description: `NODE_NOT_IN_SCOPE (the root is not yours: prove it), UPLOAD_NOT_ALLOWED (writes need canUpload)${more(errors.forbidden)}` }),
    ApiNotFoundResponse({ description: `PATH_NOT_FOUND (details: path, resolvedTo, missingSegment)${more(errors.notFound)}` }),
  );

const more = (codes: string | undefined) => (codes ? `, ${codes}` : '');

const WRITE_RESULT = 'Nothing is changed in place: the answer names the new root (commit it to a depot to keep it).';

@ApiTags('realm')
@RealmAuth()
@Controller('api/realm/:realmId/nodes/:nodeKey/fs')
export class FsController {
  constructor(private readonly fs: FsService) {}

  @FsRoute('A file or directory: type, key, size and content type, or child count')
  @ApiSuccess(FsStatView)
  @Get('stat')
  stat(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Query() query: FsPathQuery, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsStatView> {
    return this.fs.stat(caller, nodeKey, proof ?? indexPath, query);
  }

  @FsRoute("A single-block file's content, with its Content-Type and X-CAS-Key", { badRequest: 'NOT_A_FILE (a directory), FILE_TOO_LARGE (several blocks: read them with GET …/nodes/:key)' })
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

  @FsRoute("A directory's children in stored order (names by UTF-8 bytes), each with its index; cursor-paged")
  @ApiSuccess(FsLsView)
  @Get('ls')
  ls(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Query() query: FsLsQuery, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsLsView> {
    return this.fs.ls(caller, nodeKey, proof ?? indexPath, query);
  }

  @FsRoute(`Create or replace a file (the body is its bytes; missing parent directories are created). ${WRITE_RESULT}`, {
    badRequest: 'NOT_A_FILE (a directory is there), CONTENT_LENGTH_MISMATCH, INVALID_CONTENT_TYPE, COLLECTION_FULL',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ required: true, description: 'The file content, raw; its Content-Type (any, default application/octet-stream) is kept in the file node', schema: { type: 'string', format: 'binary' } })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE: more than one node holds; upload with PUT …/nodes/:key and link with fs/rewrite' })
  @ApiSuccess(FsWriteView)
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

  @FsRoute(`Create a directory and any missing parents; an existing one answers created: false. ${WRITE_RESULT}`, { badRequest: 'COLLECTION_FULL' })
  @ApiConflictResponse({ description: 'EXISTS_AS_FILE' })
  @ApiSuccess(FsMkdirView)
  @HttpCode(200)
  @Post('mkdir')
  mkdir(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsMkdirDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsMkdirView> {
    return this.fs.mkdir(caller, nodeKey, proof ?? indexPath, dto);
  }

  @FsRoute(`Remove a file or a whole directory (by path or indexPath). ${WRITE_RESULT}`, { badRequest: 'CANNOT_REMOVE_ROOT' })
  @ApiSuccess(FsRmView)
  @HttpCode(200)
  @Post('rm')
  rm(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsRmDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsRmView> {
    return this.fs.rm(caller, nodeKey, proof ?? indexPath, dto);
  }

  @FsRoute(`Move or rename; into \`to\` when it is a directory, missing parents created. ${WRITE_RESULT}`, { badRequest: 'CANNOT_MOVE_ROOT, MOVE_INTO_SELF, COLLECTION_FULL' })
  @ApiConflictResponse({ description: 'TARGET_EXISTS' })
  @ApiSuccess(FsMoveView)
  @HttpCode(200)
  @Post('mv')
  mv(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsMoveDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsMoveView> {
    return this.fs.mv(caller, nodeKey, proof ?? indexPath, dto);
  }

  @FsRoute(`Copy a file or directory (a new reference: no bytes are copied); into \`to\` when it is a directory. ${WRITE_RESULT}`, { badRequest: 'COLLECTION_FULL' })
  @ApiConflictResponse({ description: 'TARGET_EXISTS' })
  @ApiSuccess(FsMoveView)
  @HttpCode(200)
  @Post('cp')
  cp(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsMoveDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsMoveView> {
    return this.fs.cp(caller, nodeKey, proof ?? indexPath, dto);
  }

  @FsRoute(`Declare the new tree at once: deletes, then entries (from the original tree, empty dirs, or linked nodes you own or prove); at most 100 in all. ${WRITE_RESULT}`, {
    badRequest: 'EMPTY_REWRITE, TOO_MANY_ENTRIES, COLLECTION_FULL',
    forbidden: 'LINK_NOT_AUTHORIZED (a linked node neither owned by your delegate chain nor proved in your scope)',
    notFound: 'NODE_NOT_FOUND (a link to a node the realm does not store)',
  })
  @ApiConflictResponse({ description: 'EXISTS_AS_FILE' })
  @ApiSuccess(FsRewriteView)
  @HttpCode(200)
  @Post('rewrite')
  rewrite(@Caller() caller: RealmCaller, @Param('nodeKey') nodeKey: string, @Body() dto: FsRewriteDto, @Headers('x-cas-proof') proof?: string, @Headers('x-cas-index-path') indexPath?: string): Promise<FsRewriteView> {
    return this.fs.rewrite(caller, nodeKey, proof ?? indexPath, dto);
  }
}
