import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { WorkflowTransitionEntity } from './workflow-transition.entity';

/** The append-only transitions of tickets. */
@Injectable()
export class WorkflowTransitionsRepository {
  constructor(private readonly db: Db) {}

  async append(values: Pick<WorkflowTransitionEntity, 'ticketId' | 'fromStatus' | 'toStatus' | 'action' | 'actorId' | 'note' | 'metadata'>): Promise<WorkflowTransitionEntity> {
    const transitions = this.transitions();
    return transitions.save(transitions.create(values));
  }

  /** One page of a ticket's transitions, oldest first. */
  async page(ticketId: number, query: PageQuery): Promise<Page<WorkflowTransitionEntity>> {
    return findPage(this.transitions(), { where: { ticketId }, order: { id: 'ASC' } }, query);
  }

  /** How many times `action` happened to the ticket. */
  async count(ticketId: number, action: string): Promise<number> {
    return this.transitions().count({ where: { ticketId, action } });
  }

  private transitions() {
    return this.db.repository(WorkflowTransitionEntity);
  }
}
