// Two projects: unit specs beside the code (src/**/*.spec.ts, pure logic) and e2e specs (test/e2e)
// that start the built server (dist/main.js) as a child process and talk to it over real HTTP.
// NestJS 12 ships as ES modules, which Jest on Node 20 cannot load in-process; testing the
// built artifact also means the tests see what production runs, Swagger plugin included.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

module.exports = {
  // e2e specs boot real servers; the embedded database takes a few seconds to start.
  testTimeout: 60000,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', rootDir: '.', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'], setupFiles: ['reflect-metadata'], transform },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
