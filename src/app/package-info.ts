import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** name and version from package.json (two levels up from both src/app and dist/app). */
export const PACKAGE_INFO = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
