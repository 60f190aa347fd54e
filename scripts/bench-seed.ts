/**
 * Seeding for `npm run bench`: SQL generate_series on the server's database, shaped like a year of
 * a help desk and a repair shop. Deterministic (setseed) so two runs measure the same data.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';

/** Rows of people added with SQL besides the few the benchmark logs in as: a few hundred users. */
const EXTRA_USERS = 260;
const EXTRA_AGENTS = 40;

export interface People {
  users: number[];
  agents: number[];
  masters: number[];
  technicians: number[];
}

/** A few hundred users and agents straight into `users` (they never log in), on top of `known`. */
export async function seedPeople(db: Client, known: People): Promise<People> {
  const insert = async (count: number, role: string, prefix: string): Promise<number[]> => {
    const { rows } = await db.query(
      `INSERT INTO users (email, name, roles) SELECT $2 || '-' || n || '@bench.example', $2 || ' ' || n, ARRAY[$3]::text[]
         FROM generate_series(1, $1::int) n RETURNING id`,
      [count, prefix, role],
    );
    return rows.map((r: { id: number }) => r.id);
  };
  return {
    users: [...known.users, ...(await insert(EXTRA_USERS, 'user', 'bench-user'))],
    agents: [...known.agents, ...(await insert(EXTRA_AGENTS, 'agent', 'bench-agent'))],
    masters: known.masters,
    technicians: [...known.technicians, ...(await insert(20, 'technician', 'bench-tech'))],
  };
}

/**
 * `count` support tickets over the past year, ids in creation order. Older tickets are mostly
 * closed; priority low 30 %, medium 40 %, high 20 %, urgent 10 %; 85 % assigned; a first response
 * and a resolution time where the status implies them; `sla_due_time` from the default targets.
 */
export async function seedSupportTickets(db: Client, count: number, people: People): Promise<void> {
  await db.query('SELECT setseed(0.14)');
  await db.query(
    `INSERT INTO support_tickets (number, title, description, category, priority, status, creator_id, assignee_id, tags,
                                  sla_due_time, response_time, resolved_time, closed_at, created_at, updated_at)
     SELECT 'B-' || n,
            (ARRAY['无法登录账号', '账单问题', 'Cannot reset password', '发票金额不对', 'Feature request: dark mode', '页面加载很慢', 'App crashes on start', '退款进度查询'])[1 + (r1 * 8)::int % 8] || ' #' || n,
            (ARRAY['我尝试使用正确的密码登录，但系统提示密码错误。', 'The invoice total is wrong for October.', '从今天上午开始无法访问服务', 'Please add an export button.', 'It crashes right after the splash screen.'])[1 + (r2 * 5)::int % 5],
            (ARRAY['technical', 'account', 'billing', 'feature', 'complaint', 'other'])[1 + (r3 * 6)::int % 6],
            priority, status, creator, assignee,
            CASE WHEN r3 < 0.2 THEN ARRAY['login', 'vip'] WHEN r3 < 0.5 THEN ARRAY['login'] ELSE ARRAY[]::text[] END,
            created + target,
            CASE WHEN status <> 'new' THEN created + r2 * target / 2 END,
            CASE WHEN status IN ('resolved', 'closed') THEN created + r1 * target * 1.3 END,
            CASE WHEN status = 'closed' THEN created + r1 * target * 1.3 + interval '2 days' END,
            created, created + r1 * target
       FROM (SELECT n, r1, r2, r3, created, status, priority,
                    ($1::int[])[1 + (r2 * array_length($1::int[], 1))::int % array_length($1::int[], 1)] AS creator,
                    CASE WHEN status = 'new' OR r3 > 0.85 THEN NULL
                         ELSE ($2::int[])[1 + (r1 * array_length($2::int[], 1))::int % array_length($2::int[], 1)] END AS assignee,
                    CASE priority WHEN 'urgent' THEN interval '4 hours' WHEN 'high' THEN interval '24 hours'
                                  WHEN 'medium' THEN interval '72 hours' ELSE interval '120 hours' END AS target
               FROM (SELECT n, r1, r2, r3, created,
                            CASE WHEN age > 30 THEN (CASE WHEN r1 < 0.85 THEN 'closed' WHEN r1 < 0.95 THEN 'resolved' ELSE 'pending' END)
                                 ELSE (ARRAY['new', 'open', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'])[1 + (r1 * 7)::int % 7] END AS status,
                            CASE WHEN r4 < 0.3 THEN 'low' WHEN r4 < 0.7 THEN 'medium' WHEN r4 < 0.9 THEN 'high' ELSE 'urgent' END AS priority
                       FROM (SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                                    now() - (($3::int - n)::float8 / $3::int) * interval '365 days' AS created,
                                    (($3::int - n)::float8 / $3::int) * 365 AS age
                               FROM generate_series(1, $3::int) n) raw) shaped) placed`,
    [people.users, people.agents, count],
  );
}

