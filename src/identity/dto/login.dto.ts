import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** @example admin@example.com */
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  /** The refresh token from the last login or refresh; it can be used once. */
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}
