import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiExtension, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/pagination';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Authenticated } from './auth.decorators';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UserView } from './dto/user.view';
import { Role } from './roles';
import { UsersService } from './users.service';

/** The user of the request examples (the view's example is the first admin). */
const AGENT = { id: 5, email: 'lisi@example.com', name: '客服李四', realmId: 'usr_5' };

@ApiTags('admin')
@Authenticated({ roles: [Role.Admin] })
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  /**
   * Admins create a user with a password and roles (default `user`): `user`, `agent`, `admin` for
   * the help desk, `master`, `super_admin`, `ops_manager`, `technician`, `qc_inspector` for the
   * workshop. Emails are unique regardless of case (409). The user owns the realm `usr_<id>`.
   */
  @ApiOperation({ summary: 'Create a user' })
  @ApiSuccess(UserView, { status: 201, description: 'The new user' })
  @ApiExtension('x-example-fields', { ...AGENT, roles: ['agent'] })
  @ApiConflictResponse({ description: 'A user with this email already exists' })
  @Post()
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  /** Admins list users in id order, filtered by a role and by part of the email or name (any case). */
  @ApiOperation({ summary: 'List users (paginated; filter by role or search)' })
  @ApiPage(UserView, { description: 'One page of users, with the total count' })
  @Get()
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  /** Admins read any user, disabled ones included. */
  @ApiOperation({ summary: 'One user' })
  @ApiSuccess(UserView, { description: 'The user' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @Get(':userId')
  get(@IdParam('userId') userId: number): Promise<UserView> {
    return this.users.get(userId);
  }

  /**
   * Admins rename a user, replace their roles, or disable and enable them. Fields left out stay as
   * they are. Disabling takes effect at once: the user's JWTs, refresh tokens and delegate tokens
   * stop working, and their logins fail as a wrong password would.
   */
  @ApiOperation({ summary: 'Rename, change roles, disable or enable a user' })
  @ApiSuccess(UserView, { description: 'The user as changed' })
  @ApiExtension('x-example-fields', { ...AGENT, roles: ['agent', 'admin'], updatedAt: '2024-10-24T09:00:00.000Z' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @Patch(':userId')
  update(@IdParam('userId') userId: number, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(userId, dto);
  }
}
