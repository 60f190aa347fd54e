import { createBLAKE3, type IHasher } from 'hash-wasm';

/**
 * BLAKE3 hashers for the CAS, built once (hash-wasm creates them asynchronously) and then used
 * synchronously. Node keys use BLAKE3 with 128-bit output ("BLAKE3s-128"); proof-of-possession
 * uses BLAKE3-256 and keyed BLAKE3-128.
 *
 * Every call starts from a known state (init or load), so the shared WASM instances never carry
 * state from one call to the next, and any number of streams can be in flight at once.
 */
interface Hashers {
  h128: IHasher;
  h256: IHasher;
  keyed: IHasher;
  /** The keyed hasher's state right after init, and where the key sits in it. */
  keyedTemplate: Uint8Array;
  keyOffsets: number[];
}

let hashers: Hashers | null = null;
let building: Promise<void> | null = null;

/** Builds the hashers; call (and await) once at startup. Later calls return the same promise. */
export function initBlake3(): Promise<void> {
  building ??= build().catch((error: unknown) => {
    building = null;
    throw error;
  });
  return building;
}

async function build(): Promise<void> {
  // hash-wasm fixes a keyed hasher's key at creation, and creation is asynchronous, so a keyed hash
  // per token would need an await. Instead, take the state of a hasher keyed with a marker, find
  // where the key is stored (BLAKE3 keeps it as the key words and as the first chaining value), and
  // write other keys there. The self-check below compares it with hash-wasm's own keyed hasher.
  const marker = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 ^ (i * 7));
  const [h128, h256, keyed] = await Promise.all([createBLAKE3(128), createBLAKE3(256), createBLAKE3(128, marker)]);
  const keyedTemplate = keyed.init().save();
  const keyOffsets = findAll(keyedTemplate, marker);
  const built: Hashers = { h128, h256, keyed, keyedTemplate, keyOffsets };

  const probeKey = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 3) & 0xff);
  const probeData = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff);
  const reference = (await createBLAKE3(128, probeKey)).update(probeData).digest('binary');
  if (keyOffsets.length !== 2 || !sameBytes(keyedHash(built, probeKey, probeData), reference)) {
    throw new Error('hash-wasm BLAKE3 state layout is not the expected one: keyed hashing cannot be set up');
  }
  hashers = built;
}

function ready(): Hashers {
  if (!hashers) throw new Error('BLAKE3 is not initialised: await initBlake3() at startup');
  return hashers;
}

/** BLAKE3 with 128-bit output (16 bytes). */
export function blake3_128(data: Uint8Array): Uint8Array {
  return ready().h128.init().update(data).digest('binary');
}

/** BLAKE3 with 256-bit output (32 bytes). */
export function blake3_256(data: Uint8Array): Uint8Array {
  return ready().h256.init().update(data).digest('binary');
}

/** Keyed BLAKE3 (key: 32 bytes) with 128-bit output. */
export function blake3_128Keyed(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 32) throw new RangeError(`a BLAKE3 key is 32 bytes, not ${key.length}`);
  return keyedHash(ready(), key, data);
}

function keyedHash(h: Hashers, key: Uint8Array, data: Uint8Array): Uint8Array {
  const state = h.keyedTemplate.slice();
  for (const offset of h.keyOffsets) state.set(key, offset);
  return h.keyed.load(state).update(data).digest('binary');
}

/** An incremental BLAKE3-128: feed chunks as they arrive, then take the digest once. */
export interface Blake3Stream {
  update(chunk: Uint8Array): void;
  /** The 16-byte digest of everything fed so far; the stream is finished afterwards. */
  digest(): Uint8Array;
}

/** A new incremental BLAKE3-128. Streams keep their own state, so many can run interleaved. */
export function blake3_128Stream(): Blake3Stream {
  const { h128 } = ready();
  let state: Uint8Array | null = h128.init().save();
  const live = (): Uint8Array => {
    if (!state) throw new Error('this BLAKE3 stream has already been digested');
    return state;
  };
  return {
    update(chunk) {
      state = h128.load(live()).update(chunk).save();
    },
    digest() {
      const digest = h128.load(live()).digest('binary');
      state = null;
      return digest;
    },
  };
}

function findAll(haystack: Uint8Array, needle: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (sameBytes(haystack.subarray(i, i + needle.length), needle)) found.push(i);
  }
  return found;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
