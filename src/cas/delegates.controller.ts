import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CursorPage } from '../common/pagination';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { DelegatesService } from './delegates.service';
import { CreateDelegateDto, ListDelegatesQuery } from './dto/delegate.dto';
import { CreatedDelegateView, DelegateDetailView, DelegateListItemView, RevokedDelegateView } from './dto/delegate.view';
import { Caller, RealmAuth } from './realm-auth.guard';
import type { RealmCaller } from './realm-caller';

@ApiTags('realm')
@RealmAuth()
@Controller('api/realm/:realmId/delegates')
export class DelegatesController {
  constructor(private readonly delegates: DelegatesService) {}

  @ApiOperation({ summary: 'Issue a child delegate with its refresh and access tokens (shown once)' })
  @ApiBadRequestResponse({ description: 'PERMISSION_ESCALATION, INVALID_SCOPE, MAX_DEPTH_EXCEEDED, validation_error' })
  @ApiSuccess(CreatedDelegateView, { status: 201 })
  @Post()
  create(@Caller() caller: RealmCaller, @Body() dto: CreateDelegateDto): Promise<CreatedDelegateView> {
    return this.delegates.create(caller, dto);
  }

  @ApiOperation({ summary: "The caller's direct children, oldest first" })
  @ApiPage(DelegateListItemView, { field: 'delegates' })
  @Get()
  list(@Caller() caller: RealmCaller, @Query() query: ListDelegatesQuery): Promise<CursorPage<DelegateListItemView>> {
    return this.delegates.list(caller, query);
  }

  @ApiOperation({ summary: 'The caller or one of its descendants' })
  @ApiNotFoundResponse({ description: 'DELEGATE_NOT_FOUND: no such delegate below the caller' })
  @ApiSuccess(DelegateDetailView)
  @Get(':delegateId')
  get(@Caller() caller: RealmCaller, @Param('delegateId') delegateId: string): Promise<DelegateDetailView> {
    return this.delegates.get(caller, delegateId);
  }

  @ApiOperation({ summary: 'Revoke a delegate and all its descendants; their tokens stop working at once' })
  @ApiNotFoundResponse({ description: 'DELEGATE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'DELEGATE_ALREADY_REVOKED' })
  @ApiSuccess(RevokedDelegateView)
  @HttpCode(200)
  @Post(':delegateId/revoke')
  revoke(@Caller() caller: RealmCaller, @Param('delegateId') delegateId: string): Promise<RevokedDelegateView> {
    return this.delegates.revoke(caller, delegateId);
  }
}
