import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { runPeriodically } from '../common/periodic';
import { queryReturning } from '../database/sql';
import { appConfig } from '../config/app.config';
import { supportConfig } from '../config/support.config';
import { UsersService } from '../identity/users.service';
import { OutboxService } from '../webhooks/outbox.service';
import { ticketEvent } from './support-events';
import { isoSeconds } from '../common/time';
import type { TicketPriority, TicketStatus } from './ticket-rules';

interface ViolatedRow {
  id: number;
  number: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  sla_due_time: Date;
  creator_id: number;
  assignee_id: number | null;
}

/**
 * Emits `ticket.sla_violated` once per ticket and due time. The conditional UPDATE marks what
 * it reports in the same transaction as the events, so several instances never report one
 * violation twice, and a priority change that moves the due time makes a new one reportable.
 */
@Injectable()
export class SlaViolationScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaViolationScanner.name);
  private stop: () => void = () => undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = runPeriodically(this.config.slaScanIntervalMs, () => this.scan(), this.logger, 'SLA scan');
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** One pass; answers how many violations it reported. */
  async scan(limit = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryReturning<ViolatedRow>(
        manager,
        `WITH due AS (
           SELECT id FROM support_tickets
            WHERE status NOT IN ('resolved', 'closed') AND sla_due_time < now()
              AND sla_violation_reported_due IS DISTINCT FROM sla_due_time
            ORDER BY sla_due_time LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE support_tickets t SET sla_violation_reported_due = t.sla_due_time
           FROM due WHERE t.id = due.id
         RETURNING t.id, t.number, t.title, t.status, t.priority, t.sla_due_time, t.creator_id, t.assignee_id`,
        [limit],
      );
      const creators = await this.users.findSummaries(rows.map((r) => r.creator_id));
      await this.outbox.publish(
        ...rows.map((r) =>
          ticketEvent('ticket.sla_violated', r, creators.get(r.creator_id), this.app.publicAppUrl, {
            sla_due_time: isoSeconds(r.sla_due_time),
            assignee_id: r.assignee_id,
          }),
        ),
      );
      return rows.length;
    });
  }
}
