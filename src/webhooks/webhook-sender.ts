import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress } from './webhook-target';

export interface SendResult {
  /** A 2xx answer. */
  ok: boolean;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

const MAX_RESPONSE_BYTES = 64 * 1024;
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

class ForbiddenTargetError extends Error {}

/**
 * Resolves like dns.lookup, but fails when any address is private: checked at connect time,
 * so a name that re-resolves to an internal address later (DNS rebinding) is still refused.
 */
function guardedLookup(hostname: string, options: LookupOptions, callback: (...args: any[]) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err);
    if (addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(new ForbiddenTargetError(`${hostname} resolves to a private address`));
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** POSTs a body; never throws: every failure is a SendResult. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    let settled = false;
    // Declared before finish() can run: the early refusals below settle before the timer exists.
    // eslint-disable-next-line prefer-const -- assigned once below; finish() may read it before then
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return finish({ ok: false, status: null, error: 'invalid url' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivateTargets && isIP(host) && isPrivateAddress(host)) {
      return finish({ ok: false, status: null, error: `${host} is a private address` });
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'ticket-platform-webhooks/1', ...headers },
        lookup: options.allowPrivateTargets ? undefined : guardedLookup,
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const status = response.statusCode ?? null;
        const done = () => finish({ ok: status !== null && status >= 200 && status < 300, status, error: status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}` });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    request.on('error', (err) => finish({ ok: false, status: null, error: err.message }));
    request.end(body);
  });
}
