import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { offsetOf, Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db, namedStatement } from '../database/db';
import type { WorkflowRules } from '../config/workflow.config';
import type { InventoryItemEntity, InventoryStatus } from './inventory-item.entity';
import type { FlagColor, PartSpec, WorkflowStatus } from './workflow-rules';
import { WorkflowTicketEntity } from './workflow-ticket.entity';

/** A ticket with its inventory item loaded, as every ticket read answers it. */
export type TicketWithItem = WorkflowTicketEntity & { inventoryItem: InventoryItemEntity };

/** What intake decides about a new ticket; the rest starts empty. */
export type NewTicket = Pick<WorkflowTicketEntity, 'status' | 'title' | 'masterId' | 'partSpecs' | 'totalDuration' | 'flagColor' | 'xpAmount'> & {
  inventoryItem: InventoryItemEntity;
};

export interface TicketFilter {
  status?: WorkflowStatus;
  technicianId?: number;
  inventoryItemId?: number;
}

/**
 * A ticket as the read paths answer it: one row with its item and the names of its people
 * (null when the user is gone), straight from the driver, no entity.
 */
export interface TicketReadRow {
  id: number;
  status: WorkflowStatus;
  title: string | null;
  item_id: number;
  item_serial_number: string;
  item_status: InventoryStatus;
  master_id: number;
  master_name: string | null;
  technician_id: number | null;
  technician_name: string | null;
  part_specs: PartSpec[];
  total_duration: number;
  flag_color: FlagColor;
  xp_amount: number;
  is_manual: boolean;
  approved_by: number | null;
  approver_name: string | null;
  approved_at: Date | null;
  assigned_at: Date | null;
  started_at: Date | null;
  done_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** What a read needs besides the tickets: the rules in force (null: none stored, the configured defaults apply). */
export interface TicketReadContext {
  storedRules: WorkflowRules | null;
}

const READ_COLUMNS = `t.id, t.status, t.title, i.id AS item_id, i.serial_number AS item_serial_number, i.status AS item_status,
       t.master_id, m.name AS master_name, t.technician_id, tech.name AS technician_name,
       t.part_specs, t.total_duration, t.flag_color, t.xp_amount, t.is_manual,
       t.approved_by, a.name AS approver_name, t.approved_at, t.assigned_at, t.started_at, t.done_at, t.created_at, t.updated_at`;

const READ_JOINS = `JOIN inventory_items i ON i.id = t.inventory_item_id
  LEFT JOIN users m ON m.id = t.master_id
  LEFT JOIN users tech ON tech.id = t.technician_id
  LEFT JOIN users a ON a.id = t.approved_by`;

/** The stored rules in force (the newest version), as a scalar subquery. */
const RULES_IN_FORCE = `(SELECT config FROM workflow_rules_versions ORDER BY version DESC LIMIT 1)`;

/** One ticket for the detail read, with the rules in force: one statement (no row when the ticket does not exist). */
export const READ_ONE = namedStatement('workflow_ticket_read', `SELECT ${READ_COLUMNS}, ${RULES_IN_FORCE} AS stored_rules FROM workflow_tickets t ${READ_JOINS} WHERE t.id = $1`);

/** The list filters, each a fixed fragment on its own parameter. */
const FILTERS = [
  ['status', 't.status'],
  ['technicianId', 't.technician_id'],
  ['inventoryItemId', 't.inventory_item_id'],
] as const;

/** The list total's source, before its WHERE over `t`: the counters, or the raw rows (filters the counters do not split by). */
const COUNTED_TOTAL = 'SELECT coalesce(sum(t.tickets), 0)::int AS total FROM workflow_ticket_counts t';
const RAW_TOTAL = 'SELECT count(*)::int AS total FROM workflow_tickets t';

@Injectable()
export class WorkflowTicketsRepository {
  constructor(private readonly db: Db) {}

  /** The ticket and its item, the ticket's row locked until the transaction in progress ends. */
  async lockWithItem(id: number): Promise<TicketWithItem | null> {
    const ticket = await this.tickets()
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.inventoryItem', 'i')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['t'])
      .getOne();
    return ticket as TicketWithItem | null;
  }

  async exists(id: number): Promise<boolean> {
    return this.tickets().existsBy({ id });
  }

