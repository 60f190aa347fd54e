import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/page-query.dto';
import { IgnoresUnknownFields } from '../../common/validation/ignore-unknown';
import { Optional } from '../../common/validation/optional';
import { IsId, IsIdQuery } from '../../common/validation/parse-id.pipe';
import { FLAG_COLORS, type FlagColor, WORKFLOW_STATUSES, type WorkflowStatus } from '../workflow-rules';

@IgnoresUnknownFields()
export class PartSpecDto {
  /** @example "brake pads" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** green, yellow or red; the ticket's flag_color is the most severe one. @example yellow */
  @IsIn(FLAG_COLORS)
  color: FlagColor;

  /** Planned minutes. @example 25 */
  @IsInt()
  @Min(1)
  @Max(10_000)
  minutes: number;
}

@IgnoresUnknownFields()
export class CreateWorkflowTicketDto {
  /** @example SN-1 */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serial_number: string;

  /** @example "Brake service" */
  @Optional()
  @IsString()
  @MaxLength(200)
  title?: string;

  /** 1 to 50 parts; their minutes add up to total_duration. @example [{"name":"brake pads","color":"yellow","minutes":25},{"name":"brake fluid","color":"green","minutes":15}] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PartSpecDto)
  part_specs: PartSpecDto[];

  /** Required (with create_reason) to create the inventory item of an unknown serial number. */
  @Optional()
  @IsBoolean()
  confirm_create?: boolean;

  /** Why a new inventory item is created (with confirm_create). */
  @Optional()
  @IsString()
  @MaxLength(500)
  create_reason?: string;
}

@IgnoresUnknownFields()
export class AssignWorkflowTicketDto {
  /** An active user with the technician role. @example 7 */
  @IsId()
  technician_id: number;
}

@IgnoresUnknownFields()
export class ManualMetricsDto {
  /** Overrides the colour computed from the part specs. @example red */
  @Optional()
  @IsIn(FLAG_COLORS)
  flag_color?: FlagColor;

  /** Overrides the XP computed from the planned minutes. @example 3 */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  xp_amount?: number;
}

@IgnoresUnknownFields()
export class NoteDto {
  /** Kept with the transition. @example "Pads replaced, fluid topped up" */
  @Optional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

@IgnoresUnknownFields()
export class ListWorkflowTicketsQuery extends PageQuery {
  @Optional()
  @IsIn(WORKFLOW_STATUSES)
  status?: WorkflowStatus;

  @Optional()
  @IsIdQuery()
  technician?: number;

  @Optional()
  @IsIdQuery()
  inventory_item?: number;
}

@IgnoresUnknownFields()
export class CreateInventoryItemDto {
  /** Case-sensitive, unique. @example SN-1 */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serial_number: string;

  /** Why the item is registered. @example "Customer bike, first visit" */
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@IgnoresUnknownFields()
export class XpQuery extends PageQuery {
  /** super_admin and ops_manager only: another user's entries. */
  @Optional()
  @IsIdQuery()
  user_id?: number;
}

@IgnoresUnknownFields()
class TicketXpRulesDto {
  /** xp = ceil(total planned minutes / base_divisor). @example 20 */
  @IsInt()
  @Min(1)
  @Max(100_000)
  base_divisor: number;

  /** @example 1 */
  @IsInt()
  @Min(0)
  @Max(100_000)
  first_pass_bonus: number;

  /** @example 1 */
  @IsInt()
  @Min(0)
  @Max(100_000)
  qc_status_update_xp: number;
}

@IgnoresUnknownFields()
class WorkSessionRulesDto {
  /** @example 30 */
  @IsInt()
  @Min(0)
  @Max(1440)
  daily_pause_limit_minutes: number;

  /** IANA zone, e.g. UTC or Asia/Shanghai. @example Asia/Shanghai */
  @IsString()
  timezone: string;
}

/** The whole rules set: both parts are required (a version is complete, never a patch). */
@IgnoresUnknownFields()
export class RulesConfigDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TicketXpRulesDto)
  ticket_xp: TicketXpRulesDto;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkSessionRulesDto)
  work_session: WorkSessionRulesDto;

  /** Why the rules change (kept with the version). @example "The shop works on Shanghai time" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

/** `page` and `page_size` for the workflow's lists; other query parameters (`?format=json`, `?ordering`) are ignored, as DRF does. */
@IgnoresUnknownFields()
export class WorkflowPageQuery extends PageQuery {}
