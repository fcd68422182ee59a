import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMIN_ROLES, ApiErrors, AuthUser, CurrentUser, ParseIdPipe, PersonalData, ROLES, Roles, ValidationFailedError } from '@app/core';
import { CommunitiesService } from './communities.service';
import { AddMembersDto, CreateCommunityDto, CreateMeetingDto, CreditHoursDto, UpdateCommunityDto } from './community.dto';
import { CommunityDto, CommunitySummaryDto, CreditResultDto } from './community-responses.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailedError('userId must be an account id', [{ field: 'userId', reason: 'not a UUID' }]) });

/** 교원 학습공동체 (조례 제8조): members, meetings and hours; hours credited to training by the office. */
@ApiTags('communities')
@ApiBearerAuth()
@Controller('communities')
export class CommunitiesController {
  constructor(private readonly communities: CommunitiesService) {}

  @Post()
  @Roles(...ROLES)
  @ApiOperation({ summary: "Start a community: a teacher or principal for their school (and leads it); an office or the city across schools" })
  @ApiCreatedResponse({ type: CommunityDto })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE', 'OFFICE_OUT_OF_SCOPE'] })
  create(@Body() dto: CreateCommunityDto, @CurrentUser() user: AuthUser): Promise<CommunityDto> {
    return this.communities.create(dto, user);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "Communities I may see: a teacher's own; a principal's school's; an office's; all for the city" })
  @ApiOkResponse({ type: [CommunitySummaryDto] })
  list(@CurrentUser() user: AuthUser): Promise<CommunitySummaryDto[]> {
    return this.communities.list(user);
  }

  @Get(':id')
  @Roles(...ROLES)
  @PersonalData<CommunityDto>({ action: 'read', subject: 'user', ids: (c) => c.result.members.map((m) => m.userId), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'A community with its members, meetings, hours and credits' })
  @ApiOkResponse({ type: CommunityDto })
  @ApiErrors({ 403: ['COMMUNITY_OUT_OF_SCOPE'] })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<CommunityDto> {
    return this.communities.getFor(id, user);
  }

  @Patch(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Rename or describe a community (its leaders, principal, office or the city)' })
  @ApiOkResponse({ type: CommunityDto })
  @ApiErrors({ 403: ['COMMUNITY_OUT_OF_SCOPE'] })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateCommunityDto, @CurrentUser() user: AuthUser): Promise<CommunityDto> {
    return this.communities.update(id, dto, user);
  }

  @Delete(':id')
  @Roles(...ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a community whose hours were not credited' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors({ 403: ['COMMUNITY_OUT_OF_SCOPE'], 409: ['INVALID_STATE'] })
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<void> {
    await this.communities.remove(id, user);
  }

  @Post(':id/members')
  @Roles(...ROLES)
  @HttpCode(200)
  @PersonalData<CommunityDto>({ action: 'change', subject: 'user', ids: (c) => c.body.userIds, schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: "Add members (teachers or principals of the community's school, or of its office's schools)" })
  @ApiOkResponse({ type: CommunityDto })
  @ApiErrors({ 400: ['MEMBER_OUT_OF_SCOPE'], 403: ['COMMUNITY_OUT_OF_SCOPE'] })
  addMembers(@Param('id', ParseIdPipe) id: number, @Body() dto: AddMembersDto, @CurrentUser() user: AuthUser): Promise<CommunityDto> {
    return this.communities.addMembers(id, dto, user);
  }

  @Delete(':id/members/:userId')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Remove a member' })
  @ApiOkResponse({ type: CommunityDto })
  @ApiErrors({ 403: ['COMMUNITY_OUT_OF_SCOPE'] })
  removeMember(@Param('id', ParseIdPipe) id: number, @Param('userId', uuid) userId: string, @CurrentUser() user: AuthUser): Promise<CommunityDto> {
    return this.communities.removeMember(id, userId, user);
  }

  @Post(':id/meetings')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Record a meeting with its hours and who attended' })
  @ApiCreatedResponse({ type: CommunityDto })
  @ApiErrors({ 403: ['COMMUNITY_OUT_OF_SCOPE'] })
  addMeeting(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateMeetingDto, @CurrentUser() user: AuthUser): Promise<CommunityDto> {
    return this.communities.addMeeting(id, dto, user);
  }

  @Post(':id/credits')
  @Roles(...ADMIN_ROLES)
  @PersonalData<CreditResultDto>({ action: 'change', subject: 'user', ids: (c) => c.result.credited.map((m) => m.userId) })
  @ApiOperation({ summary: "The office's decision: members' hours of the course's school year count as a completion of a training course (imported through the training module; badges follow)" })
  @ApiCreatedResponse({ type: CreditResultDto })
  @ApiErrors({ 400: ['IMPORT_REJECTED'], 403: ['COMMUNITY_OUT_OF_SCOPE', 'OFFICE_OUT_OF_SCOPE'], 409: ['ALREADY_CREDITED', 'NOTHING_TO_CREDIT', 'DUPLICATE'] })
  credit(@Param('id', ParseIdPipe) id: number, @Body() dto: CreditHoursDto, @CurrentUser() user: AuthUser): Promise<CreditResultDto> {
    return this.communities.credit(id, dto.courseId, user);
  }
}
