import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Post, Put, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { BinaryBody, NodeKeyParam } from './cas-params';
import { CheckNodesDto, ClaimNodeDto } from './dto/node.dto';
import { CheckNodesView, ClaimView, NodeMetadataView, NodeUploadView, RealmInfoView, RealmUsageView } from './dto/node.view';
import { NodesService } from './nodes.service';
import { Caller, RealmAuth } from './realm-auth.guard';
import type { RealmCaller } from './realm-caller';
import type { Readable } from 'node:stream';

/** The read-proof headers of a node route, documented once. */
const ApiProofHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'X-CAS-Proof', required: false, description: 'Index path from one of your scope roots to the node (`0:1:2`), or a JSON map {nodeKey: "ipath#0:1:2"}' }),
    ApiHeader({ name: 'X-CAS-Index-Path', required: false, description: 'The same as X-CAS-Proof (the name seed 000 uses)' }),
  );

type HeaderReply = { header(name: string, value: string | number): unknown };

@ApiTags('realm')
@RealmAuth()
@Controller('api/realm/:realmId')
export class NodesController {
  constructor(private readonly nodes: NodesService) {}

  /**
   * The realm the token belongs to and its limits (largest node, longest name). `commit` is present
   * when the caller may upload, so a client shows write actions only then. Any delegate of the
   * realm may call it; another realm's id is 403 REALM_MISMATCH.
   */
  @ApiOperation({ summary: 'Realm endpoint information and limits' })
  @ApiSuccess(RealmInfoView, { description: 'The realm and its limits' })
  @Get()
  info(@Caller() caller: RealmCaller): RealmInfoView {
    return this.nodes.realmInfo(caller);
  }

  /**
   * How much of its quota the realm uses: physical bytes count each stored node once; logical
   * bytes count file content once per delegate that stored or claimed it.
   */
  @ApiOperation({ summary: 'Storage used by the realm: physical (deduplicated) and logical bytes, node count, quota' })
  @ApiSuccess(RealmUsageView, { description: 'The realm’s usage and quota' })
  @Get('usage')
  usage(@Caller() caller: RealmCaller): Promise<RealmUsageView> {
    return this.nodes.usage(caller);
  }

  /**
   * Sorts up to 1,000 node keys into missing (not stored in this realm), owned (stored or
   * claimed by the caller or a delegate below it) and unowned, so an uploader sends only what is
   * missing and claims or proves the rest. The empty dict is always present and owned.
   */
  @ApiOperation({ summary: 'Which nodes are missing, owned by you (stored or claimed by you or a delegate below you), or stored but not yours' })
  @ApiSuccess(CheckNodesView, { description: 'The keys, sorted into missing, owned and unowned' })
  @HttpCode(200)
  @Post('nodes/check')
  check(@Caller() caller: RealmCaller, @Body() dto: CheckNodesDto): Promise<CheckNodesView> {
    return this.nodes.check(caller, dto.keys);
  }

  /**
   * Stores a node (binary CAS format, at most the node limit) under its key; needs `canUpload`.
   * The bytes must hash to the key (400 KEY_MISMATCH) and pass every format rule (400
   * INVALID_NODE). Its children must be stored in the realm (409 missing_nodes) and owned by the
   * caller or proved in X-CAS-Child-Proofs (403 CHILD_NOT_AUTHORIZED). The realm quota applies
   * (403 REALM_QUOTA_EXCEEDED). Uploading a node again answers `exists`; the caller owns it after.
   */
  @ApiOperation({ summary: 'Upload a node (binary CAS format); its bytes must hash to the key. Idempotent' })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ required: true, description: 'The node bytes (f-, d- or s-node), at most the node limit', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-CAS-Child-Proofs', required: false, description: 'For a node (a dict, or a file with successors) whose children you do not own: `nod_child:0:1,nod_other:0:2`' })
  @ApiBadRequestResponse({ description: 'INVALID_NODE (structure), KEY_MISMATCH (hash), INVALID_PROOF_FORMAT' })
  @ApiConflictResponse({ description: 'missing_nodes: children (dict entries or file successors) not stored in the realm (details.missing)' })
  @ApiPayloadTooLargeResponse({ description: 'The node is larger than the node limit' })
  @ApiSuccess(NodeUploadView, { description: 'The stored node: created, or already there (exists)' })
  @Put('nodes/:key')
  put(
    @Caller() caller: RealmCaller,
    @NodeKeyParam() key: Buffer,
    @BinaryBody() body: Readable | Buffer | undefined,
    @Headers('x-cas-child-proofs') childProofs: string | undefined,
  ): Promise<NodeUploadView> {
    return this.nodes.put(caller, key, body, childProofs);
  }

