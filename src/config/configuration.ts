import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { casConfig } from './cas.config';
import { databaseConfig } from './database.config';
import { ConfigError } from './env';
import { fileTicketsConfig } from './file-tickets.config';
import { redisConfig } from './redis.config';
import { storageConfig } from './storage.config';
import { supportConfig } from './support.config';
import { webhooksConfig } from './webhooks.config';
import { workflowConfig } from './workflow.config';

/** Every config namespace, in one list: what the app loads and what the boot checks first. */
export const CONFIG_NAMESPACES = [appConfig, databaseConfig, authConfig, redisConfig, storageConfig, webhooksConfig, supportConfig, workflowConfig, casConfig, fileTicketsConfig];

/**
 * Reads every namespace once, before Nest starts, and answers the problems found, one line per
 * variable (no stack trace, no colours, never a secret value): empty when the configuration is good.
 */
export function configurationProblems(): string[] {
  const problems: string[] = [];
  for (const load of CONFIG_NAMESPACES) {
    try {
      load();
    } catch (err) {
      problems.push(...(err instanceof ConfigError ? err.problems : [err instanceof Error ? err.message : String(err)]));
    }
  }
  // Namespaces read each other (auth reads the database's DATA_DIR): say each problem once.
  return [...new Set(problems)];
}
