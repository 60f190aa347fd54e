import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** More literal segments first: `/v1/tickets/stats` wins over `/v1/tickets/{id}`. */
  literals: number;
  operation: OpenAPIV3.OperationObject;
}

/** One response as the client saw it. */
export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

/**
 * The server's own OpenAPI document (/docs-json) used as a contract: every response an e2e test
 * receives is checked against the operation it came from. A success must be documented (status
 * and body schema); an error body must match the documented error schema of its surface.
 */
export class OpenApiContract {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly validators = new Map<object, ValidateFunction>();

  private constructor(
    readonly document: OpenAPIV3.Document,
    private readonly routes: Route[],
  ) {}

  static async load(baseUrl: string): Promise<OpenApiContract> {
    const raw = (await (await fetch(`${baseUrl}/docs-json`)).json()) as OpenAPIV3.Document;
    const document = (await SwaggerParser.dereference(raw)) as unknown as OpenAPIV3.Document;
    const routes: Route[] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item?.[method];
        if (!operation) continue;
        const source = template.replace(/\/$/, '').replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        routes.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}/?$`), literals: template.split('/').filter((s) => s && !s.startsWith('{')).length, operation });
      }
    }
    routes.sort((a, b) => b.literals - a.literals);
    return new OpenApiContract(document, routes);
  }

  /** Every operation, for coverage checks. */
  operations(): Array<{ method: string; path: string; operation: OpenAPIV3.OperationObject }> {
    return this.routes.map((r) => ({ method: r.method, path: r.template, operation: r.operation }));
  }

  /** The documented operation of a request, or undefined for routes the document does not have. */
  routeOf(method: string, url: string): Route | undefined {
    const path = new URL(url, 'http://x').pathname;
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // keep the raw path
    }
    return this.routes.find((r) => r.method === method.toUpperCase() && (r.pattern.test(path) || r.pattern.test(decoded)));
  }

  /**
   * What is wrong with a response, measured against the document; empty when it keeps the contract.
   * `fallback` (a documented method and path template) is the operation to measure against when the
   * URL itself routes to none, e.g. a fuzzed path such as `/v1/tickets//assign`.
   */
  violations(observed: ObservedResponse, fallback?: { method: string; path: string }): string[] {
    const route =
      this.routeOf(observed.method, observed.url) ??
      (fallback && this.routes.find((r) => r.method === fallback.method.toUpperCase() && r.template === fallback.path));
    if (!route) return [];
    const where = `${observed.method} ${route.template} → ${observed.status}`;
    const responses = route.operation.responses as Record<string, OpenAPIV3.ResponseObject>;
    if (observed.status >= 200 && observed.status < 300) {
      const documented = responses[String(observed.status)];
      if (!documented) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
      if (observed.status === 204 || observed.text === '') {
        return observed.text === '' ? [] : [`${where}: a body was sent where none is documented`];
      }
      // `*/*`: a body of whatever type the resource has (a file's own Content-Type).
      const media = Object.keys(documented.content ?? {}).find((type) => type === '*/*' || observed.contentType.startsWith(type));
      if (!media) return [`${where}: no schema documented for ${observed.contentType || 'its body'}`];
      if (!media.includes('json')) return [];
      return this.check(where, documented.content![media].schema, observed.body);
    }
    if (observed.status >= 400) {
      const documented = responses[String(observed.status)]?.content?.['application/json']?.schema ?? this.errorSchemaOf(responses);
      if (!documented) return [`${where}: no error schema documented`];
      return this.check(where, documented, observed.body);
    }
    return [];
  }

  /** The surface's error schema as the operation documents it: a 4xx one, else (operations that only document a 500) the 5xx one. */
  private errorSchemaOf(responses: Record<string, OpenAPIV3.ResponseObject>) {
    const errors = Object.keys(responses).filter((s) => Number(s) >= 400 && responses[s].content?.['application/json']);
    const status = errors.find((s) => Number(s) < 500) ?? errors[0];
    return status ? responses[status].content!['application/json'].schema : undefined;
  }

  private check(where: string, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined, body: unknown): string[] {
    if (!schema) return [`${where}: no schema`];
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${where}: body${e.instancePath} ${e.message} ${e.params ? JSON.stringify(e.params) : ''}`);
  }
}
