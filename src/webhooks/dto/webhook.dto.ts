import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

const EVENT_NAME = /^(\*|[a-z][a-z_]*\.[a-z][a-z_.]*)$/;

export class CreateWebhookDto {
  /** Where events are POSTed: an absolute http(s) URL. @example https://hooks.example.com/tickets */
  @IsString()
  @MaxLength(2000)
  url: string;

  /** Event types to receive, e.g. ticket.created, ticket.status_changed; `*` for all. @example ["ticket.created","ticket.closed"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(EVENT_NAME, { each: true, message: 'each event must look like ticket.created, or be *' })
  events: string[];

  /** HMAC secret (16–200 characters); generated when omitted. Shown only in this response. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Also receive internal events (internal comments). Default false. */
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

/** Any field of a subscription but its secret (rotate that instead). Re-enabling clears its dead-delivery count. */
export class UpdateWebhookDto extends PartialType(OmitType(CreateWebhookDto, ['secret'] as const)) {}

export class ListDeliveriesQuery extends PageQuery {
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'dead'])
  status?: 'pending' | 'succeeded' | 'dead';

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  event?: string;
}
