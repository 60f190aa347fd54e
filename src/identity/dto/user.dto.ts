import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../../common/validation/optional';
import { PageQuery } from '../../common/page-query.dto';
import { Role } from '../roles';

export class CreateUserDto {
  /** Unique, case-insensitive. @example lisi@example.com */
  @IsEmail()
  @MaxLength(320)
  email: string;

  /** At least 8 characters. @example correct-horse-battery */
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  /** @example 客服李四 */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Default ["user"]. @example ["agent"] */
  @IsArray()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[] = [Role.User];
}

export class UpdateUserDto {
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** Replaces the whole set. @example ["agent","admin"] */
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  /** A disabled user cannot log in, and their tokens stop working at once. */
  @Optional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery extends PageQuery {
  /** Only users holding this role. */
  @Optional()
  @IsEnum(Role)
  role?: Role;

  /** Case-insensitive part of the email or name. */
  @Optional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  search?: string;
}
