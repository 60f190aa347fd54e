import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { ListCommentsQuery } from './dto/list-tickets.query.dto';
import { SupportCommentsService } from './support-comments.service';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';

@ApiTags('support')
@Authenticated()
@ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, or NOT_FOUND for the comment' })
@Controller('v1/tickets')
export class SupportCommentsController {
  constructor(private readonly comments: SupportCommentsService) {}

  @ApiOperation({ summary: 'Comment on a ticket; internal notes for agents and admins only (§4.1)' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_ERROR, or COMMENT_TOO_LONG past 10000 characters' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a user writing an internal note' })
  @SuccessMessage('Comment added successfully')
  @Post(':id/comments')
  add(@Auth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateCommentDto) {
    return this.comments.add(auth, id, dto);
  }

  @ApiOperation({ summary: 'Comments, newest first; internal ones only for agents/admins asking for them (§4.2)' })
  @Get(':id/comments')
  list(@Auth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Query() query: ListCommentsQuery) {
    return this.comments.list(auth, id, query);
  }

  @ApiOperation({ summary: 'Edit your own comment (§4.3)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not the author' })
  @SuccessMessage('Comment updated successfully')
  @Patch(':ticket_id/comments/:comment_id')
  update(
    @Auth() auth: AuthContext,
    @Param('ticket_id', ParseIdPipe) ticketId: number,
    @Param('comment_id', ParseIdPipe) commentId: number,
    @Body() dto: UpdateCommentDto,
  ) {
    return this.comments.update(auth, ticketId, commentId, dto);
  }

  @ApiOperation({ summary: 'Delete a comment (author or admin) (§4.4)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: neither the author nor an admin' })
  @HttpCode(204)
  @Delete(':ticket_id/comments/:comment_id')
  remove(@Auth() auth: AuthContext, @Param('ticket_id', ParseIdPipe) ticketId: number, @Param('comment_id', ParseIdPipe) commentId: number): Promise<void> {
    return this.comments.remove(auth, ticketId, commentId);
  }
}
