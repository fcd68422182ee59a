import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/access.decorators';
import { AuthUser, ROLES } from '../auth/role';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { Notices } from './notices.service';
import { NoticeListDto } from './notice.dto';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: Notices) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Your latest notices and how many are unread' })
  list(@CurrentUser() user: AuthUser): Promise<NoticeListDto> {
    return this.notices.list(user.id);
  }

  @Post(':id/read')
  @Roles(...ROLES)
  @HttpCode(204)
  async read(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<void> {
    await this.notices.markRead(user.id, String(id));
  }
}
