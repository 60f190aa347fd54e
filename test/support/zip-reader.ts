/**
 * A ZIP reader for the specs, independent of the server's writer: it finds the end records
 * (ZIP64 ones too), reads every central directory entry, follows it to its local header, and
 * checks the stored bytes against the CRC-32 (its own bitwise one) and against the data
 * descriptor. Stored (method 0) entries only, which is all the server writes.
 */
export interface UnzippedEntry {
  name: string;
  data: Buffer;
  crc: number;
  modified: { time: number; date: number };
  flags: number;
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function fail(message: string): never {
  throw new Error(`bad zip: ${message}`);
}

export function unzip(zip: Buffer): UnzippedEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) fail('no end of central directory record');
  if (zip.readUInt16LE(eocd + 20) !== 0 || eocd + 22 !== zip.length) fail('trailing bytes or a comment after the end record');
  let count = zip.readUInt16LE(eocd + 10);
  let centralSize = zip.readUInt32LE(eocd + 12);
  let centralStart = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || centralSize === 0xffffffff || centralStart === 0xffffffff) {
    const locator = eocd - 20;
    if (zip.readUInt32LE(locator) !== 0x07064b50) fail('ZIP64 end locator missing');
    const record = Number(zip.readBigUInt64LE(locator + 8));
    if (zip.readUInt32LE(record) !== 0x06064b50) fail('ZIP64 end record missing');
    count = Number(zip.readBigUInt64LE(record + 32));
    centralSize = Number(zip.readBigUInt64LE(record + 40));
    centralStart = Number(zip.readBigUInt64LE(record + 48));
    if (record !== centralStart + centralSize) fail('ZIP64 end record is not right after the central directory');
  } else if (eocd !== centralStart + centralSize) {
    fail('end record is not right after the central directory');
  }
  const entries: UnzippedEntry[] = [];
  let at = centralStart;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) fail(`central header ${i} missing`);
    const flags = zip.readUInt16LE(at + 8);
    if (zip.readUInt16LE(at + 10) !== 0) fail('not a stored entry');
    const crc = zip.readUInt32LE(at + 16);
    let compressed = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    let offset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra < extraEnd) {
      const id = zip.readUInt16LE(extra);
      const length = zip.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (size === 0xffffffff) {
          size = Number(zip.readBigUInt64LE(field));
          field += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = Number(zip.readBigUInt64LE(field));
          field += 8;
        }
        if (offset === 0xffffffff) offset = Number(zip.readBigUInt64LE(field));
      }
      extra += 4 + length;
    }
    if (compressed !== size) fail(`${name}: stored sizes differ`);
    if (zip.readUInt32LE(offset) !== 0x04034b50) fail(`${name}: no local header at ${offset}`);
    const localName = zip.subarray(offset + 30, offset + 30 + zip.readUInt16LE(offset + 26)).toString('utf8');
    if (localName !== name) fail(`${name}: the local header names ${localName}`);
    const localExtra = zip.readUInt16LE(offset + 28);
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + localExtra;
    const data = Buffer.from(zip.subarray(dataStart, dataStart + size));
    if (crc32(data) !== crc) fail(`${name}: CRC-32 mismatch`);
    if (flags & 0x08) {
      const descriptor = dataStart + size;
      if (zip.readUInt32LE(descriptor) !== 0x08074b50) fail(`${name}: data descriptor missing`);
      if (zip.readUInt32LE(descriptor + 4) !== crc) fail(`${name}: descriptor CRC differs`);
      const zip64 = localExtra > 0 && zip.readUInt16LE(offset + 30 + zip.readUInt16LE(offset + 26)) === 0x0001;
      const described = zip64 ? Number(zip.readBigUInt64LE(descriptor + 16)) : zip.readUInt32LE(descriptor + 12);
      if (described !== size) fail(`${name}: descriptor size ${described}, central ${size}`);
    }
    entries.push({ name, data, crc, flags, modified: { time: zip.readUInt16LE(at + 12), date: zip.readUInt16LE(at + 14) } });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== centralStart + centralSize) fail('central directory size does not add up');
  return entries;
}
