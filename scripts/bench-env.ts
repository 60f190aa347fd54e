// Imported first by benchmarks: point the test-server tooling at a PostgreSQL server before it loads.
process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
process.env.TEST_RUN_PREFIX = `bench_${Date.now().toString(36)}`;
