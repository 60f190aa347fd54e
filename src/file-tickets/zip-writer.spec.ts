import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzip } from '../../test/support/zip-reader';
import { crc32, crc32Table, ZipEntry, zipArchive } from './zip-writer';

const entry = (name: string, data: Buffer, chunk = 7): ZipEntry => ({
  name,
  size: data.length,
  modified: new Date(Date.UTC(2024, 3, 23, 1, 52, 37)),
  async *data() {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  },
});

async function build(entries: ZipEntry[], forceZip64 = false): Promise<{ zip: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipArchive(entries, { forceZip64 })) chunks.push(chunk);
  return { zip: Buffer.concat(chunks) };
}

/** Python's zipfile, when this machine has Python: a second, independent reader. */
function pythonRead(zip: Buffer): Array<[string, string]> | null {
  const dir = mkdtempSync(join(tmpdir(), 'zip-spec-'));
  try {
    writeFileSync(join(dir, 'a.zip'), zip);
    const script = 'import zipfile,sys,json,hashlib\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps([[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))';
    return JSON.parse(execFileSync('python3', ['-c', script, join(dir, 'a.zip')], { encoding: 'utf8' }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('zipArchive', () => {
  it('writes stored entries with descriptors that an independent reader unpacks byte for byte', async () => {
    const files = [
      entry('src/Main.java', Buffer.from('public class Main {}\n')),
      entry('資料/報告.txt', Buffer.from('中文內容')),
      entry('empty', Buffer.alloc(0)),
      entry('bin/data.bin', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff))),
    ];
    const { zip } = await build(files);
    const entries = unzip(zip);
    expect(entries.map((e) => e.name)).toEqual(['src/Main.java', '資料/報告.txt', 'empty', 'bin/data.bin']);
    expect(entries[1].data.toString()).toBe('中文內容');
    expect(entries.every((e) => e.flags === 0x0808)).toBe(true);
    // 2024-04-23 01:52:36 UTC in MS-DOS form
    expect(entries[0].modified).toEqual({ time: (1 << 11) | (52 << 5) | 18, date: (44 << 9) | (4 << 5) | 23 });
    const python = pythonRead(zip);
    if (python) expect(python).toEqual(entries.map((e) => [e.name, sha256(e.data)]));
  });

  it('round-trips any set of entries, with and without ZIP64 records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z0-9/._-]{1,20}$/), data: fc.uint8Array({ maxLength: 3000 }) }), { selector: (e) => e.name, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4096 }),
        async (items, force, chunk) => {
          const { zip } = await build(items.map((i) => entry(i.name, Buffer.from(i.data), chunk)), force);
          const entries = unzip(zip);
          expect(entries.map((e) => e.name)).toEqual(items.map((i) => i.name));
          entries.forEach((e, i) => expect(e.data.equals(Buffer.from(items[i].data))).toBe(true));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('writes ZIP64 records that Python reads too', async () => {
    const { zip } = await build([entry('a.txt', Buffer.from('hello')), entry('b/c.txt', Buffer.from('world'))], true);
    expect(unzip(zip).map((e) => e.data.toString())).toEqual(['hello', 'world']);
    const python = pythonRead(zip);
    if (python) expect(python.map(([name]) => name)).toEqual(['a.txt', 'b/c.txt']);
  });

  it('fails the stream when an entry yields more or fewer bytes than its size', async () => {
    const lying: ZipEntry = { ...entry('x', Buffer.from('abc')), size: 4 };
    await expect(build([lying])).rejects.toThrow(/expected 4 bytes/);
    const long: ZipEntry = { ...entry('x', Buffer.from('abcdef')), size: 3 };
    await expect(build([long])).rejects.toThrow(/expected 3 bytes/);
  });
});

describe('crc32', () => {
  it('matches the check value and the table implementation, in one piece or continued', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.nat(500), (data, cut) => {
        const at = Math.min(cut, data.length);
        expect(crc32(data.subarray(at), crc32(data.subarray(0, at)))).toBe(crc32Table(data));
      }),
    );
  });
});
