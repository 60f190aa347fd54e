// The DataSource the TypeORM CLI uses (npm run migration:generate|run|revert).
// Same options as the app: DATABASE_URL for a server, otherwise the embedded database under DATA_DIR.
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseConfig } from './src/config/database.config';
import { buildDataSourceOptions } from './src/database/data-source-options';

const db = databaseConfig();
if (db.mode === 'embedded') mkdirSync(db.dataDir, { recursive: true });

export default new DataSource(
  buildDataSourceOptions({ ...db, migrationsRun: false }, { entities: [join(__dirname, 'src', '**', '*.entity.{ts,js}')] }),
);
