import * as zlib from 'node:zlib';

/**
 * A streaming ZIP writer (APPNOTE 6.3): entries stored as they are (method 0), their CRC-32
 * computed while the bytes pass and sent after them in a data descriptor, so nothing is held
 * but the entry being read and a few bytes per entry for the central directory. Entries may
 * come lazily (an async iterable): each is asked for its bytes only when its turn comes.
 * Names are UTF-8 (flag bit 11). ZIP64 records are written exactly where an entry's size, an
 * offset or the entry count needs them.
 */
export interface ZipEntry {
  /** The path inside the archive, `/`-separated. */
  name: string;
  size: number;
  modified: Date;
  /** The entry's bytes, `size` of them, in order. */
  data(): AsyncIterable<Uint8Array>;
}

export interface ZipOptions {
  /** ZIP64 records on every entry and at the end (valid, and what tests use to check them without 4 GiB). */
  forceZip64?: boolean;
}

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const FLAGS = 0x0808; // bit 3: sizes and CRC in a data descriptor; bit 11: UTF-8 names
const VERSION = 20;
const VERSION_ZIP64 = 45;
const MADE_BY_UNIX = (3 << 8) | VERSION_ZIP64;
const FILE_MODE = 0o100644;

interface Layout {
  name: Buffer;
  size: number;
  modified: Date;
  zip64: boolean;
  offset: number;
  crc: number;
}

const localHeaderLength = (item: Layout) => 30 + item.name.length + (item.zip64 ? 20 : 0);
const descriptorLength = (item: Layout) => (item.zip64 ? 24 : 16);
const offsetNeeds64 = (item: Layout, force: boolean) => force || item.offset >= U32_MAX;
const centralExtraLength = (item: Layout, force: boolean) => {
  const fields = (item.zip64 ? 2 : 0) + (offsetNeeds64(item, force) ? 1 : 0);
  return fields ? 4 + 8 * fields : 0;
};

interface Ending {
  force: boolean;
  centralStart: number;
  centralLength: number;
  zip64End: boolean;
}

/** The archive of `entries`, as a stream of chunks. It fails (throws) when an entry gives more or fewer bytes than its size. */
export async function* zipArchive(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: ZipOptions = {}): AsyncGenerator<Buffer> {
  const force = options.forceZip64 ?? false;
  const items: Layout[] = [];
  let at = 0;
  for await (const entry of entries) {
    const item: Layout = { name: Buffer.from(entry.name, 'utf8'), size: entry.size, modified: entry.modified, zip64: force || entry.size >= U32_MAX, offset: at, crc: 0 };
    if (item.name.length > U16_MAX) throw new RangeError('a ZIP entry name is at most 65,535 bytes');
    const header = localHeader(item);
    yield header;
    let crc = 0;
    let size = 0;
    for await (const chunk of entry.data()) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (size > entry.size) break;
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    if (size !== entry.size) throw new Error(`ZIP entry ${entry.name}: expected ${entry.size} bytes, got ${size > entry.size ? 'more' : size}`);
    item.crc = crc;
    yield descriptor(item);
    items.push(item);
    at += header.length + entry.size + descriptorLength(item);
  }
  const centralStart = at;
  let centralLength = 0;
  for (const item of items) {
    const central = centralHeader(item, force);
    centralLength += central.length;
    yield central;
  }
  const end: Ending = { force, centralStart, centralLength, zip64End: force || items.length >= U16_MAX || centralStart >= U32_MAX || centralLength >= U32_MAX };
  if (end.zip64End) yield zip64EndRecords(items.length, end);
  yield endRecord(items.length, end);
}

function localHeader(item: Layout): Buffer {
  const { time, date } = dosTime(item.modified);
  const out = Buffer.alloc(localHeaderLength(item));
  out.writeUInt32LE(0x04034b50, 0);
  out.writeUInt16LE(item.zip64 ? VERSION_ZIP64 : VERSION, 4);
  out.writeUInt16LE(FLAGS, 6);
  out.writeUInt16LE(0, 8); // stored
  out.writeUInt16LE(time, 10);
  out.writeUInt16LE(date, 12);
  // CRC and sizes follow the data (bit 3); with ZIP64 the sizes say "see the extra field".
  out.writeUInt32LE(0, 14);
  out.writeUInt32LE(item.zip64 ? U32_MAX : 0, 18);
  out.writeUInt32LE(item.zip64 ? U32_MAX : 0, 22);
  out.writeUInt16LE(item.name.length, 26);
  out.writeUInt16LE(item.zip64 ? 20 : 0, 28);
  item.name.copy(out, 30);
  if (item.zip64) {
    const extra = 30 + item.name.length;
    out.writeUInt16LE(0x0001, extra);
    out.writeUInt16LE(16, extra + 2); // original and compressed size, 0 here: they follow in the descriptor
  }
  return out;
}

