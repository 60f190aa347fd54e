import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Page } from '../common/pagination';
import { appConfig } from '../config/app.config';
import { Transactions } from '../database/transactions';
import type { AuthContext } from '../identity/auth-context';
import { UsersService } from '../identity/users.service';
import { OutboxService } from '../webhooks/outbox.service';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { ListCommentsQuery } from './dto/list-tickets.query.dto';
import type { SupportCommentEntity } from './support-comment.entity';
import { CommentCreatedView, commentCreatedView, CommentUpdatedView, commentUpdatedView, CommentView, commentView } from './support-comment.view';
import { SupportCommentsRepository } from './support-comments.repository';
import { ticketEvent } from './support-events';
import { SupportTicketsService } from './support-tickets.service';
import { SupportError, SupportErrorCode } from './support-tickets.errors';
import { supportTier } from './ticket-rules';

export const MAX_COMMENT_LENGTH = 10_000;

/** Comments on tickets: internal notes are for agents and admins only, whatever a user asks. */
@Injectable()
export class SupportCommentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly comments: SupportCommentsRepository,
    private readonly tickets: SupportTicketsService,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async add(auth: AuthContext, ticketId: number, dto: CreateCommentDto): Promise<CommentCreatedView> {
    assertLength(dto.content);
    const staff = supportTier(auth.roles) !== 'user';
    if (dto.is_internal && !staff) throw SupportError.forbidden('Only agents and admins may write internal comments');
    return this.transactions.run(async () => {
      const ticket = await this.tickets.lockVisible(auth, ticketId);
      const comment = await this.comments.insert({ ticketId, authorId: auth.userId, content: dto.content, isInternal: dto.is_internal ?? false });
      if (!comment.isInternal) await this.tickets.recordResponse(ticket, auth);
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
      return commentCreatedView(comment, author);
    });
  }

  async list(auth: AuthContext, ticketId: number, query: ListCommentsQuery): Promise<Page<CommentView>> {
    await this.tickets.requireVisible(auth, ticketId);
    const includeInternal = query.include_internal && supportTier(auth.roles) !== 'user';
    const page = await this.comments.page(ticketId, includeInternal, query);
    const users = await this.users.findSummaries(page.items.map((c) => c.authorId));
    return page.map((c) => commentView(c, users.get(c.authorId)));
  }

  /** Only the author edits. */
  async update(auth: AuthContext, ticketId: number, commentId: number, dto: UpdateCommentDto): Promise<CommentUpdatedView> {
    assertLength(dto.content);
    const comment = await this.requireVisibleComment(auth, ticketId, commentId);
    if (comment.authorId !== auth.userId) throw SupportError.forbidden('Only the author may edit a comment');
    comment.content = dto.content;
    return commentUpdatedView(await this.comments.save(comment));
  }

  /** The author or an admin deletes. */
  async remove(auth: AuthContext, ticketId: number, commentId: number): Promise<void> {
    const comment = await this.requireVisibleComment(auth, ticketId, commentId);
    if (comment.authorId !== auth.userId && supportTier(auth.roles) !== 'admin') {
      throw SupportError.forbidden('Only the author or an admin may delete a comment');
    }
    await this.comments.delete(commentId);
  }

  private async requireVisibleComment(auth: AuthContext, ticketId: number, commentId: number): Promise<SupportCommentEntity> {
    await this.tickets.requireVisible(auth, ticketId);
    const comment = await this.comments.findOne(ticketId, commentId);
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
