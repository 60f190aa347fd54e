import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { offsetOf, Page } from '../common/pagination';
import { appConfig } from '../config/app.config';
import type { AuthContext } from '../identity/auth-context';
import { UsersService } from '../identity/users.service';
import { OutboxService } from '../webhooks/outbox.service';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { ListCommentsQuery } from './dto/list-tickets.query.dto';
import { ticketEvent } from './support-events';
import { SupportCommentEntity } from './support-comment.entity';
import { SupportTicketEntity } from './support-ticket.entity';
import { commentView } from './support-ticket.views';
import { SupportTicketsService } from './support-tickets.service';
import { SupportError, SupportErrorCode } from './support-tickets.errors';
import { supportTier } from './ticket-rules';
import { isoSeconds } from '../common/time';

export const MAX_COMMENT_LENGTH = 10_000;

/** Comments on tickets: internal notes are for agents and admins only, whatever a user asks. */
@Injectable()
export class SupportCommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: SupportTicketsService,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async add(auth: AuthContext, ticketId: number, dto: CreateCommentDto) {
    assertLength(dto.content);
    const staff = supportTier(auth.roles) !== 'user';
    if (dto.is_internal && !staff) throw SupportError.forbidden('Only agents and admins may write internal comments');
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.tickets.requireVisible(auth, ticketId, manager, true);
      const comment = await manager.save(
        manager.create(SupportCommentEntity, { ticketId, authorId: auth.userId, content: dto.content, isInternal: dto.is_internal ?? false }),
      );
      if (!comment.isInternal && this.tickets.markResponded(ticket, auth)) {
        await manager.update(SupportTicketEntity, { id: ticketId }, { responseTime: ticket.responseTime });
      }
      const users = await this.users.findSummaries([auth.userId, ticket.creatorId]);
      const author = users.get(auth.userId)!;
      await this.outbox.publish(
        ticketEvent(
          'ticket.comment_added',
          ticket,
          users.get(ticket.creatorId),
          this.app.publicAppUrl,
          { comment_id: comment.id, author: { id: author.id, name: author.name, email: author.email }, is_internal: comment.isInternal },
          comment.isInternal,
        ),
      );
      return {
        comment_id: comment.id,
        ticket_id: ticketId,
        user: { id: author.id, name: author.name },
        content: comment.content,
        is_internal: comment.isInternal,
        created_at: isoSeconds(comment.createdAt),
      };
    });
  }

  async list(auth: AuthContext, ticketId: number, query: ListCommentsQuery) {
    await this.tickets.requireVisible(auth, ticketId);
    const includeInternal = query.include_internal && supportTier(auth.roles) !== 'user';
    const [rows, total] = await this.dataSource.getRepository(SupportCommentEntity).findAndCount({
      where: { ticketId, ...(includeInternal ? {} : { isInternal: false }) },
      order: { id: 'DESC' },
      skip: offsetOf(query),
      take: query.page_size,
    });
    const users = await this.users.findSummaries(rows.map((r) => r.authorId));
    return Page.of(
      rows.map((r) => commentView(r, users.get(r.authorId))),
      total,
      query,
    );
  }

  /** Only the author edits. */
  async update(auth: AuthContext, ticketId: number, commentId: number, dto: UpdateCommentDto) {
    assertLength(dto.content);
    const comment = await this.requireVisibleComment(auth, ticketId, commentId);
    if (comment.authorId !== auth.userId) throw SupportError.forbidden('Only the author may edit a comment');
    comment.content = dto.content;
    const saved = await this.dataSource.getRepository(SupportCommentEntity).save(comment);
    return { comment_id: saved.id, content: saved.content, updated_at: isoSeconds(saved.updatedAt) };
  }

  /** The author or an admin deletes. */
  async remove(auth: AuthContext, ticketId: number, commentId: number): Promise<void> {
    const comment = await this.requireVisibleComment(auth, ticketId, commentId);
    if (comment.authorId !== auth.userId && supportTier(auth.roles) !== 'admin') {
      throw SupportError.forbidden('Only the author or an admin may delete a comment');
    }
    await this.dataSource.getRepository(SupportCommentEntity).delete({ id: commentId });
  }

  private async requireVisibleComment(auth: AuthContext, ticketId: number, commentId: number): Promise<SupportCommentEntity> {
    await this.tickets.requireVisible(auth, ticketId);
    const comment = await this.dataSource.getRepository(SupportCommentEntity).findOneBy({ id: commentId, ticketId });
    if (!comment || (comment.isInternal && supportTier(auth.roles) === 'user')) {
      throw new SupportError(SupportErrorCode.COMMENT_NOT_FOUND, `Comment ${commentId} not found`);
    }
    return comment;
  }
}

/** COMMENT_TOO_LONG rather than a generic validation error: seed 001 §6.2 names it. */
function assertLength(content: string): void {
  const length = [...content].length;
  if (length > MAX_COMMENT_LENGTH) {
    throw new SupportError(SupportErrorCode.COMMENT_TOO_LONG, `Comment is ${length} characters; the limit is ${MAX_COMMENT_LENGTH}`, {
      content: `content must be at most ${MAX_COMMENT_LENGTH} characters`,
    });
  }
}
