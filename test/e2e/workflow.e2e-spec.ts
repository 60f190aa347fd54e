import { Actor, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';


describe('workflow tickets and work sessions (seed 004)', () => {
  let t: TestServer;
  let admin: string;
  let master: Actor, ops: Actor, tech1: Actor, tech2: Actor, qc: Actor, plain: Actor;
  let serial = 0;

  const parts = [
    { name: 'brake pads', color: 'yellow', minutes: 25 },
    { name: 'disc', color: 'green', minutes: 15 },
  ];
  const intake = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.post('/api/v1/tickets/create/', { serial_number: `SN-${++serial}`, title: 'Bike', part_specs: parts, confirm_create: true, create_reason: 'new stock', ...overrides }, { token: master.token });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** Intake → approval → assignment to `tech`. */
  const ready = async (tech: Actor, overrides: Record<string, unknown> = {}) => {
    const ticket = await intake(overrides);
    expect((await t.post(`/api/v1/tickets/${ticket.id}/manual-metrics/`, {}, { token: ops.token })).status).toBe(200);
    expect((await t.post(`/api/v1/tickets/${ticket.id}/assign/`, { technician_id: tech.user.id }, { token: ops.token })).status).toBe(200);
    return ticket.id as number;
  };
  const post = (path: string, who: Actor | string, body: object = {}) => t.post(path, body, { token: typeof who === 'string' ? who : who.token });

  beforeAll(async () => {
    t = await TestServer.start({ WORKFLOW_SWEEP_INTERVAL_MS: '200' });
    admin = await t.adminToken(); // admin + super_admin
    [master, ops, tech1, tech2, qc, plain] = await Promise.all([
      t.userWithToken(['master']),
      t.userWithToken(['ops_manager']),
      t.userWithToken(['technician'], { name: 'Tech One' }),
      t.userWithToken(['technician']),
      t.userWithToken(['qc_inspector']),
      t.userWithToken(['user']),
    ]);
  });
  afterAll(() => t.close());

  it('walks a ticket through intake, approval, work, QC fail, rework and QC pass, with every side effect', async () => {
    const created = await intake({ serial_number: 'SN-LIFE' });
    expect(created).toMatchObject({
      status: 'UNDER_REVIEW',
      title: 'Bike',
      inventory_item: { serial_number: 'SN-LIFE', status: 'READY' },
      master: { id: master.user.id },
      technician: null,
      total_duration: 40,
      flag_color: 'yellow',
      xp_amount: 2,
      is_manual: false,
      approved_by: null,
    });
    const id = created.id;

    const early = await post(`/api/v1/tickets/${id}/assign/`, ops, { technician_id: tech1.user.id });
    expect(early.status).toBe(400);
    expect(early.body.detail).toMatch(/approved/);

    const approved = await post(`/api/v1/tickets/${id}/manual-metrics/`, ops, { flag_color: 'red', xp_amount: 5 });
    expect(approved.body).toMatchObject({ status: 'NEW', flag_color: 'red', xp_amount: 5, is_manual: true, approved_by: { id: ops.user.id, name: ops.user.name } });
    expect(approved.body.approved_at).not.toBeNull();

    const assigned = await post(`/api/v1/tickets/${id}/assign`, ops, { technician_id: tech1.user.id });
    expect(assigned.body).toMatchObject({ status: 'ASSIGNED', technician: { id: tech1.user.id, name: 'Tech One' } });

    expect((await post(`/api/v1/tickets/${id}/start/`, tech2)).status).toBe(403);
    const started = await post(`/api/v1/tickets/${id}/start/`, tech1);
    expect(started.body).toMatchObject({ status: 'IN_PROGRESS', inventory_item: { status: 'IN_SERVICE' }, latest_work_session: { status: 'RUNNING' } });

    const paused = await post(`/api/v1/tickets/${id}/work-session/pause/`, tech1);
    expect(paused.body).toMatchObject({ status: 'PAUSED', technician: { id: tech1.user.id }, ended_at: null });
    expect(paused.body.remaining_pause_seconds_today).toBeLessThanOrEqual(1800);
    expect((await post(`/api/v1/tickets/${id}/work-session/pause/`, tech1)).status).toBe(400);
    expect((await post(`/api/v1/tickets/${id}/work-session/resume/`, tech1)).body.status).toBe('RUNNING');
    const notStopped = await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech1);
    expect(notStopped.status).toBe(400);
    expect(notStopped.body.detail).toMatch(/Stop the work session/);
    const stopped = await post(`/api/v1/tickets/${id}/work-session/stop/`, tech1);
    expect(stopped.body).toMatchObject({ status: 'STOPPED' });
    expect(stopped.body.ended_at).not.toBeNull();
    expect((await post(`/api/v1/tickets/${id}/work-session/resume/`, tech1)).status).toBe(400);
    expect((await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech1)).body.status).toBe('WAITING_QC');

    expect((await post(`/api/v1/tickets/${id}/qc-pass/`, tech1)).status).toBe(403);
    const failed = await post(`/api/v1/tickets/${id}/qc-fail/`, qc, { note: 'scratches' });
    expect(failed.body.status).toBe('REWORK');

    expect((await post(`/api/v1/tickets/${id}/start/`, tech1)).body.status).toBe('IN_PROGRESS');
    await post(`/api/v1/tickets/${id}/work-session/stop/`, tech1);
    await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech1);
    const passed = await post(`/api/v1/tickets/${id}/qc-pass/`, qc, { note: 'ok' });
    expect(passed.body).toMatchObject({ status: 'DONE', inventory_item: { status: 'READY' } });
    expect(passed.body.done_at).not.toBeNull();

    const techXp = (await t.get('/api/v1/xp/transactions/', { token: tech1.token })).body;
    expect(techXp.results.map((x: any) => [x.entry_type, x.amount, x.reference])).toEqual([['ticket_base_xp', 5, `ticket_base_xp:${id}`]]);
    const qcXp = (await t.get('/api/v1/xp/transactions/', { token: qc.token })).body.results.map((x: any) => x.entry_type);
    expect(qcXp).toEqual(['ticket_qc_status_update', 'ticket_qc_status_update']);
    expect((await t.get('/api/v1/xp/summary/', { token: qc.token })).body).toMatchObject({ user_id: qc.user.id, total: 2 });

    const transitions = (await t.get(`/api/v1/tickets/${id}/transitions/`, { token: tech1.token })).body;
    expect(transitions.results.map((x: any) => `${x.action}:${x.from_status ?? '-'}>${x.to_status}`)).toEqual([
      'create:->UNDER_REVIEW',
      'manual_metrics:UNDER_REVIEW>NEW',
      'assign:NEW>ASSIGNED',
      'start:ASSIGNED>IN_PROGRESS',
      'to_waiting_qc:IN_PROGRESS>WAITING_QC',
      'qc_fail:WAITING_QC>REWORK',
      'start:REWORK>IN_PROGRESS',
      'to_waiting_qc:IN_PROGRESS>WAITING_QC',
      'qc_pass:WAITING_QC>DONE',
    ]);
    expect(transitions.results[5]).toMatchObject({ actor: { id: qc.user.id }, note: 'scratches' });
    const history = (await t.get(`/api/v1/tickets/${id}/work-session/history/`, { token: master.token })).body;
    expect(history.results.map((x: any) => x.action)).toEqual(['started', 'paused', 'resumed', 'stopped', 'started', 'stopped']);

    // A new ticket for the same serial is allowed once the first is DONE.
    expect((await t.post('/api/v1/tickets/create/', { serial_number: 'SN-LIFE', part_specs: parts }, { token: master.token })).status).toBe(201);
  });

  withPostgres('publishes each transition and QC result to the outbox, in the same transaction', async () => {
    const id = await ready(tech1);
    const events = await t.sql(`SELECT event_type, payload FROM outbox_events WHERE aggregate_type = 'workflow_ticket' AND aggregate_id = $1 ORDER BY id`, [String(id)]);
    expect(events.map((e) => `${e.event_type}:${e.payload.action}`)).toEqual(['workflow.transition:create', 'workflow.transition:manual_metrics', 'workflow.transition:assign']);
    expect(events[2].payload).toMatchObject({ ticket_id: id, from_status: 'NEW', to_status: 'ASSIGNED', actor: { id: ops.user.id } });
    // A refused action publishes nothing.
    await post(`/api/v1/tickets/${id}/qc-pass/`, qc);
    const after = await t.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND aggregate_type = 'workflow_ticket'`, [String(id)]);
    expect(after[0].n).toBe(3);
    await post(`/api/v1/tickets/${id}/start/`, tech1);
    await post(`/api/v1/tickets/${id}/work-session/stop/`, tech1);
    await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech1);
    await post(`/api/v1/tickets/${id}/qc-fail/`, qc);
    const qcEvents = await t.sql(`SELECT event_type FROM outbox_events WHERE aggregate_id = $1 AND aggregate_type = 'workflow_ticket' AND event_type LIKE 'workflow.qc_%'`, [String(id)]);
    expect(qcEvents.map((e) => e.event_type)).toEqual(['workflow.qc_failed']);
  });

  it('pays the first-pass bonus only without rework and within the planned time', async () => {
    const id = await ready(tech2);
    await post(`/api/v1/tickets/${id}/start/`, tech2);
    await post(`/api/v1/tickets/${id}/work-session/stop/`, tech2);
    await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech2);
    await post(`/api/v1/tickets/${id}/qc-pass/`, admin);
    const entries = (await t.get(`/api/v1/xp/transactions/?user_id=${tech2.user.id}`, { token: admin })).body.results;
    expect(entries.map((x: any) => [x.entry_type, x.amount]).sort()).toEqual([
      ['ticket_base_xp', 2],
      ['ticket_qc_first_pass_bonus', 1],
    ]);
    expect((await t.get(`/api/v1/xp/transactions/?user_id=${tech1.user.id}`, { token: tech2.token })).status).toBe(403);
  });

  withPostgres('withholds the first-pass bonus when the work took longer than planned', async () => {
    const id = await ready(tech2);
    await post(`/api/v1/tickets/${id}/start/`, tech2);
    // 41 minutes of work on a 40-minute plan.
    await t.sql(`UPDATE work_session_events SET created_at = created_at - interval '41 minutes' WHERE session_id IN (SELECT id FROM work_sessions WHERE ticket_id = $1)`, [id]);
    await post(`/api/v1/tickets/${id}/work-session/stop/`, tech2);
    await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech2);
    const passed = await post(`/api/v1/tickets/${id}/qc-pass/`, qc);
    expect(passed.status).toBe(200);
    const refs = (await t.get(`/api/v1/xp/transactions/?user_id=${tech2.user.id}&page_size=100`, { token: admin })).body.results.map((x: any) => x.reference);
    expect(refs).toContain(`ticket_base_xp:${id}`);
    expect(refs).not.toContain(`ticket_qc_first_pass_bonus:${id}`);
  });

  describe('intake refusals', () => {
    it('needs an explicit confirmation and a reason for an unknown serial number', async () => {
      const bare = await t.post('/api/v1/tickets/create/', { serial_number: 'SN-NEW-1', part_specs: parts }, { token: master.token });
      expect(bare.status).toBe(400);
      expect(bare.body.detail).toMatch(/confirm_create/);
      const noReason = await t.post('/api/v1/tickets/create/', { serial_number: 'SN-NEW-1', part_specs: parts, confirm_create: true }, { token: master.token });
      expect(noReason.status).toBe(400);
      expect((await t.get('/api/v1/inventory/items/?page_size=100', { token: master.token })).body.results.map((i: any) => i.serial_number)).not.toContain('SN-NEW-1');
    });

    it('refuses an archived serial and points to the restore route', async () => {
      const item = (await t.post('/api/v1/inventory/items/', { serial_number: 'SN-ARCH' }, { token: master.token })).body;
      expect((await post(`/api/v1/inventory/items/${item.id}/archive/`, master)).body.status).toBe('ARCHIVED');
      const res = await t.post('/api/v1/tickets/create/', { serial_number: 'SN-ARCH', part_specs: parts }, { token: master.token });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(`/api/v1/inventory/items/${item.id}/restore/`);
      expect((await post(`/api/v1/inventory/items/${item.id}/restore/`, master)).body.status).toBe('READY');
      expect((await t.post('/api/v1/tickets/create/', { serial_number: 'SN-ARCH', part_specs: parts }, { token: master.token })).status).toBe(201);
      const archiveBusy = await post(`/api/v1/inventory/items/${item.id}/archive/`, master);
      expect(archiveBusy.status).toBe(400);
      expect(archiveBusy.body.detail).toMatch(/active ticket/);
    });

    it('keeps one active ticket per inventory item', async () => {
      const first = await intake({ serial_number: 'SN-ONE' });
      expect(first.id).toBeDefined();
      const second = await t.post('/api/v1/tickets/create/', { serial_number: 'SN-ONE', part_specs: parts }, { token: master.token });
      expect(second.status).toBe(400);
      expect(second.body.detail).toMatch(/already has an active ticket/);
    });

    it('answers field errors DRF-style, colours included', async () => {
      const parts = [{ name: 'ok', color: 'green', minutes: 5 }, { name: 'x', color: 'blue', minutes: 0 }];
      const res = await t.post('/api/v1/tickets/create/', { serial_number: '', part_specs: parts }, { token: master.token });
      expect(res.status).toBe(400);
      // Nested as DRF nests them: the valid first item is {}.
      expect(res.body).toEqual({
        serial_number: [expect.any(String)],
        part_specs: [{}, { color: [expect.stringMatching(/green, yellow, red/)], minutes: [expect.any(String)] }],
      });
      const missing = await t.post('/api/v1/tickets/create/', { part_specs: parts.slice(0, 1) }, { token: master.token });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ serial_number: ['This field is required.'] });
      const id = (await intake()).id;
      const metrics = await post(`/api/v1/tickets/${id}/manual-metrics/`, ops, { flag_color: 'purple' });
      expect(metrics.status).toBe(400);
      expect(Object.keys(metrics.body)).toEqual(['flag_color']);
      // An optional field sent as null is validated like any other value (it would reach a NOT NULL column).
      const nullXp = await post(`/api/v1/tickets/${id}/manual-metrics/`, ops, { xp_amount: null });
      expect(nullXp.status).toBe(400);
      expect(Object.keys(nullXp.body)).toEqual(['xp_amount']);
      expect((await post(`/api/v1/tickets/${id}/assign/`, ops, { technician_id: 2 ** 31 })).status).toBe(400);
      expect((await t.get('/api/v1/tickets/?technician=1e3', { token: master.token })).status).toBe(400);
    });
  });

  describe('roles', () => {
    it('applies the seed matrix: 403 for a wrong role, 401 without a token', async () => {
      const id = (await intake()).id;
      expect((await t.post('/api/v1/tickets/create/', { serial_number: 'X', part_specs: parts }, { token: tech1.token })).status).toBe(403);
      expect((await post(`/api/v1/tickets/${id}/manual-metrics/`, master)).status).toBe(403);
      expect((await post(`/api/v1/tickets/${id}/assign/`, master, { technician_id: tech1.user.id })).status).toBe(403);
      expect((await post(`/api/v1/tickets/${id}/start/`, qc)).status).toBe(403);
      expect((await post(`/api/v1/tickets/${id}/qc-fail/`, tech1)).status).toBe(403);
      expect((await post(`/api/v1/tickets/${id}/work-session/pause/`, ops)).status).toBe(403);
      const forbidden = await t.get('/api/v1/tickets/', { token: plain.token });
      expect(forbidden.status).toBe(403);
      expect(Object.keys(forbidden.body)).toEqual(['detail']);
      const anonymous = await t.get('/api/v1/tickets/');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ detail: 'Missing, invalid or expired access token' });
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      expect((await t.get('/api/v1/tickets/999999/', { token: master.token })).body).toEqual({ detail: 'Ticket not found.' });
      // As DRF's URL converters would: a path that cannot hold an id is a route that does not exist.
      for (const path of ['/api/v1/tickets/99999999999/', '/api/v1/tickets/abc/']) {
        const badId = await t.get(path, { token: master.token });
        expect({ path, status: badId.status, body: badId.body }).toEqual({ path, status: 404, body: { detail: 'Not found.' } });
      }
      // A method the route does not have: 405 with Allow, as DRF answers.
      const wrongMethod = await t.delete(`/api/v1/tickets/${(await intake()).id}/`, { token: master.token });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('GET');
      expect(wrongMethod.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
      // A page past the last one: 404 "Invalid page.", as DRF's page number pagination answers.
      const pastEnd = await t.get('/api/v1/tickets/?page=9999', { token: master.token });
      expect(pastEnd.status).toBe(404);
      expect(pastEnd.body).toEqual({ detail: 'Invalid page.' });
    });

    it('refuses actions the status does not allow with 400', async () => {
      const id = (await intake()).id;
      expect((await post(`/api/v1/tickets/${id}/start/`, admin)).status).toBe(400);
      expect((await post(`/api/v1/tickets/${id}/qc-pass/`, qc)).status).toBe(400);
      expect((await post(`/api/v1/tickets/${id}/to-waiting-qc/`, admin)).status).toBe(400);
      expect((await post(`/api/v1/tickets/${id}/work-session/pause/`, admin)).status).toBe(400);
      await post(`/api/v1/tickets/${id}/manual-metrics/`, ops);
      const notTech = await post(`/api/v1/tickets/${id}/assign/`, ops, { technician_id: qc.user.id });
      expect(notTech.status).toBe(400);
      expect(notTech.body.detail).toMatch(/not an active technician/);
    });
  });

  describe('races', () => {
    it('lets one technician start only one ticket at once', async () => {
      const tech = await t.userWithToken(['technician']);
      const [a, b] = [await ready(tech), await ready(tech)];
      const results = await Promise.all([post(`/api/v1/tickets/${a}/start/`, tech), post(`/api/v1/tickets/${b}/start/`, tech)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      const open = (await t.get(`/api/v1/tickets/?technician=${tech.user.id}&status=IN_PROGRESS`, { token: admin })).body;
      expect(open.count).toBe(1);
    });

    it('lets two racing intakes of one new serial create one ticket', async () => {
      const body = { serial_number: 'SN-RACE', part_specs: parts, confirm_create: true, create_reason: 'race' };
      const results = await Promise.all([t.post('/api/v1/tickets/create/', body, { token: master.token }), t.post('/api/v1/tickets/create/', body, { token: admin })]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    });

    it('pays XP once when QC passes twice at the same time', async () => {
      const tech = await t.userWithToken(['technician']);
      const id = await ready(tech);
      await post(`/api/v1/tickets/${id}/start/`, tech);
      await post(`/api/v1/tickets/${id}/work-session/stop/`, tech);
      await post(`/api/v1/tickets/${id}/to-waiting-qc/`, tech);
      const results = await Promise.all([post(`/api/v1/tickets/${id}/qc-pass/`, qc), post(`/api/v1/tickets/${id}/qc-pass/`, admin)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      expect((await t.get(`/api/v1/xp/summary/?user_id=${tech.user.id}`, { token: admin })).body.total).toBe(3); // base 2 + first pass 1
    });
  });

  describe('pause budget (the clock moved by rewriting stored event times)', () => {
    withPostgres('auto-resumes a pause when the budget runs out: reads show it at once, the sweep stores it', async () => {
      const tech = await t.userWithToken(['technician']);
      const id = await ready(tech);
      await post(`/api/v1/tickets/${id}/start/`, tech);
      await post(`/api/v1/tickets/${id}/work-session/pause/`, tech);
      // The pause began 31 minutes ago: the 30-minute budget ran out a minute ago.
      await t.sql(`UPDATE work_session_events SET created_at = created_at - interval '31 minutes' WHERE session_id IN (SELECT id FROM work_sessions WHERE ticket_id = $1)`, [id]);
      await t.sql(`UPDATE work_sessions SET status = 'PAUSED' WHERE ticket_id = $1`, [id]); // keep the stored state as the pause left it
      const view = (await t.get(`/api/v1/tickets/${id}/`, { token: tech.token })).body.latest_work_session;
      expect(view.status).toBe('RUNNING');
      expect(view.active_seconds).toBeGreaterThanOrEqual(60);
      expect(view.active_seconds).toBeLessThan(120);
      const history = (await t.get(`/api/v1/tickets/${id}/work-session/history/`, { token: tech.token })).body.results.map((x: any) => x.action);
      expect(history).toEqual(['started', 'paused', 'auto_resumed']);
      // The sweep (every 200 ms here) makes it the record; waited for, not timed, so a busy machine cannot fail it.
      const storedActions = async () =>
        (await t.sql(`SELECT e.action FROM work_session_events e JOIN work_sessions s ON s.id = e.session_id WHERE s.ticket_id = $1 ORDER BY e.created_at`, [id])).map((r) => r.action);
      for (let i = 0; i < 50 && (await storedActions()).length < 3; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await storedActions()).toEqual(['started', 'paused', 'auto_resumed']);
      expect((await t.sql(`SELECT status FROM work_sessions WHERE ticket_id = $1`, [id]))[0].status).toBe('RUNNING');
      const refused = await post(`/api/v1/tickets/${id}/work-session/pause/`, tech);
      expect(refused.status).toBe(400);
      expect(refused.body.detail).toMatch(/pause budget/);
    });

    withPostgres('resets the budget at local midnight of the configured zone', async () => {
      const zone = 'Asia/Shanghai';
      const put = await t.put('/api/v1/rules/config/', { ticket_xp: { base_divisor: 20, first_pass_bonus: 1, qc_status_update_xp: 1 }, work_session: { daily_pause_limit_minutes: 30, timezone: zone }, reason: 'shop in Shanghai' }, { token: admin });
      expect(put.status).toBe(200);
      try {
        const tech = await t.userWithToken(['technician']);
        const id = await ready(tech);
        await post(`/api/v1/tickets/${id}/start/`, tech);
        await post(`/api/v1/tickets/${id}/work-session/pause/`, tech);
        await post(`/api/v1/tickets/${id}/work-session/resume/`, tech);
        // Shanghai's last midnight, as an instant.
        const [{ midnight }] = await t.sql(`SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS midnight`, [zone]);
        const setPause = (startSql: string) =>
          t.sql(
            `UPDATE work_session_events e SET created_at = CASE action WHEN 'paused' THEN ${startSql} WHEN 'resumed' THEN ${startSql} + interval '30 minutes' ELSE e.created_at END
               FROM work_sessions s WHERE s.id = e.session_id AND s.ticket_id = $1 AND e.action IN ('paused', 'resumed')`,
            [id, midnight],
          );
        // 30 minutes of pause ending 5 minutes before local midnight: yesterday's budget. Today is untouched.
        await setPause(`$2::timestamptz - interval '35 minutes'`);
        await t.sql(`UPDATE work_session_events SET created_at = $2::timestamptz - interval '40 minutes' WHERE action = 'started' AND session_id IN (SELECT id FROM work_sessions WHERE ticket_id = $1)`, [id, midnight]);
        let paused = await post(`/api/v1/tickets/${id}/work-session/pause/`, tech);
        expect(paused.status).toBe(200);
        expect(paused.body.remaining_pause_seconds_today).toBeGreaterThan(1700);
        await post(`/api/v1/tickets/${id}/work-session/resume/`, tech);
        // The same 30 minutes right after local midnight (when that is in the past) spends today's budget.
        const [{ since }] = await t.sql(`SELECT extract(epoch FROM now() - $1::timestamptz)::int AS since`, [midnight]);
        if (since > 35 * 60) {
          await t.sql(`DELETE FROM work_session_events WHERE action IN ('paused', 'resumed') AND created_at > $2::timestamptz - interval '1 minute' AND session_id IN (SELECT id FROM work_sessions WHERE ticket_id = $1)`, [id, midnight]);
          await setPause(`$2::timestamptz + interval '1 minute'`);
          paused = await post(`/api/v1/tickets/${id}/work-session/pause/`, tech);
          expect(paused.status).toBe(400);
        }
      } finally {
        await t.put('/api/v1/rules/config/', { ticket_xp: { base_divisor: 20, first_pass_bonus: 1, qc_status_update_xp: 1 }, work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, reason: 'back to UTC' }, { token: admin });
      }
    });
  });

  describe('rules, inventory and lists', () => {
    it('versions the rules, validates them, and keeps them for super_admin', async () => {
      const before = (await t.get('/api/v1/rules/config/', { token: admin })).body;
      const body = { ticket_xp: { base_divisor: 10, first_pass_bonus: 2, qc_status_update_xp: 1 }, work_session: { daily_pause_limit_minutes: 15, timezone: 'Europe/Paris' }, reason: 'faster bikes' };
      const saved = await t.put('/api/v1/rules/config/', body, { token: admin });
      expect(saved.body).toMatchObject({ version: before.version + 1, ticket_xp: body.ticket_xp, work_session: body.work_session, reason: 'faster bikes' });
      expect((await intake()).xp_amount).toBe(4); // ceil(40 / 10)
      const badZone = await t.put('/api/v1/rules/config/', { ...body, work_session: { daily_pause_limit_minutes: 15, timezone: 'Mars/Olympus' } }, { token: admin });
      expect(badZone.status).toBe(400);
      expect(badZone.body).toEqual({ work_session: { timezone: [expect.stringMatching(/IANA time zone/)] } });
      expect((await t.put('/api/v1/rules/config/', { ...body, reason: undefined }, { token: admin })).status).toBe(400);
      expect((await t.get('/api/v1/rules/config/', { token: ops.token })).status).toBe(403);
      expect((await t.put('/api/v1/rules/config/', body, { token: ops.token })).status).toBe(403);
      expect((await t.get(`/api/v1/xp/summary/?user_id=${ops.user.id}`, { token: tech1.token })).status).toBe(403);
      await t.put('/api/v1/rules/config/', { ...body, ticket_xp: { base_divisor: 20, first_pass_bonus: 1, qc_status_update_xp: 1 }, work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, reason: 'defaults' }, { token: admin });
    });

    it('ignores unknown and read-only fields and query parameters as DRF does, and applies none of them', async () => {
      const current = (await t.get('/api/v1/rules/config/', { token: admin })).body;
      const echoed = await t.put('/api/v1/rules/config/', { ...current, reason: 'echoed back' }, { token: admin });
      expect(echoed.status).toBe(200);
      expect(echoed.body).toMatchObject({ version: current.version + 1, reason: 'echoed back', ticket_xp: current.ticket_xp });
      const listed = await t.get('/api/v1/tickets/?format=json&ordering=-id&page_size=1', { token: master.token });
      expect(listed.status).toBe(200);
      expect(listed.body.results).toHaveLength(1);
      const created = await intake({ status: 'DONE', xp_amount: 999, approved_by: 1, is_manual: true, extra: 'x' });
      expect(created).toMatchObject({ status: 'UNDER_REVIEW', xp_amount: 2, approved_by: null, is_manual: false });
    });

    it('reads form bodies and typed text as DRF does: "5" is 5, "true" is true, "five" is still refused', async () => {
      const ticket = await intake({ confirm_create: 'true' });
      const form = await t.request('POST', `/api/v1/tickets/${ticket.id}/manual-metrics/`, {
        token: ops.token,
        rawBody: 'flag_color=red&xp_amount=5&format=json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(200);
      expect(form.body).toMatchObject({ flag_color: 'red', xp_amount: 5 });
      const assigned = await post(`/api/v1/tickets/${ticket.id}/assign/`, ops, { technician_id: ` ${tech1.user.id}` });
      expect(assigned.status).toBe(200);
      expect(assigned.body.technician).toMatchObject({ id: tech1.user.id });
      const other = await intake();
      const bad = await post(`/api/v1/tickets/${other.id}/manual-metrics/`, ops, { xp_amount: 'five' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body)).toEqual(['xp_amount']);
      const notBoolean = await t.post('/api/v1/tickets/create/', { serial_number: `SN-${++serial}`, part_specs: parts, confirm_create: 'maybe', create_reason: 'x' }, { token: master.token });
      expect(notBoolean.status).toBe(400);
      expect(Object.keys(notBoolean.body)).toEqual(['confirm_create']);
      const nested = await t.post('/api/v1/tickets/create/', { serial_number: `SN-${++serial}`, part_specs: [{ name: 'chain', color: 'green', minutes: '30' }], confirm_create: 'True', create_reason: 'x' }, { token: master.token });
      expect(nested.status).toBe(201);
    });

    it('reads multipart form fields as DRF does; malformed multipart is a 400 in its shape, multipart elsewhere a 415', async () => {
      const ticket = await intake();
      const form = new FormData();
      form.append('flag_color', 'green');
      form.append('xp_amount', '7');
      form.append('ignored', new Blob(['a file no route reads']), 'notes.txt');
      const res = await fetch(`${t.baseUrl}/api/v1/tickets/${ticket.id}/manual-metrics/`, { method: 'POST', headers: { authorization: `Bearer ${ops.token}` }, body: form });
      const body = await res.json();
      expect({ status: res.status, body }).toMatchObject({ status: 200, body: { flag_color: 'green', xp_amount: 7 } });
      const broken = await t.request('POST', `/api/v1/tickets/${ticket.id}/assign/`, {
        token: ops.token,
        rawBody: '--x\r\nContent-Disposition: form-data; name="technician_id"\r\n\r\n7',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect(broken.status).toBe(400);
      expect(broken.body).toEqual({ body: [expect.any(String)] });
      const support = await fetch(`${t.baseUrl}/v1/tickets`, { method: 'POST', headers: { authorization: `Bearer ${master.token}` }, body: form });
      expect(support.status).toBe(415);
    });

    it('refuses a partial rules version, so intake keeps working', async () => {
      const version = (await t.get('/api/v1/rules/config/', { token: admin })).body.version;
      const partials = [
        { work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, reason: 'only sessions' },
        { ticket_xp: { base_divisor: 20, first_pass_bonus: 1, qc_status_update_xp: 1 }, reason: 'only xp' },
        { ticket_xp: {}, work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, reason: 'empty xp' },
        { ticket_xp: null, work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, reason: 'null xp' },
      ];
      for (const partial of partials) {
        const res = await t.put('/api/v1/rules/config/', partial, { token: admin });
        expect({ reason: partial.reason, status: res.status }).toEqual({ reason: partial.reason, status: 400 });
      }
      expect((await t.get('/api/v1/rules/config/', { token: admin })).body.version).toBe(version);
      expect((await intake()).xp_amount).toBe(2); // ceil(40 / 20): the rules in force are whole
    });

    withPostgres('cannot store an incomplete rules version even by hand (CHECK constraint)', async () => {
      await expect(
        t.sql(`INSERT INTO workflow_rules_versions (config, changed_by, reason) VALUES ($1, 1, 'by hand')`, [{ work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, ticket_xp: {} }]),
      ).rejects.toThrow(/workflow_rules_versions_config_complete/);
    });

    it('lists in the DRF shape with working next/previous links, and filters', async () => {
      const first = await t.get('/api/v1/tickets/?page=1&page_size=2', { token: master.token });
      expect(first.body.results).toHaveLength(2);
      expect(first.body.previous).toBeNull();
      expect(first.body.count).toBeGreaterThan(4);
      const next = new URL(first.body.next);
      expect(next.searchParams.get('page')).toBe('2');
      const second = await t.get(`${next.pathname}${next.search}`, { token: master.token });
      expect(second.body.previous).toContain('page=1');
      expect(second.body.results[0].id).toBeLessThan(first.body.results[1].id);
      const item = first.body.results[0];
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining(['id', 'status', 'title', 'inventory_item', 'master', 'technician', 'part_specs', 'total_duration', 'flag_color', 'xp_amount', 'latest_work_session']),
      );
      const done = (await t.get('/api/v1/tickets/?status=DONE', { token: master.token })).body.results;
      expect(done.length).toBeGreaterThan(0);
      expect(done.every((x: any) => x.status === 'DONE')).toBe(true);
      const byItem = (await t.get(`/api/v1/tickets/?inventory_item=${item.inventory_item.id}`, { token: master.token })).body.results;
      expect(byItem.every((x: any) => x.inventory_item.id === item.inventory_item.id)).toBe(true);
      expect((await t.get('/api/v1/tickets/?status=LOST', { token: master.token })).status).toBe(400);
    });

    it('answers a ticket alike from the action that changed it, the detail and the list (the read paths map raw rows)', async () => {
      const tech = await t.userWithToken(['technician']);
      const id = await ready(tech, { title: 'Read paths' });
      const started = await post(`/api/v1/tickets/${id}/start/`, tech);
      const paused = await post(`/api/v1/tickets/${id}/work-session/pause/`, tech);
      expect(paused.status).toBe(200);
      const detail = (await t.get(`/api/v1/tickets/${id}/`, { token: master.token })).body;
      const listed = (await t.get(`/api/v1/tickets/?technician=${tech.user.id}`, { token: master.token })).body;
      expect(listed.count).toBe(1);
      expect(listed.results[0]).toEqual(detail);
      // The action's answer is built from entities; the reads from one joined row: the same body,
      // the session now paused (its time is derived from the events, so only it may differ).
      expect({ ...detail, latest_work_session: null }).toEqual({ ...started.body, latest_work_session: null });
      expect(detail).toMatchObject({
        title: 'Read paths',
        master: { id: master.user.id, name: master.user.name },
        technician: { id: tech.user.id, name: tech.user.name },
        approved_by: { id: ops.user.id, name: ops.user.name },
        latest_work_session: { id: started.body.latest_work_session.id, status: 'PAUSED' },
      });
      expect(typeof detail.latest_work_session.active_seconds).toBe('number');
      // A page past the last still knows the total.
      const past = await t.get(`/api/v1/tickets/?technician=${tech.user.id}&page=2`, { token: master.token });
      expect(past.status).toBe(404);
      expect(past.body).toEqual({ detail: 'Invalid page.' });
      const empty = await t.get(`/api/v1/tickets/?technician=${tech.user.id}&status=DONE`, { token: master.token });
      expect(empty.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    });

    it('manages inventory items', async () => {
      const created = await t.post('/api/v1/inventory/items', { serial_number: 'SN-INV' }, { token: ops.token });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ serial_number: 'SN-INV', status: 'READY' });
      expect((await t.post('/api/v1/inventory/items/', { serial_number: 'SN-INV' }, { token: ops.token })).status).toBe(400);
      expect((await t.post('/api/v1/inventory/items/', { serial_number: 'SN-X' }, { token: tech1.token })).status).toBe(403);
      expect((await t.get(`/api/v1/inventory/items/${created.body.id}/`, { token: tech1.token })).body.serial_number).toBe('SN-INV');
      expect((await post(`/api/v1/inventory/items/${created.body.id}/restore/`, ops)).status).toBe(400);
      expect((await t.get('/api/v1/inventory/items/999999/', { token: ops.token })).status).toBe(404);
    });
  });
});
