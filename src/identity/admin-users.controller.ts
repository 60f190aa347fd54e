import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from './auth.decorators';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UserPageView, UserView } from './dto/user.view';
import { Role } from './roles';
import { UsersService } from './users.service';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';

@ApiTags('admin')
@Authenticated({ roles: [Role.Admin] })
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Create a user' })
  @ApiConflictResponse({ description: 'A user with this email already exists' })
  @Post()
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @ApiOperation({ summary: 'List users (paginated; filter by role or search)' })
  @Get()
  list(@Query() query: ListUsersQuery): Promise<UserPageView> {
    return this.users.list(query);
  }

  @ApiOperation({ summary: 'One user' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @Get(':userId')
  get(@Param('userId', ParseIdPipe) userId: number): Promise<UserView> {
    return this.users.get(userId);
  }

  @ApiOperation({ summary: 'Rename, change roles, disable or enable a user' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @Patch(':userId')
  update(@Param('userId', ParseIdPipe) userId: number, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(userId, dto);
  }
}
