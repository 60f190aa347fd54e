import type { FuzzRequest, FuzzWorld } from './fuzz-world';
import { nestedJson, toJsonText, wideObject } from './json-text';
import type { Role } from './operations';

/**
 * Requests that test the transport rather than one operation's inputs: encoded route
 * literals, oversized lines and headers, unknown methods, body limits. `as` is the documented
 * operation whose error schema the answer must keep (the surface that owns the path).
 */
export interface TransportCase {
  name: string;
  method: string;
  url: string;
  as?: { method: string; path: string };
  auth?: Role;
  headers?: Record<string, string>;
  body?: string;
  /** After this case, a plain request must still be answered (the process survived). */
  thenHealthy?: boolean;
}

const GET_TICKETS = { method: 'GET', path: '/v1/tickets' };
const GET_TICKET = { method: 'GET', path: '/v1/tickets/{id}' };
const WORKFLOW_LIST = { method: 'GET', path: '/api/v1/tickets' };
const LOGIN = { method: 'POST', path: '/api/oauth/login' };

export const TRANSPORT_CASES: readonly TransportCase[] = [
  { name: 'encoded route literal, no token', method: 'GET', url: '/%761/tickets', as: GET_TICKETS },
  {
    name: 'encoded route literal, token',
    method: 'GET',
    url: '/%761/tickets',
    as: GET_TICKETS,
    auth: 'user',
  },
  {
    name: 'encoded version digit (DRF), no token',
    method: 'GET',
    url: '/api/v%31/tickets/',
    as: WORKFLOW_LIST,
  },
  {
    name: 'encoded version digit (DRF), token',
    method: 'GET',
    url: '/api/v%31/tickets/',
    as: WORKFLOW_LIST,
    auth: 'master',
  },
  { name: 'double slash', method: 'GET', url: '//v1/tickets', auth: 'user' },
  { name: 'encoded slash in an id', method: 'GET', url: '/v1/tickets/1%2F2', as: GET_TICKET, auth: 'user' },
  {
    name: 'invalid UTF-8 in an id',
    method: 'GET',
    url: '/v1/tickets/%ED%A0%80',
    as: GET_TICKET,
    auth: 'user',
  },
  {
    name: 'malformed percent-encoding in a path',
    method: 'GET',
    url: '/api/v1/tickets/%ZZ/',
    as: { method: 'GET', path: '/api/v1/tickets/{id}' },
    auth: 'master',
  },
  {
    name: 'malformed percent-encoding in a query',
    method: 'GET',
    url: '/v1/tickets?search=%E0%A4%A',
    as: GET_TICKETS,
    auth: 'user',
  },
  {
    name: '3000-character id',
    method: 'GET',
    url: `/v1/tickets/${'1'.repeat(3000)}`,
    as: GET_TICKET,
    auth: 'user',
  },
  {
    name: 'huge query string',
    method: 'GET',
    url: `/v1/tickets?search=${'x'.repeat(20_000)}`,
    as: GET_TICKETS,
    auth: 'user',
    thenHealthy: true,
  },
  {
    name: '20 KB header',
    method: 'GET',
    url: '/v1/tickets',
    as: GET_TICKETS,
    auth: 'user',
    headers: { 'x-padding': 'p'.repeat(20_000) },
    thenHealthy: true,
  },
  {
    name: 'unknown method on a route',
    method: 'PUT',
    url: '/v1/tickets',
    as: { method: 'POST', path: '/v1/tickets' },
    auth: 'user',
  },
  { name: 'OPTIONS on a route', method: 'OPTIONS', url: '/v1/tickets', as: GET_TICKETS },
  {
    name: 'body over the limit',
    method: 'POST',
    url: '/v1/tickets',
    as: { method: 'POST', path: '/v1/tickets' },
    auth: 'user',
    headers: { 'content-type': 'application/json' },
    body: toJsonText({ title: 'x'.repeat(2_000_000) }),
  },
  {
    name: 'login with 80,000 keys',
    method: 'POST',
    url: '/api/oauth/login',
    as: LOGIN,
    headers: { 'content-type': 'application/json' },
    body: toJsonText(wideObject(80_000)),
  },
  {
    name: 'login nested 3,000 levels',
    method: 'POST',
    url: '/api/oauth/login',
    as: LOGIN,
    headers: { 'content-type': 'application/json' },
    body: toJsonText(nestedJson(3000)),
  },
  {
    name: 'page past int8 (support)',
    method: 'GET',
    url: '/v1/tickets?page=99999999999999999999',
    as: GET_TICKETS,
    auth: 'user',
  },
  {
    name: 'page past int8 (workflow)',
    method: 'GET',
    url: '/api/v1/tickets/?page=99999999999999999999',
    as: WORKFLOW_LIST,
    auth: 'master',
  },
  {
    name: 'page past int8 (admin)',
    method: 'GET',
    url: '/api/admin/users?page=99999999999999999999',
    as: { method: 'GET', path: '/api/admin/users' },
    auth: 'admin',
  },
];

export function transportRequest(world: FuzzWorld, c: TransportCase): FuzzRequest {
  const headers: Record<string, string> = { ...c.headers };
  if (c.auth) headers.authorization = `Bearer ${world.actors[c.auth].token}`;
  return {
    method: c.method,
    url: c.url,
    headers,
    body: c.body === undefined ? undefined : Buffer.from(c.body),
  };
}
