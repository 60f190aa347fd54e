import { IsInt, Matches, Max, Min, MinLength } from 'class-validator';
import { durationToSeconds, EnvBoolean, envFlag, parseEnv } from './env';

class SampleEnv {
  @IsInt() @Min(1) @Max(65535) PORT: number = 3000;
  @EnvBoolean() FLAG: boolean = true;
}

describe('parseEnv', () => {
  it('applies defaults and converts values', () => {
    expect(parseEnv(SampleEnv, {})).toEqual({ PORT: 3000, FLAG: true });
    expect(parseEnv(SampleEnv, { PORT: '8080', FLAG: 'false' })).toEqual({ PORT: 8080, FLAG: false });
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv(SampleEnv, { PORT: '70000' })).toThrow(/PORT must not be greater than 65535 \(got "70000"\)/);
    expect(() => parseEnv(SampleEnv, { PORT: 'abc' })).toThrow(/PORT/);
  });
});

describe('parseEnv never echoes a secret', () => {
  class SecretEnv {
    @MinLength(32) JWT_SECRET: string = 'x'.repeat(32);
    @Matches(/^postgres:\/\//) DATABASE_URL: string = 'postgres://localhost/db';
    @Matches(/^https?:\/\//) S3_ENDPOINT: string = 'http://127.0.0.1:9000';
  }

  it('names the variable without its value', () => {
    let message = '';
    try {
      parseEnv(SecretEnv, { JWT_SECRET: 'short-secret-value', DATABASE_URL: 'mysql://admin:hunter2@db/x', S3_ENDPOINT: 'ftp://minio:s3cret@host' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/S3_ENDPOINT/);
    expect(message).not.toMatch(/short-secret-value|hunter2|admin|s3cret|minio/);
    expect(message).toMatch(/value not shown/);
  });
});

describe('durationToSeconds / envFlag', () => {
  it.each([
    ['900', 900],
    ['15m', 900],
    ['2h', 7200],
    ['7d', 604800],
    ['1500ms', 2],
  ])('%s → %d s', (input, seconds) => expect(durationToSeconds(input)).toBe(seconds));

  it('refuses what is not a duration', () => expect(() => durationToSeconds('soon')).toThrow());

  it('reads flags', () => {
    expect(envFlag('TRUE', false)).toBe(true);
    expect(envFlag('0', true)).toBe(false);
    expect(envFlag(undefined, true)).toBe(true);
  });
});
