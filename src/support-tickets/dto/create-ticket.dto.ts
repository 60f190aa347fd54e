import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, MaxLength, MinLength } from 'class-validator';
import { IsBoundedObject } from '../../common/validation/bounded-object';
import { Optional } from '../../common/validation/optional';
import { CATEGORIES, PRIORITIES, type TicketCategory, type TicketPriority } from '../ticket-rules';

/** Trims each tag and drops duplicates and empties. */
export const normalizeTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim() : t)).filter((t) => t !== ''))] : value;

export class CreateTicketDto {
  /** 1–200 characters. @example 无法登录账号 */
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  title: string;

  /** Up to 5000 characters. @example 我尝试使用正确的密码登录，但系统提示密码错误。我已经重置过密码，但问题依然存在。 */
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  description: string;

  /** @example technical */
  @IsIn(CATEGORIES)
  category: TicketCategory;

  /** Sets sla_due_time: created_at plus the priority's resolution target. @example high */
  @IsIn(PRIORITIES)
  priority: TicketPriority;

  /** Up to 20 tags of at most 50 characters. @example ["login","password"] */
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @Transform(normalizeTags)
  tags?: string[];

  /** Free-form JSON object: at most 200 keys and items, 5 levels, 16 KiB. @example {"browser":"Chrome 120","os":"Windows 11"} */
  @Optional()
  @IsObject()
  @IsBoundedObject({ maxEntries: 200, maxDepth: 5, maxBytes: 16_384 })
  metadata?: Record<string, any>;
}
