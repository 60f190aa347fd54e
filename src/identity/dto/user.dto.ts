import { Transform, Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
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

export class ListUsersQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  page_size: number = 20;

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
