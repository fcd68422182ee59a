import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseIdPipe, Roles, ROLES } from '@app/core';
import { CreateCampaignDto, IssueCodesDto } from './campaign.dto';
import { CampaignsService } from './campaigns.service';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: 'A campaign on a frozen template version, to target schools within your scope' })
  create(@Body() dto: CreateCampaignDto, @CurrentUser() user: AuthUser) {
    return this.campaigns.create(dto, user);
  }

  @Get(':id')
  @Roles(...ROLES)
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.campaigns.get(id, user);
  }

  @Post(':id/schools/:schoolId/codes')
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: "One-time respondent codes for a school, shown once for printing (only hashes are kept)" })
  codes(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @Body() dto: IssueCodesDto, @CurrentUser() user: AuthUser) {
    return this.campaigns.issueCodes(id, schoolId, dto.count, user);
  }
}
