import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../../common/validation/optional';
import { PageQuery } from '../../common/page-query.dto';
import { SUBSCRIBABLE_EVENTS } from '../webhook-events';

export class CreateWebhookDto {
  /** Where events are POSTed: an absolute http(s) URL. @example https://hooks.example.com/tickets */
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ description: 'Event types to receive; `*` for all.', enum: SUBSCRIBABLE_EVENTS, isArray: true, example: ['ticket.created', 'ticket.closed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE_EVENTS, { each: true, message: `each event must be one of ${SUBSCRIBABLE_EVENTS.join(', ')}` })
  events: string[];

  /** HMAC secret (16–200 characters); generated when omitted. Shown only in this response. */
  @Optional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;

  /** @example "Help-desk notifications" */
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;

  /** Default true; false pauses deliveries (true again clears the dead-delivery count). */
  @Optional()
  @IsBoolean()
  active?: boolean;

  /** Also receive internal events (internal comments). Default false. */
  @Optional()
  @IsBoolean()
  internal?: boolean;
}

/** Any field of a subscription but its secret (rotate that instead). Re-enabling clears its dead-delivery count. */
export class UpdateWebhookDto extends PartialType(OmitType(CreateWebhookDto, ['secret'] as const), { skipNullProperties: false }) {}

export class ListDeliveriesQuery extends PageQuery {
  @Optional()
  @IsIn(['pending', 'succeeded', 'dead'])
  status?: 'pending' | 'succeeded' | 'dead';

  @Optional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  event?: string;
}
