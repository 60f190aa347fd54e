import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'main.js'))) {
    throw new Error('dist/main.js is missing: the e2e tests run the built server (npm test builds it first)');
  }
  process.env.TEST_RUN_PREFIX = `e2e_${Date.now().toString(36)}_${process.pid}`;
}
