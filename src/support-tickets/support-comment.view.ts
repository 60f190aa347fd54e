import { isoSeconds } from '../common/time';
import type { UserSummary } from '../identity/users.service';
import type { SupportCommentEntity } from './support-comment.entity';
import { ActorView } from './support-ticket.view';

/** A comment's author as the comment list shows them. */
export class CommentAuthorView {
  /** @example 1 */
  id: number;
  /** @example 张三 */
  name: string;
  /** @example https://cdn.example.com/avatars/1.png */
  avatar: string | null;
}

export class CommentView {
  /** @example 456 */
  id: number;
  /** @example 123 */
  ticket_id: number;
  /** Null when the user no longer exists. */
  user: CommentAuthorView | null;
  /** @example 谢谢，问题已解决！ */
  content: string;
  /** An internal note (shown to agents and admins only). @example false */
  is_internal: boolean;
  /** @example 2024-10-23T16:00:00Z */
  created_at: string;
  /** @example 2024-10-23T16:00:00Z */
  updated_at: string;
}

export class CommentCreatedView {
  /** @example 456 */
  comment_id: number;
  /** @example 123 */
  ticket_id: number;
  user: ActorView;
  /** @example 我已经检查了数据库日志，发现是密码加密方式升级导致的问题。我会在今天下午修复。 */
  content: string;
  /** @example false */
  is_internal: boolean;
  /** @example 2024-10-23T15:30:00Z */
  created_at: string;
}

export class CommentUpdatedView {
  /** @example 456 */
  comment_id: number;
  /** @example 更新后的评论内容 */
  content: string;
  /** @example 2024-10-23T16:10:00Z */
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
