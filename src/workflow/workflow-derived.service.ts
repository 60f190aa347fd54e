import { Injectable } from '@nestjs/common';
import { DerivedData } from '../database/derived-data';
import { Transactions } from '../database/transactions';
import { WorkflowTicketsRepository } from './workflow-tickets.repository';

/** Keeps the workflow list's counters (workflow_ticket_counts) from answering wrong totals: checked at boot, rebuilt when they do not add up. */
@Injectable()
export class WorkflowDerivedService extends DerivedData {
  readonly name = 'Workflow ticket counts';

  constructor(
    transactions: Transactions,
    private readonly tickets: WorkflowTicketsRepository,
  ) {
    super(transactions);
  }

  async staleness(): Promise<string | null> {
    return (await this.tickets.countsConsistent()) ? null : 'they do not add up to the tickets';
  }

  rebuild(): Promise<number> {
    return this.tickets.rebuildCounts();
  }
}
