import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { OpenApiContract } from '../support/openapi-contract';
import { TestServer } from '../support/test-server';

/** Success descriptions that tell a reader nothing (ApiSuccess / ApiPage / ApiNoContent defaults among them). */
const GENERIC = ['', 'success', 'ok', 'one page of results', 'done; no body', 'done'];

type Media = OpenAPIV3.MediaTypeObject;
type Schema = OpenAPIV3.SchemaObject;

/**
 * The OpenAPI document as Swagger UI explorers read it: every operation says what it does, what
 * its success means, and shows an example of each JSON body it takes and answers, valid against
 * the documented schema (so what the examples show is what the contract checker enforces).
 */
describe('OpenAPI: descriptions and examples for every operation', () => {
  let t: TestServer;
  let contract: OpenApiContract;
  let operations: Array<{ method: string; path: string; operation: OpenAPIV3.OperationObject }>;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  beforeAll(async () => {
    t = await TestServer.start();
    contract = await OpenApiContract.load(t.baseUrl);
    operations = contract.operations();
  });
  afterAll(() => t.close());

  const id = (o: { method: string; path: string }) => `${o.method} ${o.path}`;
  const successes = (operation: OpenAPIV3.OperationObject) =>
    Object.entries(operation.responses as Record<string, OpenAPIV3.ResponseObject>).filter(([status]) => Number(status) >= 200 && Number(status) < 300);
  const jsonOf = (content: Record<string, Media> | undefined) => Object.entries(content ?? {}).filter(([type]) => type.includes('json'));
  const hasExample = (media: Media) => media.example !== undefined || Object.keys(media.examples ?? {}).length > 0 || (media.schema as Schema | undefined)?.example !== undefined;

  it('checks every operation outside the listed prefixes', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it('describes every operation in a sentence or more, beside its one-line summary', () => {
    const missing = operations.filter(({ operation }) => (operation.description ?? '').trim().length < 40).map(id);
    expect(missing).toEqual([]);
    // The plugin's description must not wipe a summary set by a composed decorator (see fs.controller.ts).
    expect(operations.filter(({ operation }) => !operation.summary?.trim()).map(id)).toEqual([]);
  });

  it('describes every success response with more than a generic word', () => {
    const generic = operations.flatMap((o) =>
      successes(o.operation)
        .filter(([, response]) => GENERIC.includes((response.description ?? '').trim().toLowerCase()))
        .map(([status, response]) => `${id(o)} → ${status}: "${response.description}"`),
    );
    expect(generic).toEqual([]);
  });

  it('gives every JSON request body and JSON success body an example', () => {
    const missing = operations.flatMap((o) => {
      const body = o.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      const requests = jsonOf(body?.content).filter(([, media]) => !hasExample(media)).map(([type]) => `${id(o)} request ${type}`);
      const responses = successes(o.operation).flatMap(([status, response]) =>
        jsonOf(response.content)
          .filter(([, media]) => !hasExample(media))
          .map(([type]) => `${id(o)} → ${status} ${type}`),
      );
      return [...requests, ...responses];
    });
    expect(missing).toEqual([]);
  });

  it('keeps every example valid against its schema (bodies, properties, parameters)', () => {
    const invalid: string[] = [];
    const validatorOf = new Map<object, ValidateFunction>();
    const check = (where: string, schema: OpenAPIV3.SchemaObject | undefined, example: unknown) => {
      if (!schema) return;
      let validate = validatorOf.get(schema);
      if (!validate) validatorOf.set(schema, (validate = ajv.compile(schema)));
      if (!validate(example)) invalid.push(`${where}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ')}`);
    };
    const seen = new Set<object>();
    /** Every `example` inside a schema, checked against the schema node that carries it. */
    const walk = (where: string, node: unknown) => {
      if (!node || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      const schema = node as Schema & Record<string, unknown>;
      if (schema.example !== undefined) check(where, schema, schema.example);
      for (const [key, value] of Object.entries(schema)) if (key !== 'example') walk(`${where}/${key}`, value);
    };
    const media = (where: string, m: Media) => {
      if (m.example !== undefined) check(where, m.schema as Schema, m.example);
      for (const [name, example] of Object.entries(m.examples ?? {})) check(`${where} (${name})`, m.schema as Schema, (example as OpenAPIV3.ExampleObject).value);
      walk(where, m.schema);
    };
    for (const o of operations) {
      for (const parameter of (o.operation.parameters ?? []) as OpenAPIV3.ParameterObject[]) {
        if (parameter.example !== undefined) check(`${id(o)} parameter ${parameter.name}`, parameter.schema as Schema, parameter.example);
        walk(`${id(o)} parameter ${parameter.name}`, parameter.schema);
      }
      const body = o.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      for (const [type, m] of jsonOf(body?.content)) media(`${id(o)} request ${type}`, m);
      for (const [status, response] of Object.entries(o.operation.responses as Record<string, OpenAPIV3.ResponseObject>)) {
        for (const [type, m] of jsonOf(response.content)) media(`${id(o)} → ${status} ${type}`, m);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(invalid).toEqual([]);
  });

  it('documents a 404 only where the path names something that may not exist, or a DRF page may run past the end', () => {
    const wrong = operations.filter(({ path, operation }) => {
      if (!('404' in operation.responses)) return false;
      const names = (path.match(/\{[^}]+\}/g) ?? []).filter((p) => p !== '{realmId}');
      const drfPage = path.startsWith('/api/v1/') && 'results' in ((jsonOf(successes(operation)[0]?.[1].content)[0]?.[1].schema as Schema | undefined)?.properties ?? {});
      return names.length === 0 && !drfPage;
    });
    expect(wrong.map(id)).toEqual([]);
  });

  it('shows the surface envelope in success examples (seed 001: the route’s own message)', () => {
    const media = (method: string, path: string, status: string) => {
      const op = operations.find((o) => o.method === method && o.path === path)!.operation;
      return (op.responses[status] as OpenAPIV3.ResponseObject).content!['application/json'];
    };
    const created = media('POST', '/v1/tickets', '201').example as { success: boolean; message: string; data: Record<string, unknown> };
    expect(created).toMatchObject({ success: true, message: 'Ticket created successfully', data: { number: 'T-20241023-0001' } });
    const supportList = media('GET', '/v1/tickets', '200').example as { data: unknown[]; pagination: unknown };
    expect(Array.isArray(supportList.data)).toBe(true);
    expect(supportList.pagination).toEqual({ total: 1, page: 1, page_size: 20, total_pages: 1 });
    expect(media('GET', '/api/v1/tickets', '200').example).toMatchObject({ count: 1, next: null, previous: null });
    expect(media('GET', '/api/realm/{realmId}/depots', '200').example).toMatchObject({ hasMore: false });
  });
});
