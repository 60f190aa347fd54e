import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** Boots the built server with `env` and answers its exit code and everything it printed. */
function boot(env: Record<string, string>): { status: number | null; output: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|DATA_DIR|REDIS_URL|JWT_SECRET|PORT)$/.test(key)));
  const result = spawnSync(process.execPath, [MAIN], { env: { ...clean, DATA_DIR: 'memory://', ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('configuration errors', () => {
  it('name each bad variable on one plain line, and never show a secret', () => {
    const { status, output } = boot({
      JWT_SECRET: 'short-secret-value',
      DATABASE_URL: 'mysql://admin:hunter2@127.0.0.1/db',
      REDIS_URL: 'http://:redis-password@127.0.0.1:6379',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'short',
      PORT: 'abc',
    });
    expect(status).toBe(1);
    for (const variable of ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'ADMIN_PASSWORD', 'PORT']) {
      expect(output.split('\n').filter((line) => line.includes(variable))).toHaveLength(1);
    }
    for (const secret of ['short-secret-value', 'hunter2', 'redis-password', '"short"']) expect(output).not.toContain(secret);
    expect(output).toContain('PORT must be an integer number (got "abc")');
    expect(output).not.toMatch(/\u001b\[/); // no colours when piped
    expect(output).not.toMatch(/^\s+at /m); // no stack trace
  });

  it('refuses an unknown LOG_FORMAT on one line, naming the values it takes', () => {
    const { status, output } = boot({ LOG_FORMAT: 'loud' });
    expect(status).toBe(1);
    expect(output.trim().split('\n')).toEqual(['Invalid configuration:', '  - LOG_FORMAT must be one of the following values: json, pretty (got "loud")']);
  });
});
