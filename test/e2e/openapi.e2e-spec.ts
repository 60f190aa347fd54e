import { OpenApiContract } from '../support/openapi-contract';
import { TestServer } from '../support/test-server';

/**
 * The OpenAPI document is the contract every e2e response is checked against (TestServer.request):
 * so every operation must document its success body, in its surface's format.
 */
describe('OpenAPI: documented success bodies', () => {
  let t: TestServer;
  let contract: OpenApiContract;

  beforeAll(async () => {
    t = await TestServer.start();
    contract = await OpenApiContract.load(t.baseUrl);
  });
  afterAll(() => t.close());

  it('documents a success response with a body schema (or an empty 204) for every operation', () => {
    const undocumented = contract.operations().flatMap(({ method, path, operation }) => {
      const successes = Object.entries(operation.responses).filter(([status]) => Number(status) >= 200 && Number(status) < 300);
      const ok = successes.some(([status, response]) => status === '204' || Object.values(('content' in response && response.content) || {}).some((m) => m.schema));
      return ok ? [] : [`${method} ${path}`];
    });
    expect(contract.operations().length).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  });

  it('wraps success schemas in each surface’s envelope and page shape', () => {
    const schemaOf = (method: string, path: string, status: string) => {
      const op = contract.operations().find((o) => o.method === method && o.path === path)!.operation;
      return (op.responses[status] as { content: Record<string, { schema: any }> }).content['application/json'].schema;
    };
    const supportList = schemaOf('GET', '/v1/tickets', '200');
    expect(supportList.required).toEqual(expect.arrayContaining(['success', 'message', 'data', 'pagination']));
    expect(supportList.properties.data.type).toBe('array');
    const workflowList = schemaOf('GET', '/api/v1/tickets', '200');
    expect(workflowList.required).toEqual(['count', 'next', 'previous', 'results']);
    const users = schemaOf('GET', '/api/admin/users', '200');
    expect(users.required).toEqual(expect.arrayContaining(['items', 'total', 'page', 'pageSize', 'totalPages']));
  });

  it('catches a response that breaks its documented schema', async () => {
    const good = await t.get('/api/health');
    expect(good.status).toBe(200);
    const bad = contract.violations({ method: 'GET', url: '/api/health', status: 200, contentType: 'application/json', body: { status: 42 }, text: '{"status":42}' });
    expect(bad.length).toBeGreaterThan(0);
    const undocumentedStatus = contract.violations({ method: 'GET', url: '/api/health', status: 202, contentType: 'application/json', body: {}, text: '{}' });
    expect(undocumentedStatus[0]).toMatch(/status not documented/);
    const badError = contract.violations({ method: 'GET', url: '/v1/tickets/1', status: 404, contentType: 'application/json', body: { detail: 'x' }, text: '{"detail":"x"}' });
    expect(badError.length).toBeGreaterThan(0);
  });
});
