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

  @ApiOperation({ summary: 'Realm endpoint information and limits' })
  @ApiSuccess(RealmInfoView)
  @Get()
  info(@Caller() caller: RealmCaller): RealmInfoView {
    return this.nodes.realmInfo(caller);
  }

  @ApiOperation({ summary: 'Storage used by the realm: physical (deduplicated) and logical bytes, node count, quota' })
  @ApiSuccess(RealmUsageView)
  @Get('usage')
  usage(@Caller() caller: RealmCaller): Promise<RealmUsageView> {
    return this.nodes.usage(caller);
  }

  @ApiOperation({ summary: 'Which nodes are missing, owned by you (stored or claimed by you or a delegate below you), or stored but not yours' })
  @ApiSuccess(CheckNodesView)
  @HttpCode(200)
  @Post('nodes/check')
  check(@Caller() caller: RealmCaller, @Body() dto: CheckNodesDto): Promise<CheckNodesView> {
    return this.nodes.check(caller, dto.keys);
  }

  @ApiOperation({ summary: 'Upload a node (binary CAS format); its bytes must hash to the key. Idempotent' })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ required: true, description: 'The node bytes (f-, d- or s-node), at most the node limit', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-CAS-Child-Proofs', required: false, description: 'For a node (a dict, or a file with successors) whose children you do not own: `nod_child:0:1,nod_other:0:2`' })
  @ApiBadRequestResponse({ description: 'INVALID_NODE (structure), KEY_MISMATCH (hash), INVALID_PROOF_FORMAT' })
  @ApiConflictResponse({ description: 'missing_nodes: children (dict entries or file successors) not stored in the realm (details.missing)' })
  @ApiPayloadTooLargeResponse({ description: 'The node is larger than the node limit' })
  @ApiSuccess(NodeUploadView)
  @Put('nodes/:key')
  put(
    @Caller() caller: RealmCaller,
    @NodeKeyParam() key: Buffer,
    @BinaryBody() body: Readable | Buffer | undefined,
    @Headers('x-cas-child-proofs') childProofs: string | undefined,
  ): Promise<NodeUploadView> {
    return this.nodes.put(caller, key, body, childProofs);
  }

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

  @ApiOperation({ summary: "A node's structure: a dict's children by name, a file's content type and successors" })
  @ApiProofHeaders()
  @ApiNotFoundResponse({ description: 'NODE_NOT_FOUND' })
  @ApiSuccess(NodeMetadataView)
  @Get('nodes/:key/metadata')
  metadata(
    @Caller() caller: RealmCaller,
    @NodeKeyParam() key: Buffer,
    @Headers('x-cas-proof') proof: string | undefined,
    @Headers('x-cas-index-path') indexPath: string | undefined,
  ): Promise<NodeMetadataView> {
    return this.nodes.metadata(caller, key, proof ?? indexPath);
  }

  @ApiOperation({ summary: 'Take ownership of a stored node by proof of possession (root delegates need none)' })
  @ApiNotFoundResponse({ description: 'NODE_NOT_FOUND' })
  @ApiSuccess(ClaimView)
  @HttpCode(200)
  @Post('nodes/:key/claim')
  claim(@Caller() caller: RealmCaller, @NodeKeyParam() key: Buffer, @Body() dto: ClaimNodeDto): Promise<ClaimView> {
    return this.nodes.claim(caller, key, dto.pop);
  }
}
