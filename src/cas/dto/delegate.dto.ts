import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CursorQuery } from '../../common/page-query.dto';
import { Optional } from '../../common/validation/optional';
import { QueryBoolean } from '../../common/validation/query-boolean';

/** Scope entries: `.` (the parent's scope), an index path into it (`0:1`, `.:0:1`), a node key, or `cas://nod_…` / `cas://dpt_…`. */
const SCOPE_ENTRY = /^(\.|(\.:)?\d{1,6}(:\d{1,6}){0,63}|(cas:\/\/)?nod_[0-9A-Za-z]{26}|cas:\/\/dpt_[0-9A-Za-z]{26})$/;

/** A delegate (and a realm ticket, which is one) lives at most 30 days, in seconds. */
export const MAX_DELEGATE_LIFETIME = 2_592_000;

/** Scope entries of a new delegate or ticket: 1–32 of `.`, an index path (`0:1`, `.:0:1`), or a node/depot reference. */
export const ScopeEntries = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(32),
    IsString({ each: true }),
    Matches(SCOPE_ENTRY, { each: true, message: 'each scope entry must be ".", an index path such as "0:1" or ".:0:1", or a nod_/cas:// reference' }),
  );

export class CreateDelegateDto {
  /** A label for people. @example ci-bot */
  @Optional() @IsString() @Length(1, 64)
  name?: string;

  /** May upload nodes, claim, commit depots and write through fs operations (never more than the caller). @example true */
  @Optional() @IsBoolean()
  canUpload?: boolean;

  /** May create, change and delete depots (never more than the caller). @example false */
  @Optional() @IsBoolean()
  canManageDepot?: boolean;

  /** Depots (`dpt_…`) the delegate may manage; a subset of the caller's when the caller has such a list. */
  @Optional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Matches(/^dpt_[0-9A-Za-z]{26}$/, { each: true })
  delegatedDepots?: string[];

  /**
   * Scope roots, within the caller's scope: `.` keeps the caller's, `0:1` is an index path from the caller's
   * scope root 0, and a node key (`nod_…`, `cas://nod_…`) or a depot's root (`cas://dpt_…`) names a root
   * directly (for a caller without a scope, or one of the caller's own roots).
   * @example ["nod_2D9YF3Q0RAENSX5P52HK6YEZRC"]
   */
  @Optional() @ScopeEntries()
  scope?: string[];

  /** Lifetime of each access token, in seconds (default 3600, at most 86400). @example 3600 */
  @Optional() @IsInt() @Min(1) @Max(86_400)
  tokenTtlSeconds?: number;

  /** Lifetime of the delegate, in seconds (at most 30 days; never past the caller's). @example 86400 */
  @Optional() @IsInt() @Min(1) @Max(MAX_DELEGATE_LIFETIME)
  expiresIn?: number;
}

export class ListDelegatesQuery extends CursorQuery {
  /** Also list revoked children (`true`/`false`, default false). */
  @Optional() @QueryBoolean()
  includeRevoked: boolean = false;
}
