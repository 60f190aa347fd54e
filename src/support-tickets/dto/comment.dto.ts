import { IsBoolean, IsNotEmpty, IsString } from 'class-validator';
import { Optional } from '../../common/validation/optional';

export class CreateCommentDto {
  /** At most 10000 characters (longer: COMMENT_TOO_LONG). @example 我已经检查了数据库日志，发现是密码加密方式升级导致的问题。我会在今天下午修复。 */
  @IsString()
  @IsNotEmpty()
  content: string;

  /** Internal note, for agents and admins only. @example false */
  @Optional()
  @IsBoolean()
  is_internal?: boolean;
}

export class UpdateCommentDto {
  /** At most 10000 characters (longer: COMMENT_TOO_LONG). @example 更新后的评论内容 */
  @IsString()
  @IsNotEmpty()
  content: string;
}
