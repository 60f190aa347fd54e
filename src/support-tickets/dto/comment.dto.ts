import { IsBoolean, IsNotEmpty, IsOptional, IsString } from 'class-validator';

export class CreateCommentDto {
  /** At most 10000 characters (longer: COMMENT_TOO_LONG). */
  @IsString()
  @IsNotEmpty()
  content: string;

  /** Internal note, for agents and admins only. */
  @IsOptional()
  @IsBoolean()
  is_internal?: boolean;
}

export class UpdateCommentDto {
  /** At most 10000 characters (longer: COMMENT_TOO_LONG). */
  @IsString()
  @IsNotEmpty()
  content: string;
}
