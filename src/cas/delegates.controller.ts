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

  /**
   * The caller (a user JWT as the realm's root delegate, or a delegate's access token) issues a
   * child delegate with a refresh token and an access token, shown in this answer only. A child
   * never gets more than its caller: a flag the caller lacks, a depot it may not manage or a
   * lifetime past its own is 400 PERMISSION_ESCALATION; chains stop at depth 15; `scope` entries
   * must lie within the caller's scope (400 INVALID_SCOPE). Without `scope` the child keeps the
   * caller's roots.
   */
  @ApiOperation({ summary: 'Issue a child delegate with its refresh and access tokens (shown once)' })
  @ApiBadRequestResponse({ description: 'PERMISSION_ESCALATION, INVALID_SCOPE, MAX_DEPTH_EXCEEDED, validation_error' })
  @ApiSuccess(CreatedDelegateView, { status: 201, description: 'The new delegate and its token pair (shown this once)' })
  @Post()
  create(@Caller() caller: RealmCaller, @Body() dto: CreateDelegateDto): Promise<CreatedDelegateView> {
    return this.delegates.create(caller, dto);
  }

  /**
   * The delegates the caller issued directly (not their descendants), oldest first, a page at a
   * time: pass `nextCursor` back as `cursor`. Revoked ones only with `includeRevoked=true`.
   */
  @ApiOperation({ summary: "The caller's direct children, oldest first" })
  @ApiPage(DelegateListItemView, { field: 'delegates', description: 'A page of child delegates; nextCursor is absent on the last page' })
  @Get()
  list(@Caller() caller: RealmCaller, @Query() query: ListDelegatesQuery): Promise<CursorPage<DelegateListItemView>> {
    return this.delegates.list(caller, query);
  }

  /**
   * One delegate in full: its chain from the root, permissions, scope roots, expiry and revocation.
   * The caller may read itself and its descendants; any other id, even an existing one, is 404.
   */
  @ApiOperation({ summary: 'The caller or one of its descendants' })
  @ApiNotFoundResponse({ description: 'DELEGATE_NOT_FOUND: no such delegate below the caller' })
  @ApiSuccess(DelegateDetailView, { description: 'The delegate' })
  @Get(':delegateId')
  get(@Caller() caller: RealmCaller, @Param('delegateId') delegateId: string): Promise<DelegateDetailView> {
    return this.delegates.get(caller, delegateId);
  }

  /**
   * Revokes a descendant of the caller (or the caller itself) and everything below it, in one
   * step: their access and refresh tokens stop working at once. Revoking twice is 409; the
   * realm's root delegate cannot be revoked (403 ROOT_DELEGATE_IMMUTABLE).
   */
  @ApiOperation({ summary: 'Revoke a delegate and all its descendants; their tokens stop working at once' })
  @ApiNotFoundResponse({ description: 'DELEGATE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'DELEGATE_ALREADY_REVOKED' })
  @ApiSuccess(RevokedDelegateView, { description: 'The revoked delegate and when' })
  @HttpCode(200)
  @Post(':delegateId/revoke')
  revoke(@Caller() caller: RealmCaller, @Param('delegateId') delegateId: string): Promise<RevokedDelegateView> {
    return this.delegates.revoke(caller, delegateId);
  }
}