/** `count` workflow tickets, each on its own inventory item; most are done, none in progress. */
export async function seedWorkflowTickets(db: Client, count: number, people: People): Promise<void> {
  await db.query('SELECT setseed(0.41)');
  await db.query(
    `INSERT INTO inventory_items (serial_number, status, created_by, created_at, updated_at)
     SELECT 'BENCH-' || n, 'IN_SERVICE', $1::int, now() - interval '366 days', now() - interval '366 days' FROM generate_series(1, $2::int) n`,
    [people.masters[0], count],
  );
  await db.query(
    `INSERT INTO workflow_tickets (status, title, inventory_item_id, master_id, technician_id, part_specs, total_duration, flag_color,
                                   xp_amount, approved_by, approved_at, assigned_at, started_at, done_at, created_at, updated_at)
     SELECT wstatus, 'Repair #' || n, item.id, ($1::int[])[1 + n % array_length($1::int[], 1)],
            CASE WHEN wstatus IN ('UNDER_REVIEW', 'NEW') THEN NULL ELSE ($2::int[])[1 + n % array_length($2::int[], 1)] END,
            jsonb_build_array(jsonb_build_object('name', 'screen', 'color', flag, 'minutes', minutes)), minutes, flag, ceil(minutes / 20.0)::int,
            CASE WHEN wstatus <> 'UNDER_REVIEW' THEN ($1::int[])[1] END,
            CASE WHEN wstatus <> 'UNDER_REVIEW' THEN created + interval '1 hour' END,
            CASE WHEN wstatus NOT IN ('UNDER_REVIEW', 'NEW') THEN created + interval '2 hours' END,
            CASE WHEN wstatus IN ('WAITING_QC', 'REWORK', 'DONE') THEN created + interval '3 hours' END,
            CASE WHEN wstatus = 'DONE' THEN created + interval '1 day' END,
            created, created
       FROM (SELECT n, created, (ARRAY['green', 'yellow', 'red'])[1 + (r2 * 3)::int % 3] AS flag, 10 + (r2 * 170)::int AS minutes,
                    CASE WHEN r1 < 0.8 THEN 'DONE' ELSE (ARRAY['UNDER_REVIEW', 'NEW', 'ASSIGNED', 'WAITING_QC', 'REWORK'])[1 + (r1 * 50)::int % 5] END AS wstatus
               FROM (SELECT n, random() AS r1, random() AS r2, now() - (($3::int - n)::float8 / $3::int) * interval '365 days' AS created
                       FROM generate_series(1, $3::int) n) raw) shaped
       JOIN inventory_items item ON item.serial_number = 'BENCH-' || n`,
    [people.masters, people.technicians, count],
  );
}

/**
 * Derived tables (counters, rollups) recomputed from the raw rows, when the project has the
 * command (issue 14): data written with SQL must not leave them wrong. Then statistics and the
 * visibility map, as autovacuum would have left tables this old.
 */
export async function finishSeeding(db: Client, databaseUrl: string): Promise<void> {
  const scripts = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).scripts ?? {};
  if (scripts['db:rebuild-derived']) {
    execFileSync('npm', ['run', '-s', 'db:rebuild-derived'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } });
  }
  await db.query('VACUUM ANALYZE');
}
