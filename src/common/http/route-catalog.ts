import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

interface KnownRoute {
  method: string;
  url: string;
  pattern: RegExp;
}

/**
 * Every route this process registered (method and URL pattern), seen as Fastify adds it: which
 * methods a path allows (405 with Allow instead of 404), and which paths are served at all.
 */
@Injectable()
export class RouteCatalog {
  private readonly routes: KnownRoute[] = [];

  constructor(adapterHost: HttpAdapterHost) {
    // Providers are built before any route is registered: each route is seen here as it is added.
    adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) this.add(method, route.url);
    });
  }

  get urls(): string[] {
    return this.routes.map((r) => r.url);
  }

  /** The methods some route allows on `path` (a request path, trailing slash optional); empty when none. */
  allowedMethods(path: string): string[] {
    const methods = this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method);
    return [...new Set(methods)].sort();
  }

  private add(method: string, url: string): void {
    if (url.includes('*') || method === 'HEAD') return;
    const source = url
      .replace(/\/$/, '')
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    this.routes.push({ method, url, pattern: new RegExp(`^${source}/?$`) });
  }
}
