import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ADMIN_ROLES, ApiErrors, ApiJob, AuditRecordDto, AuthUser, CurrentUser, JobAcceptedDto, JobName, JobQueue, ParseIdPipe, ROLES, Roles, SchoolScoped } from '@app/core';
import { AiClubDto, ClassroomDto, ClassroomStatsDto, EquipmentItemDto } from './classroom-responses.dto';
import { UpdateClassroomDto } from './classroom.dto';
import { ClassroomService } from './classroom.service';
import { CreateClubDto, UpdateClubDto } from './clubs/club.dto';
import { ClubsService } from './clubs/clubs.service';
import { CreateEquipmentDto, UpdateEquipmentDto } from './equipment/equipment.dto';
import { EquipmentService } from './equipment/equipment.service';
import { ClassroomStatsService } from './stats/classroom-stats.service';

/** Who keeps a classroom current: administrators in scope and the school's own principal. */
const EDITORS = ['city_admin', 'district_admin', 'principal'] as const;

@ApiTags('classrooms')
@ApiBearerAuth()
@Controller()
export class ClassroomsController {
  constructor(
    private readonly classrooms: ClassroomService,
    private readonly equipment: EquipmentService,
    private readonly clubs: ClubsService,
    private readonly stats: ClassroomStatsService,
    private readonly jobs: JobQueue,
  ) {}

  @Get('classrooms/stats')
  @Roles(...ROLES)
  @ApiOperation({ summary: "AI-classroom totals by year, level, district and office, with coverage (a district admin: their office's)" })
  getStats(@CurrentUser() user: AuthUser): Promise<ClassroomStatsDto> {
    return this.stats.stats(user);
  }

  @Get('schools/:id/classroom')
  @Roles(...ROLES)
  @SchoolScoped('id', 'read')
  @ApiOperation({ summary: "A school's AI classroom with its flags" })
  get(@Param('id', ParseIdPipe) id: number): Promise<ClassroomDto> {
    return this.classrooms.get(id);
  }

  @Patch('schools/:id/classroom')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @ApiOperation({ summary: 'Change area, space type or status (build year and budget: admins only)' })
  @ApiErrors({ 403: ['FIELD_NOT_ALLOWED'] })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateClassroomDto, @CurrentUser() user: AuthUser): Promise<ClassroomDto> {
    return this.classrooms.update(id, dto, user);
  }

  @Get('schools/:id/classroom/history')
  @Roles(...ROLES)
  @SchoolScoped('id', 'read')
  @ApiQuery({ name: 'limit', required: false })
  @ApiOperation({ summary: 'Every change to the classroom, its equipment and clubs: who, when, what' })
  history(@Param('id', ParseIdPipe) id: number, @Query('limit') limit?: string): Promise<AuditRecordDto[]> {
    // A whole number from 1 to 1000 ('1e308' or '1.5' used to reach LIMIT as they were: a 500).
    return this.classrooms.history(id, limit ? Math.min(1000, Math.max(1, Math.floor(Number(limit)) || 100)) : undefined);
  }

  @Get('schools/:id/classroom/equipment')
  @Roles(...ROLES)
  @SchoolScoped('id', 'read')
  @ApiOperation({ summary: "The classroom's equipment" })
  listEquipment(@Param('id', ParseIdPipe) id: number): Promise<EquipmentItemDto[]> {
    return this.equipment.list(id);
  }

  @Post('schools/:id/classroom/equipment')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @ApiOperation({ summary: 'Add an equipment item (asset tags are unique within the school)' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  addEquipment(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateEquipmentDto, @CurrentUser() user: AuthUser): Promise<EquipmentItemDto> {
    return this.equipment.create(id, dto, user);
  }

  @Patch('schools/:id/classroom/equipment/:itemId')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @ApiOperation({ summary: 'Change an equipment item: condition, audits, tag' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  updateEquipment(@Param('id', ParseIdPipe) id: number, @Param('itemId', ParseIdPipe) itemId: number, @Body() dto: UpdateEquipmentDto, @CurrentUser() user: AuthUser): Promise<EquipmentItemDto> {
    return this.equipment.update(id, itemId, dto, user);
  }

  @Delete('schools/:id/classroom/equipment/:itemId')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an equipment item (kept in the history)' })
  async removeEquipment(@Param('id', ParseIdPipe) id: number, @Param('itemId', ParseIdPipe) itemId: number, @CurrentUser() user: AuthUser): Promise<void> {
    await this.equipment.remove(id, itemId, user);
  }

  @Get('schools/:id/classroom/clubs')
  @Roles(...ROLES)
  @SchoolScoped('id', 'read')
  @ApiOperation({ summary: "The school's AI clubs, newest school year first" })
  listClubs(@Param('id', ParseIdPipe) id: number): Promise<AiClubDto[]> {
    return this.clubs.list(id);
  }

  @Post('schools/:id/classroom/clubs')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @ApiOperation({ summary: 'Register an AI club for a school year' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  addClub(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateClubDto, @CurrentUser() user: AuthUser): Promise<AiClubDto> {
    return this.clubs.create(id, dto, user);
  }

  @Patch('schools/:id/classroom/clubs/:clubId')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @ApiOperation({ summary: 'Change an AI club' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  updateClub(@Param('id', ParseIdPipe) id: number, @Param('clubId', ParseIdPipe) clubId: number, @Body() dto: UpdateClubDto, @CurrentUser() user: AuthUser): Promise<AiClubDto> {
    return this.clubs.update(id, clubId, dto, user);
  }

  @Delete('schools/:id/classroom/clubs/:clubId')
  @Roles(...EDITORS)
  @SchoolScoped('id', 'write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an AI club (kept in the history)' })
  async removeClub(@Param('id', ParseIdPipe) id: number, @Param('clubId', ParseIdPipe) clubId: number, @CurrentUser() user: AuthUser): Promise<void> {
    await this.clubs.remove(id, clubId, user);
  }

  @Post('exports/classrooms')
  @Roles(...ADMIN_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: 'Build the inventory XLSX in the background (your office only, for a district admin); repeated while running → the same job' })
  @ApiJob()
  async export(@CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    const districtOffice = user.role === 'district_admin' ? user.districtOffice : null;
    const { jobId, deduplicated, state } = await this.jobs.enqueue(JobName.ClassroomExport, { requestedBy: user.id, districtOffice }, { dedupeKey: user.id });
    return { jobId, deduplicated, state, statusUrl: `/api/v1/jobs/${jobId}` };
  }
}
