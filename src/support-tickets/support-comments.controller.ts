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
@ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, or NOT_FOUND for the comment' })
@Controller('v1/tickets')
export class SupportCommentsController {
  constructor(private readonly comments: SupportCommentsService) {}

  @ApiOperation({ summary: 'Comment on a ticket; internal notes for agents and admins only (§4.1)' })
  @ApiSuccess(CommentCreatedView, { status: 201 })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_ERROR, or COMMENT_TOO_LONG past 10000 characters' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a user writing an internal note' })
  @SuccessMessage('Comment added successfully')
  @Post(':id/comments')
  add(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: CreateCommentDto): Promise<CommentCreatedView> {
    return this.comments.add(auth, id, dto);
  }

  @ApiOperation({ summary: 'Comments, newest first; internal ones only for agents/admins asking for them (§4.2)' })
  @ApiPage(CommentView)
  @Get(':id/comments')
  list(@Auth() auth: AuthContext, @IdParam() id: number, @Query() query: ListCommentsQuery): Promise<Page<CommentView>> {
    return this.comments.list(auth, id, query);
  }

  @ApiOperation({ summary: 'Edit your own comment (§4.3)' })
  @ApiSuccess(CommentUpdatedView)
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not the author' })
  @SuccessMessage('Comment updated successfully')
  @Patch(':ticket_id/comments/:comment_id')
  update(@Auth() auth: AuthContext, @IdParam('ticket_id') ticketId: number, @IdParam('comment_id') commentId: number, @Body() dto: UpdateCommentDto): Promise<CommentUpdatedView> {
    return this.comments.update(auth, ticketId, commentId, dto);
  }

  @ApiOperation({ summary: 'Delete a comment (author or admin) (§4.4)' })
  @ApiNoContent()
  @ApiForbiddenResponse({ description: 'FORBIDDEN: neither the author nor an admin' })
  @HttpCode(204)
  @Delete(':ticket_id/comments/:comment_id')
  remove(@Auth() auth: AuthContext, @IdParam('ticket_id') ticketId: number, @IdParam('comment_id') commentId: number): Promise<void> {
    return this.comments.remove(auth, ticketId, commentId);
  }
}
