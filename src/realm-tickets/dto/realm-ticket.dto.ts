import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MAX_DELEGATE_LIFETIME, ScopeEntries } from '../../cas/dto/delegate.dto';
import { CursorQuery } from '../../common/page-query.dto';
import { Optional } from '../../common/validation/optional';
import { ROOT_KEY } from '../realm-ticket-ids';
import { TICKET_STATUSES, type TicketStatus } from '../realm-ticket.entity';

export class CreateRealmTicketDto {
  /** What the task is, for people (1–256 characters). */
  @ApiProperty({ example: 'Generate thumbnail' })
  @IsString() @Length(1, 256)
  title: string;

  /** Lifetime of the ticket and its token, in seconds (default 3600, at most 30 days; never past the creator's own expiry). */
  @ApiPropertyOptional({ type: 'integer', example: 3600 })
  @Optional() @IsInt() @Min(1) @Max(MAX_DELEGATE_LIFETIME)
  expiresIn: number = 3600;

  /** Whether the ticket's token may upload nodes (never more than the creator; default false). @example true */
  @Optional() @IsBoolean()
  canUpload?: boolean;

  /**
   * The ticket's scope, within the creator's: index paths relative to the creator's scope roots
   * (`.:0:1`, `0:1`), `.` for all of them, or a node the creator can reach (`nod_…`, `cas://…`).
   * Default: the creator's whole scope. @example [".:0:1"]
   */
  @Optional() @ScopeEntries()
  scope?: string[];
}

export class ListRealmTicketsQuery extends CursorQuery {
  /** Only tickets in this state. */
  @Optional() @IsIn(TICKET_STATUSES)
  status?: TicketStatus;
}

export class SubmitRealmTicketDto {
  /** The output node: stored in the realm by this ticket's token (`nod_…`; `node:…` is accepted too). @example nod_240B5PHBGEC2A705WTKKMVRS30 */
  @IsString() @Matches(ROOT_KEY, { message: 'root must be a node key (nod_ or node: + 26 Crockford Base32 characters)' })
  root: string;
}
