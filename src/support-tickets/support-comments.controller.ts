import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Page } from '../common/pagination';
import { ApiNoContent, ApiPage, ApiSuccess, SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { ListCommentsQuery } from './dto/list-tickets.query.dto';
import { CommentCreatedView, CommentUpdatedView, CommentView } from './support-comment.view';
import { SupportCommentsService } from './support-comments.service';

@ApiTags('support')
@Authenticated()
@Controller('v1/tickets')
export class SupportCommentsController {
  constructor(private readonly comments: SupportCommentsService) {}

  /**
   * Adds a comment to a ticket the caller can see. `is_internal: true` writes an internal note,
   * which only agents and admins may write and read (403 for a user). The first public comment by
   * an agent or admin sets the ticket's `response_time`. At most 10,000 characters (422
   * COMMENT_TOO_LONG). Emits `ticket.comment_added` (internal notes only to internal webhooks).
   */
  @ApiOperation({ summary: 'Comment on a ticket; internal notes for agents and admins only (§4.1)' })
  @ApiSuccess(CommentCreatedView, { status: 201, description: 'The new comment with its author' })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND: no such ticket, or one you may not see' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_ERROR, or COMMENT_TOO_LONG past 10000 characters' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a user writing an internal note' })
  @SuccessMessage('Comment added successfully')
  @Post(':id/comments')
  add(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: CreateCommentDto): Promise<CommentCreatedView> {
    return this.comments.add(auth, id, dto);
  }

  /**
   * The comments of a ticket the caller can see, newest first (50 per page by default). Internal
   * notes are listed only for agents and admins who pass `include_internal=true`; for users the
   * flag is ignored.
   */
  @ApiOperation({ summary: 'Comments, newest first; internal ones only for agents/admins asking for them (§4.2)' })
  @ApiPage(CommentView, { description: 'One page of comments, newest first' })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND: no such ticket, or one you may not see' })
  @Get(':id/comments')
  list(@Auth() auth: AuthContext, @IdParam() id: number, @Query() query: ListCommentsQuery): Promise<Page<CommentView>> {
    return this.comments.list(auth, id, query);
  }

  /**
   * Replaces the content of a comment. Only its author may edit it (403 for anyone else, admins
   * included); the 10,000-character limit applies. An internal note is invisible to users, so for
   * them it is a 404 like a comment that does not exist.
   */
  @ApiOperation({ summary: 'Edit your own comment (§4.3)' })
  @ApiSuccess(CommentUpdatedView, { description: 'The comment’s new content and update time' })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, or NOT_FOUND for the comment' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not the author' })
  @SuccessMessage('Comment updated successfully')
  @Patch(':ticket_id/comments/:comment_id')
  update(@Auth() auth: AuthContext, @IdParam('ticket_id') ticketId: number, @IdParam('comment_id') commentId: number, @Body() dto: UpdateCommentDto): Promise<CommentUpdatedView> {
    return this.comments.update(auth, ticketId, commentId, dto);
  }

  /**
   * Deletes a comment for good. Its author or an admin may; anyone else gets 403. The ticket must
   * be visible to the caller and the comment must belong to it (404 otherwise).
   */
  @ApiOperation({ summary: 'Delete a comment (author or admin) (§4.4)' })
  @ApiNoContent('Deleted; no body')
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, or NOT_FOUND for the comment' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: neither the author nor an admin' })
  @HttpCode(204)
  @Delete(':ticket_id/comments/:comment_id')
  remove(@Auth() auth: AuthContext, @IdParam('ticket_id') ticketId: number, @IdParam('comment_id') commentId: number): Promise<void> {
    return this.comments.remove(auth, ticketId, commentId);
  }
}
