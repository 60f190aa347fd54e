import { isoSeconds } from '../common/time';
import type { UserSummary } from '../identity/users.service';
import type { SupportCommentEntity } from './support-comment.entity';
import { ActorView } from './support-ticket.view';

/** A comment's author as the comment list shows them. */
export class CommentAuthorView {
  id: number;
  name: string;
  avatar: string | null;
}

export class CommentView {
  id: number;
  ticket_id: number;
  /** Null when the user no longer exists. */
  user: CommentAuthorView | null;
  content: string;
  /** An internal note (shown to agents and admins only). */
  is_internal: boolean;
  created_at: string;
  updated_at: string;
}

export class CommentCreatedView {
  comment_id: number;
  ticket_id: number;
  user: ActorView;
  content: string;
  is_internal: boolean;
  created_at: string;
}

export class CommentUpdatedView {
  comment_id: number;
  content: string;
  updated_at: string;
}

export function commentView(c: SupportCommentEntity, author: UserSummary | undefined): CommentView {
  return {
    id: c.id,
    ticket_id: c.ticketId,
    user: author ? { id: author.id, name: author.name, avatar: author.avatarUrl } : null,
    content: c.content,
    is_internal: c.isInternal,
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
  };
}

export function commentCreatedView(c: SupportCommentEntity, author: UserSummary): CommentCreatedView {
  return {
    comment_id: c.id,
    ticket_id: c.ticketId,
    user: { id: author.id, name: author.name },
    content: c.content,
    is_internal: c.isInternal,
    created_at: isoSeconds(c.createdAt),
  };
}

export function commentUpdatedView(c: SupportCommentEntity): CommentUpdatedView {
  return { comment_id: c.id, content: c.content, updated_at: isoSeconds(c.updatedAt) };
}
