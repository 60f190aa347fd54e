import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/pagination';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Authenticated } from './auth.decorators';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UserView } from './dto/user.view';
import { Role } from './roles';
import { UsersService } from './users.service';

@ApiTags('admin')
@Authenticated({ roles: [Role.Admin] })
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Create a user' })
  @ApiSuccess(UserView, { status: 201 })
  @ApiConflictResponse({ description: 'A user with this email already exists' })
  @Post()
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @ApiOperation({ summary: 'List users (paginated; filter by role or search)' })
  @ApiPage(UserView)
  @Get()
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @ApiOperation({ summary: 'One user' })
  @ApiSuccess(UserView)
  @ApiNotFoundResponse({ description: 'No such user' })
  @Get(':userId')
  get(@IdParam('userId') userId: number): Promise<UserView> {
    return this.users.get(userId);
  }

  @ApiOperation({ summary: 'Rename, change roles, disable or enable a user' })
  @ApiSuccess(UserView)
  @ApiNotFoundResponse({ description: 'No such user' })
  @Patch(':userId')
  update(@IdParam('userId') userId: number, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(userId, dto);
  }
}
