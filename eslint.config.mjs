// Flat config: typescript-eslint's recommended rules, plus the house rules of docs/architecture.md
// on who may import what (module boundaries and data access), enforced here so CI fails on a leak.
import tseslint from 'typescript-eslint';

/**
 * Modules from the bottom up. A module may import modules of lower layers only: no arrow runs
 * back up, and modules of one layer do not know each other. `src/*.ts` (bootstrap) sits on top.
 */
const LAYERS = [
  ['common', 'config', 'database'],
  ['identity'],
  ['webhooks'],
  ['cas', 'work-session'],
  ['support-tickets', 'workflow', 'realm-tickets', 'file-tickets'],
  ['app'],
];
const MODULES = LAYERS.flat();
const FOUNDATION = LAYERS[0];

const alternation = (names) => names.join('|');
/** A relative import that climbs out of the current module into one of `modules`. */
const into = (modules, rest = '') => `^(\\.\\./)+(${alternation(modules)})/${rest}`;

/**
 * The restricted imports of a file in `module` playing `role` (its file name's suffix).
 * - Another module is reached through what it exports (services, decorators, types): never its
 *   entities, repositories or errors. One exception, documented: an entity may hold a foreign
 *   key relation to identity's UserEntity.
 * - Only repositories reach the database (Db); only the database module holds the DataSource
 *   and EntityManager; only module files register entities with @nestjs/typeorm.
 */
function restrictions(module, role) {
  const layer = LAYERS.findIndex((l) => l.includes(module));
  const foreign = MODULES.filter((m) => m !== module && !(FOUNDATION.includes(m) && FOUNDATION.includes(module)));
  const higherOrSibling = layer < 0 ? [] : LAYERS.slice(layer).flat().filter((m) => m !== module && !(layer === 0 && FOUNDATION.includes(m)));
  const patterns = [];
  if (higherOrSibling.length) {
    patterns.push({ regex: into(higherOrSibling), message: `${module} may not depend on this module: it is not in a lower layer (eslint.config.mjs, LAYERS).` });
  }
  const exceptUserEntity = role === 'entity' ? '(?!identity/user\\.entity$)' : '';
  patterns.push({
    regex: `^(\\.\\./)+${exceptUserEntity}(${alternation(foreign)})/.*\\.(entity|repository|errors)$`,
    message: 'Use the other module through its exported service; its entities, repositories and errors are its own.',
  });
  if (module !== 'database' && role !== 'repository') {
    patterns.push({ regex: '(^|/)database/db$', message: 'Only repositories (*.repository.ts) reach the database; services use Transactions and repositories.' });
  }
  if (module !== 'database' && role !== 'module') {
    patterns.push({ regex: '^@nestjs/typeorm$', message: 'Entities are registered in *.module.ts; repositories get Db.' });
  }
  const paths = [];
  if (module !== 'database' && ['repository', 'entity', 'module'].includes(role)) {
    paths.push({ name: 'typeorm', importNames: ['DataSource', 'EntityManager', 'QueryRunner'], message: 'Only src/database holds the DataSource; repositories use Db.manager.' });
  } else if (module !== 'database') {
    paths.push({ name: 'typeorm', allowTypeImports: true, message: 'Queries and their operators belong in repositories (*.repository.ts).' });
  }
  return ['error', { paths, patterns }];
}

const ROLES = ['repository', 'entity', 'module'];
const boundaries = (module) => [
  { files: [`src/${module}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': restrictions(module, 'other') } },
  ...ROLES.map((role) => ({
    files: [`src/${module}/**/*.${role}.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': restrictions(module, role) },
  })),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['src/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': restrictions('bootstrap', 'module') } },
  ...MODULES.flatMap(boundaries),
  // Benchmarks report on stdout.
  { files: ['scripts/**/*.ts'], rules: { 'no-console': 'off' } },
);
