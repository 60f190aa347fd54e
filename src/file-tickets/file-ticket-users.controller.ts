import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserIdParam } from './file-ticket-params';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { Auth, Authenticated } from '../identity/auth.decorators';
import { AuthContext } from '../identity/auth-context';
import { FileTicketUsers } from './file-ticket-users.service';
import { DisplayDataView } from './file-ticket.view';

@ApiTags('file-tickets')
@Authenticated()
@Controller('user')
export class FileTicketUsersController {
  constructor(private readonly users: FileTicketUsers) {}

  /** A user's public display data (name, avatar, whether an admin), by `@me`, Discord id or our user id; any signed-in caller may ask. */
  @ApiOperation({ summary: "A user's display data (`@me` for yourself)" })
  @UserIdParam()
  @ApiSuccess(DisplayDataView, { description: "The user's display data" })
  @ApiNotFoundResponse({ description: '"User not found"' })
  @Get(':user_id')
  get(@Auth() auth: AuthContext, @Param('user_id') userId: string): Promise<DisplayDataView> {
    return this.users.display(auth, userId);
  }
}
