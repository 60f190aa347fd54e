/**
 * Realm CAS upload throughput: PUT of 1 MiB file nodes (distinct random content, so every PUT
 * stores a new node), in MB/s, one at a time and 4 at once, next to raw BLAKE3 hashing of the
 * same bytes in this process, in the same run. The ratio says what verification, storage and
 * bookkeeping cost on top of the hash every upload must compute anyway.
 *
 *   npm run bench:cas    (BENCH_DATABASE_URL; BENCH_NODES=64)
 */
import './bench-env';
import { randomBytes } from 'node:crypto';
import { blake3_128, initBlake3 } from '../src/cas/codec/blake3';
import { encodeFileNode } from '../src/cas/codec/node-codec';
import { keyOf, nodeKeyText } from '../src/cas/codec/node-key';
import { TestServer } from '../test/support/test-server';

const NODES = Number(process.env.BENCH_NODES ?? 64);
const MiB = 1024 * 1024;

function makeNodes(size = MiB): { key: string; bytes: Uint8Array }[] {
  return Array.from({ length: NODES }, () => {
    const data = randomBytes(size - 80);
    const bytes = encodeFileNode({ contentType: 'application/octet-stream', fileSize: data.length, data });
    return { key: nodeKeyText(keyOf(bytes)), bytes };
  });
}

async function main(): Promise<void> {
  await initBlake3();
  const t = await TestServer.start({ ...(process.env.BLOB_STORE_URL ? { BLOB_STORE_URL: process.env.BLOB_STORE_URL } : {}), LOG_LEVEL: 'silent', WEBHOOK_DISPATCHER_ENABLED: 'false', SLA_SCAN_INTERVAL_MS: '0' });
  try {
    const owner = await t.userWithToken(['user']);
    const realm = `usr_${owner.user.id}`;
    const put = async (node: { key: string; bytes: Uint8Array }) => {
      const res = await fetch(`${t.baseUrl}/api/realm/${realm}/nodes/${node.key}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/octet-stream' },
        body: node.bytes,
      });
      if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    await put(makeNodes()[0]); // warm up: root delegate, JIT, first blob directory

    const total = (NODES * MiB) / 1e6;
    const serial = makeNodes();
    let started = performance.now();
    for (const node of serial) await put(node);
    const serialMBs = total / ((performance.now() - started) / 1000);

    const parallel = makeNodes();
    started = performance.now();
    for (let i = 0; i < parallel.length; i += 4) await Promise.all(parallel.slice(i, i + 4).map(put));
    const parallelMBs = total / ((performance.now() - started) / 1000);

    const small = makeNodes(1024);
    started = performance.now();
    for (const node of small) await put(node);
    const smallMs = (performance.now() - started) / NODES;

    started = performance.now();
    for (const node of serial) blake3_128(node.bytes);
    const hashMBs = total / ((performance.now() - started) / 1000);

    console.log(`${NODES} nodes of 1 MiB per run\n`);
    console.log('| what | MB/s | of raw BLAKE3 |');
    console.log('|---|---|---|');
    console.log(`| raw BLAKE3-128 of the same bytes (this process) | ${hashMBs.toFixed(0)} | 100% |`);
    console.log(`| PUT …/nodes/:key, one at a time | ${serialMBs.toFixed(0)} | ${((serialMBs / hashMBs) * 100).toFixed(0)}% |`);
    console.log(`| PUT …/nodes/:key, 4 at once | ${parallelMBs.toFixed(0)} | ${((parallelMBs / hashMBs) * 100).toFixed(0)}% |`);
    console.log(`\nFixed cost per upload (1 KiB nodes, one at a time): ${smallMs.toFixed(2)} ms`);
  } finally {
    await t.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