function descriptor(item: Layout): Buffer {
  const out = Buffer.alloc(descriptorLength(item));
  out.writeUInt32LE(0x08074b50, 0);
  out.writeUInt32LE(item.crc, 4);
  if (item.zip64) {
    out.writeBigUInt64LE(BigInt(item.size), 8);
    out.writeBigUInt64LE(BigInt(item.size), 16);
  } else {
    out.writeUInt32LE(item.size, 8);
    out.writeUInt32LE(item.size, 12);
  }
  return out;
}

function centralHeader(item: Layout, force: boolean): Buffer {
  const extraLength = centralExtraLength(item, force);
  const offset64 = offsetNeeds64(item, force);
  const out = Buffer.alloc(46 + item.name.length + extraLength);
  const { time, date } = dosTime(item.modified);
  out.writeUInt32LE(0x02014b50, 0);
  out.writeUInt16LE(MADE_BY_UNIX, 4);
  out.writeUInt16LE(item.zip64 || offset64 ? VERSION_ZIP64 : VERSION, 6);
  out.writeUInt16LE(FLAGS, 8);
  out.writeUInt16LE(0, 10);
  out.writeUInt16LE(time, 12);
  out.writeUInt16LE(date, 14);
  out.writeUInt32LE(item.crc, 16);
  out.writeUInt32LE(item.zip64 ? U32_MAX : item.size, 20);
  out.writeUInt32LE(item.zip64 ? U32_MAX : item.size, 24);
  out.writeUInt16LE(item.name.length, 28);
  out.writeUInt16LE(extraLength, 30);
  out.writeUInt16LE(0, 32); // comment
  out.writeUInt16LE(0, 34); // disk
  out.writeUInt16LE(0, 36); // internal attributes
  out.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  out.writeUInt32LE(offset64 ? U32_MAX : item.offset, 42);
  item.name.copy(out, 46);
  if (extraLength) {
    let at = 46 + item.name.length;
    out.writeUInt16LE(0x0001, at);
    out.writeUInt16LE(extraLength - 4, at + 2);
    at += 4;
    if (item.zip64) {
      out.writeBigUInt64LE(BigInt(item.size), at);
      out.writeBigUInt64LE(BigInt(item.size), at + 8);
      at += 16;
    }
    if (offset64) out.writeBigUInt64LE(BigInt(item.offset), at);
  }
  return out;
}

function zip64EndRecords(count: number, end: Ending): Buffer {
  const out = Buffer.alloc(56 + 20);
  out.writeUInt32LE(0x06064b50, 0);
  out.writeBigUInt64LE(44n, 4); // the record's size after this field
  out.writeUInt16LE(MADE_BY_UNIX, 12);
  out.writeUInt16LE(VERSION_ZIP64, 14);
  out.writeUInt32LE(0, 16);
  out.writeUInt32LE(0, 20);
  out.writeBigUInt64LE(BigInt(count), 24);
  out.writeBigUInt64LE(BigInt(count), 32);
  out.writeBigUInt64LE(BigInt(end.centralLength), 40);
  out.writeBigUInt64LE(BigInt(end.centralStart), 48);
  out.writeUInt32LE(0x07064b50, 56);
  out.writeUInt32LE(0, 60);
  out.writeBigUInt64LE(BigInt(end.centralStart + end.centralLength), 64);
  out.writeUInt32LE(1, 72);
  return out;
}

function endRecord(count: number, end: Ending): Buffer {
  const out = Buffer.alloc(22);
  out.writeUInt32LE(0x06054b50, 0);
  out.writeUInt16LE(end.zip64End ? U16_MAX : count, 8);
  out.writeUInt16LE(end.zip64End ? U16_MAX : count, 10);
  out.writeUInt32LE(end.zip64End ? U32_MAX : end.centralLength, 12);
  out.writeUInt32LE(end.zip64End ? U32_MAX : end.centralStart, 16);
  return out;
}

/** MS-DOS date and time (2-second steps, 1980 to 2107), in UTC. */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, at.getUTCFullYear()));
  if (year !== at.getUTCFullYear()) return { time: 0, date: ((year - 1980) << 9) | (1 << 5) | 1 };
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC) continued from `previous`: Node's native one where it has it (20.15+), a table otherwise. */
export function crc32(data: Uint8Array, previous = 0): number {
  const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  return native ? native(data, previous) : crc32Table(data, previous);
}

/** The table implementation, for the spec to compare with the native one. */
export function crc32Table(data: Uint8Array, previous = 0): number {
  let c = (previous ^ U32_MAX) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ U32_MAX) >>> 0;
}
