import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** @example admin@example.com */
  @IsEmail()
  @MaxLength(320)
  email: string;

  /** @example change-me-now */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  /** The refresh token from the last login or refresh; it can be used once. @example Tm2ewJKgHMV2wWhY5TDHhAnWAcq57PIhqzzMYEzBczo */
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}
