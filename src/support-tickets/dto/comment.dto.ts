import { IsBoolean, IsNotEmpty, IsString } from 'class-validator';
import { Optional } from '../../common/validation/optional';

export class CreateCommentDto {
  /** At most 10000 characters (longer: COMMENT_TOO_LONG). */
  @IsString()
  @IsNotEmpty()
  content: string;

  /** Internal note, for agents and admins only. */
  @Optional()
  @IsBoolean()
  is_internal?: boolean;
}

export class UpdateCommentDto {
  /** At most 10000 characters (longer: COMMENT_TOO_LONG). */
  @IsString()
  @IsNotEmpty()
  content: string;
}
