import { execFileSync } from 'node:child_process';
import { UNLIMITED } from '../support/fixtures';
import { TestServer } from '../support/test-server';

/**
 * Seed 001's own client code, as a user copies it from §7: the TypeScript SDK of §7.5 (JSON
 * Content-Type on every call, bodiless ones included) and the curl lines of §7.1 and §7.2.
 */
describe('seed 001 clients, unchanged', () => {
  let t: TestServer;
  let user: { token: string };
  let agent: { token: string; user: { id: number } };

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    [user, agent] = await Promise.all([t.userWithToken(['user']), t.userWithToken(['agent'])]);
  });
  afterAll(() => t.close());

  /** §7.5's TicketAPI, its request() as written; the bodiless calls use it exactly the same way. */
  class TicketAPI {
    constructor(
      private readonly baseUrl: string,
      private readonly token: string,
    ) {}

    private async request(endpoint: string, options: RequestInit = {}) {
      const response = await fetch(`${this.baseUrl}${endpoint}`, {
        ...options,
        headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', ...options.headers },
      });
      return { status: response.status, body: (response.status === 204 ? null : await response.json()) as any };
    }

    createTicket(data: Record<string, unknown>) {
      return this.request('/tickets', { method: 'POST', body: JSON.stringify(data) });
    }

    listTickets(params: Record<string, unknown>) {
      return this.request(`/tickets?${new URLSearchParams(params as Record<string, string>).toString()}`);
    }

    addComment(ticketId: number, content: string, isInternal = false) {
      return this.request(`/tickets/${ticketId}/comments`, { method: 'POST', body: JSON.stringify({ content, is_internal: isInternal }) });
    }

    close(ticketId: number) {
      return this.request(`/tickets/${ticketId}/close`, { method: 'POST' });
    }

    reopen(ticketId: number) {
      return this.request(`/tickets/${ticketId}/reopen`, { method: 'POST' });
    }

    deleteComment(ticketId: number, commentId: number) {
      return this.request(`/tickets/${ticketId}/comments/${commentId}`, { method: 'DELETE' });
    }

    deleteTicket(ticketId: number) {
      return this.request(`/tickets/${ticketId}`, { method: 'DELETE' });
    }
  }

  it('§7.5: the TypeScript client works, bodiless calls with a JSON Content-Type included', async () => {
    const api = new TicketAPI(`${t.baseUrl}/v1`, user.token);
    const ticket = await api.createTicket({ title: '测试工单', description: '这是一个测试', category: 'technical', priority: 'medium' });
    expect(ticket.status).toBe(201);
    const id = ticket.body.data.ticket_id;
    const tickets = await api.listTickets({ status: 'new', page: 1, page_size: 20 });
    expect(tickets.body.data.map((x: { id: number }) => x.id)).toContain(id);
    const comment = await api.addComment(id, '处理中');
    expect(comment.status).toBe(201);

    expect((await api.close(id)).body).toMatchObject({ success: true, data: { ticket_id: id, status: 'closed' } });
    expect((await api.reopen(id)).body).toMatchObject({ success: true, data: { status: 'reopened' } });
    expect((await api.deleteComment(id, comment.body.data.comment_id)).status).toBe(204);
    const admin = new TicketAPI(`${t.baseUrl}/v1`, await t.adminToken());
    expect((await admin.deleteTicket(id)).status).toBe(204);
  });

  const curl = (...args: string[]) => execFileSync('curl', ['-s', ...args], { encoding: 'utf8' });

  it('§7.1: the curl flow from creation to close', () => {
    const base = `${t.baseUrl}/v1/tickets`;
    const json = ['-H', 'Content-Type: application/json'];
    const created = JSON.parse(
      curl('-X', 'POST', base, '-H', `Authorization: Bearer ${user.token}`, ...json, '-d', '{"title": "无法访问服务", "description": "从今天上午开始无法访问服务", "category": "technical", "priority": "high"}'),
    );
    const id = created.data.ticket_id;
    const asAgent = ['-H', `Authorization: Bearer ${agent.token}`, ...json];
    expect(JSON.parse(curl('-X', 'POST', `${base}/${id}/assign`, ...asAgent, '-d', `{"assignee_id": ${agent.user.id}}`)).data.status).toBe('open');
    expect(JSON.parse(curl('-X', 'PATCH', `${base}/${id}/status`, ...asAgent, '-d', '{"status": "in_progress", "reason": "开始调查问题"}')).data.new_status).toBe('in_progress');
    expect(JSON.parse(curl('-X', 'POST', `${base}/${id}/comments`, ...asAgent, '-d', '{"content": "已发现问题原因，正在修复", "is_internal": false}')).success).toBe(true);
    expect(JSON.parse(curl('-X', 'PATCH', `${base}/${id}/status`, ...asAgent, '-d', '{"status": "resolved", "reason": "问题已修复"}')).data.new_status).toBe('resolved');
    const closed = JSON.parse(curl('-X', 'POST', `${base}/${id}/close`, '-H', `Authorization: Bearer ${user.token}`, ...json, '-d', '{"reason": "问题已解决，感谢"}'));
    expect(closed).toMatchObject({ success: true, data: { ticket_id: id, status: 'closed' } });
  });

  it('§7.2: the query lines; the raw UTF-8 search is answered in the envelope, asking to percent-encode', () => {
    const auth = ['-H', `Authorization: Bearer ${agent.token}`];
    for (const query of ['priority=high&status=in_progress', `assignee_id=${agent.user.id}&overdue=true`, 'sort_by=sla_due_time&sort_order=asc']) {
      expect(JSON.parse(curl('-X', 'GET', `${t.baseUrl}/v1/tickets?${query}`, ...auth)).success).toBe(true);
    }
    const raw = curl('-X', 'GET', `${t.baseUrl}/v1/tickets?search=登录`, ...auth, '-w', '\n%{http_code}');
    const [body, status] = [raw.slice(0, raw.lastIndexOf('\n')), raw.slice(raw.lastIndexOf('\n') + 1)];
    expect(status).toBe('422');
    expect(JSON.parse(body)).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR', details: { url: expect.stringMatching(/percent-encode/) } });
    // Percent-encoded, as `curl -G --data-urlencode` sends it, the same search works.
    const encoded = JSON.parse(curl('-G', `${t.baseUrl}/v1/tickets`, '--data-urlencode', 'search=登录', ...auth));
    expect(encoded.success).toBe(true);
  });
});