  /**
   * The node's bytes as stored. The root delegate reads any node of its realm, other delegates
   * the nodes they own, or any node they prove to be under one of their scope roots with
   * X-CAS-Proof (403 NODE_NOT_IN_SCOPE otherwise). Headers tell the kind, payload size and, for
   * files, the content type.
   */
  @ApiOperation({ summary: 'The raw node bytes, with X-CAS-Kind, X-CAS-Payload-Size and (files) X-CAS-Content-Type' })
  @ApiProofHeaders()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The node in the binary CAS format', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'NODE_NOT_FOUND' })
  @Get('nodes/:key')
  async get(
    @Caller() caller: RealmCaller,
    @NodeKeyParam() key: Buffer,
    @Headers('x-cas-proof') proof: string | undefined,
    @Headers('x-cas-index-path') indexPath: string | undefined,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<StreamableFile> {
    const node = await this.nodes.content(caller, key, proof ?? indexPath);
    reply.header('X-CAS-Kind', node.kind);
    reply.header('X-CAS-Payload-Size', node.payloadSize);
    if (node.contentType !== null) reply.header('X-CAS-Content-Type', node.contentType);
    return new StreamableFile(node.stream, { type: 'application/octet-stream', length: node.size });
  }

  /**
   * A node decoded: a dict's children by name, or a file's content type, size and successor
   * nodes. Readable under the same rules as the bytes (ownership, or a proof from a scope root).
   */
  @ApiOperation({ summary: "A node's structure: a dict's children by name, a file's content type and successors" })
  @ApiProofHeaders()
  @ApiNotFoundResponse({ description: 'NODE_NOT_FOUND' })
  @ApiSuccess(NodeMetadataView, { description: 'The node’s kind, size and children or file information' })
  @Get('nodes/:key/metadata')
  metadata(
    @Caller() caller: RealmCaller,
    @NodeKeyParam() key: Buffer,
    @Headers('x-cas-proof') proof: string | undefined,
    @Headers('x-cas-index-path') indexPath: string | undefined,
  ): Promise<NodeMetadataView> {
    return this.nodes.metadata(caller, key, proof ?? indexPath);
  }

  /**
   * A delegate with `canUpload` becomes an owner of a node stored in the realm (with its
   * ancestors), so it may link it and commit it, by proving it holds the bytes: `pop` is keyed
   * BLAKE3-128 over the node bytes with BLAKE3-256 of its access token as the key (403
   * INVALID_POP). Root delegates need no proof. A node already owned answers alreadyOwned: true.
   */
  @ApiOperation({ summary: 'Take ownership of a stored node by proof of possession (root delegates need none)' })
  @ApiNotFoundResponse({ description: 'NODE_NOT_FOUND' })
  @ApiSuccess(ClaimView, { description: 'The node and whether the caller’s chain owned it already' })
  @HttpCode(200)
  @Post('nodes/:key/claim')
  claim(@Caller() caller: RealmCaller, @NodeKeyParam() key: Buffer, @Body() dto: ClaimNodeDto): Promise<ClaimView> {
    return this.nodes.claim(caller, key, dto.pop);
  }
}