  /** One ticket as the detail read shows it, and the rules in force; null when there is no such ticket. */
  async readOne(id: number): Promise<{ row: TicketReadRow; context: TicketReadContext } | null> {
    const [row] = await this.db.query<TicketReadRow & { stored_rules: WorkflowRules | null }>(READ_ONE, [id]);
    if (!row) return null;
    const { stored_rules, ...ticket } = row;
    return { row: ticket, context: { storedRules: stored_rules } };
  }

  /**
   * One page of tickets matching `filter`, newest first, with the total and the rules in force:
   * one statement, whatever the page size (the count and the rules ride on every row; a page
   * past the end is one row of them with no ticket). The total is exact without a scan: status
   * and technician read workflow_ticket_counts (its columns carry the same names), an item's
   * tickets are counted through their index.
   */
  async readPage(filter: TicketFilter, query: PageQuery): Promise<{ page: Page<TicketReadRow>; context: TicketReadContext }> {
    const params: unknown[] = [];
    const conditions: string[] = [];
    const used: string[] = [];
    for (const [key, column] of FILTERS) {
      const value = filter[key];
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
      used.push(key);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    params.push(query.page_size, offsetOf(query));
    const [limit, offset] = [`$${params.length - 1}`, `$${params.length}`];
    // One text per combination of filters, so each is a statement of its own name.
    const statement = namedStatement(
      `workflow_ticket_page:${used.join(',')}`,
      `SELECT c.total, ${RULES_IN_FORCE} AS stored_rules, p.*
         FROM (${filter.inventoryItemId === undefined ? COUNTED_TOTAL : RAW_TOTAL} ${where}) c
         LEFT JOIN LATERAL (SELECT ${READ_COLUMNS} FROM workflow_tickets t ${READ_JOINS} ${where} ORDER BY t.id DESC LIMIT ${limit} OFFSET ${offset}) p ON true
        ORDER BY p.id DESC`,
    );
    const rows = await this.db.query<Partial<TicketReadRow> & { total: number; stored_rules: WorkflowRules | null }>(statement, params);
    const tickets = rows.filter((r) => r.id != null).map(({ total: _total, stored_rules: _rules, ...ticket }) => ticket as TicketReadRow);
    return { page: Page.of(tickets, rows[0].total, query), context: { storedRules: rows[0].stored_rules } };
  }

  /** Inserts a ticket (fails on the one-active-ticket-per-item unique index). */
  async insert({ inventoryItem, ...values }: NewTicket): Promise<TicketWithItem> {
    const tickets = this.tickets();
    const ticket = tickets.create({
      ...values,
      inventoryItemId: inventoryItem.id,
      technicianId: null,
      isManual: false,
      approvedBy: null,
      approvedAt: null,
      assignedAt: null,
      startedAt: null,
      doneAt: null,
    });
    return Object.assign(await tickets.save(ticket), { inventoryItem });
  }

  /** Saves the ticket's changes (fails on the one-ticket-in-progress-per-technician unique index). */
  async save(ticket: WorkflowTicketEntity): Promise<void> {
    await this.tickets().save(ticket);
  }

  /** True while the item has a ticket that is not DONE (what the unique index allows once). */
  async hasActiveTicket(inventoryItemId: number): Promise<boolean> {
    return this.tickets().exists({ where: { inventoryItemId, status: Not('DONE') } });
  }

  /**
   * A cheap probe of workflow_ticket_counts: per status, the raw count equals the counters' sum
   * (rows that reached the table with triggers off, or counters edited by hand, break it).
   */
  async countsConsistent(): Promise<boolean> {
    const [row] = await this.db.manager.query(
      `WITH raw AS (SELECT status, count(*)::int AS n FROM workflow_tickets GROUP BY status),
            counted AS (SELECT status, sum(tickets)::int AS n FROM workflow_ticket_counts GROUP BY status HAVING sum(tickets) <> 0)
       SELECT NOT EXISTS (SELECT 1 FROM raw FULL JOIN counted USING (status) WHERE raw.n IS DISTINCT FROM counted.n) AS ok`,
    );
    return row.ok;
  }

  /** Recomputes workflow_ticket_counts from the raw rows (workflow_counts_rebuild); answers the number of tickets. */
  async rebuildCounts(): Promise<number> {
    const [row] = await this.db.manager.query('SELECT workflow_counts_rebuild() AS tickets');
    return row.tickets;
  }

  private tickets() {
    return this.db.repository(WorkflowTicketEntity);
  }
}
