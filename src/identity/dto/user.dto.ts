import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { Role } from '../roles';

export class CreateUserDto {
  /** Unique, case-insensitive. @example agent@example.com */
  @IsEmail()
  @MaxLength(320)
  email: string;

  /** At least 8 characters. */
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** @example ["agent"] */
  @IsArray()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[] = [Role.User];
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** Replaces the whole set. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  /** A disabled user cannot log in, and their tokens stop working at once. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery extends PageQuery {
  /** Only users holding this role. */
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  /** Case-insensitive part of the email or name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  search?: string;
}
