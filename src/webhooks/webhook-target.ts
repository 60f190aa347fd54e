import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless private targets are allowed (SSRF): loopback,
 * private ranges, link-local (cloud metadata lives there), carrier-grade NAT, unspecified,
 * benchmarking, documentation, multicast and reserved, their IPv6 equivalents, and every IPv6
 * form that carries an IPv4 address (mapped, compatible, SIIT, NAT64, 6to4, Teredo) judged by
 * the IPv4 address it carries, in whatever notation it is written (`[::ffff:7f00:1]` included).
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return isPrivateIpv4(address.split('.').map(Number));
  if (family === 6) return isPrivateIpv6(ipv6Bytes(address));
  return true; // not an IP: refuse rather than guess
}

function isPrivateIpv4([a, b, c]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224
  );
}

function isPrivateIpv6(bytes: number[]): boolean {
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  const ipv4At = (offset: number) => bytes.slice(offset, offset + 4);
  if (zero(0, 6)) return isPrivateIpv4(ipv4At(12)); // :: and ::1 (as 0.0.0.x), IPv4-compatible ::a.b.c.d
  if (zero(0, 5) && words[5] === 0xffff) return isPrivateIpv4(ipv4At(12)); // IPv4-mapped ::ffff:a.b.c.d
  if (zero(0, 4) && words[4] === 0xffff && words[5] === 0) return isPrivateIpv4(ipv4At(12)); // SIIT ::ffff:0:a.b.c.d
  if (words[0] === 0x64 && words[1] === 0xff9b) {
    return words[2] === 1 || isPrivateIpv4(ipv4At(12)); // NAT64: local-use 64:ff9b:1::/48 always, well-known by its IPv4
  }
  if (words[0] === 0x2002) return isPrivateIpv4(ipv4At(2)); // 6to4
  if (words[0] === 0x2001 && words[1] === 0) return true; // Teredo tunnels: refuse
  if (words[0] === 0x2001 && words[1] === 0x0db8) return true; // documentation
  if (words[0] === 0x0100 && zero(1, 4)) return true; // discard-only 100::/64
  return (
    (words[0] & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (words[0] & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (words[0] & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated)
    (words[0] & 0xff00) === 0xff00 // ff00::/8 multicast
  );
}

/** The 16 bytes of a valid IPv6 text (any notation: `::`, embedded dotted quad, zone id). */
function ipv6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  const words = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** Only http(s) URLs without credentials. Returns a reason when the URL is unacceptable. */
export function problemWithUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'url must use http or https';
  if (parsed.username || parsed.password) return 'url must not contain credentials';
  return null;
}

/** Resolves a hostname (or takes an IP literal) and tells whether any address it reaches is private. */
export async function reachesPrivateAddress(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host);
  const addresses = await lookup(host, { all: true });
  return addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address));
}
