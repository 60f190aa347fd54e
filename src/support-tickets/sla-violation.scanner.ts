import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { runPeriodically } from '../common/periodic';
import { isoSeconds } from '../common/time';
import { appConfig } from '../config/app.config';
import { supportConfig } from '../config/support.config';
import { Transactions } from '../database/transactions';
import { UsersService } from '../identity/users.service';
import { OutboxService } from '../webhooks/outbox.service';
import { ticketEvent } from './support-events';
import { SupportTicketsRepository } from './support-tickets.repository';

/**
 * Emits `ticket.sla_violated` once per ticket and due time. The repository marks what it
 * claims in the same transaction as the events, so several instances never report one
 * violation twice, and a priority change that moves the due time makes a new one reportable.
 */
@Injectable()
export class SlaViolationScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaViolationScanner.name);
  private stop: () => void = () => undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly tickets: SupportTicketsRepository,
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
  scan(limit = 500): Promise<number> {
    return this.transactions.run(async () => {
      const violated = await this.tickets.claimSlaViolations(limit);
      const creators = await this.users.findSummaries(violated.map((t) => t.creatorId));
      await this.outbox.publish(
        ...violated.map((t) =>
          ticketEvent('ticket.sla_violated', t, creators.get(t.creatorId), this.app.publicAppUrl, {
            sla_due_time: isoSeconds(t.slaDueTime),
            assignee_id: t.assigneeId,
          }),
        ),
      );
      return violated.length;
    });
  }
}
