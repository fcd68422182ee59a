import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiErrors, ApiFile, ApiFileUpload, AuthUser, CurrentUser, datedName, PersonalData, readUpload, recordPersonalData, Roles, sendXlsx, ValidationFailedError, XLSX_CONTENT_TYPE,
} from '@app/core';
import { PasswordResetDto, RosterResultDto, UserDto, UserPageDto, UserWithActivationLinkDto } from './user-responses.dto';
import { RosterImportService } from '../roster/roster-import.service';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserListQuery } from './user.dto';
import { activationLinksWorkbook, usersWorkbook } from './users-export';
import { UsersService } from './users.service';

const MANAGERS = ['city_admin', 'district_admin', 'principal'] as const;

const optionalInt = (v: string | undefined, field: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(v) || Number(v) > 2_147_483_647) throw new ValidationFailedError(`${field} must be a positive whole number`, [{ field, reason: `got '${v.slice(0, 20)}'` }]);
  return Number(v);
};

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailedError('id must be a user id', [{ field: 'id', reason: 'not a UUID' }]) });

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly roster: RosterImportService,
  ) {}

  @Get()
  @Roles(...MANAGERS)
  @PersonalData<UserPageDto>({ action: 'read', subject: 'user', ids: (c) => c.result.items.map((u) => u.id) })
  @ApiOperation({ summary: 'Accounts the caller manages (city: all; district office: its schools’ principals and teachers; principal: their teachers)' })
  list(@CurrentUser() user: AuthUser, @Query() q: UserListQuery): Promise<UserPageDto> {
    return this.users.list(user, q);
  }

  @Get('export.xlsx')
  @Roles(...MANAGERS)
  @PersonalData({ action: 'download', subject: 'user', manual: true })
  @ApiOperation({ summary: 'The filtered list as XLSX' })
  @ApiFile(XLSX_CONTENT_TYPE, '사용자_목록_{YYYY-MM-DD}.xlsx')
  async export(@CurrentUser() user: AuthUser, @Query() q: UserListQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { page: _p, pageSize: _s, ...filter } = q;
    const rows = await this.users.all(user, filter);
    await recordPersonalData(req, { ids: rows.map((u) => u.id) });
    await sendXlsx(reply, datedName('사용자_목록', 'users'), await usersWorkbook(rows));
  }

  @Post()
  @Roles(...MANAGERS)
  @PersonalData<UserWithActivationLinkDto>({ action: 'change', subject: 'user', ids: (c) => [c.result.id], schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'Create an account; the response carries its one-time activation link' })
  @ApiErrors({ 400: ['UNKNOWN_SCHOOL'], 403: ['ACCOUNT_OUT_OF_REACH'], 409: ['EMAIL_TAKEN', 'TEACHER_NUMBER_TAKEN'] })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserWithActivationLinkDto> {
    return this.users.create(user, dto);
  }

  @Post('import')
  @Roles(...MANAGERS)
  @PersonalData<RosterResultDto>({
    action: 'change',
    subject: 'user',
    // A dry run changes nobody's account: its report is about the uploader's own file.
    ids: (c) => (c.result.dryRun ? [] : c.result.disabledAccounts.map((a) => a.id)),
    count: (c) => (c.result.dryRun ? 0 : c.result.created + c.result.updated + c.result.disabled),
  })
  @HttpCode(200)
  @ApiFileUpload('file', 'staff roster: CSV (UTF-8, BOM or CP949) or XLSX with neis_school_code, teacher_number, name, email, role')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'report what would change without changing anything' })
  @ApiQuery({ name: 'disableMissing', required: false, enum: ['true', 'false'], description: 'disable accounts in your scope (or, for the city, of the schools in the file) that the file does not list' })
  @ApiOperation({ summary: 'Create and update accounts from a staff roster (upsert by teacher number), all or nothing' })
  async import(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Query('dryRun') dryRun?: string, @Query('disableMissing') disableMissing?: string): Promise<RosterResultDto> {
    const flag = (v: string | undefined, field: string) => {
      if (v === undefined || v === '' || v === 'false') return false;
      if (v === 'true') return true;
      throw new ValidationFailedError(`${field} must be true or false`, [{ field, reason: `got '${v.slice(0, 20)}'` }]);
    };
    const options = { dryRun: flag(dryRun, 'dryRun'), disableMissing: flag(disableMissing, 'disableMissing') };
    const { buffer, filename } = await readUpload(req);
    return this.roster.import(buffer, filename, options, user);
  }

  @Get('activation-links')
  @Roles(...MANAGERS)
  @PersonalData<UserWithActivationLinkDto[]>({ action: 'print', subject: 'user', ids: (c) => c.result.map((u) => u.id) })
  @ApiQuery({ name: 'schoolId', required: false })
  @ApiQuery({ name: 'batchId', required: false })
  @ApiOperation({ summary: 'Live activation links of accounts not yet activated, to hand out (printing is audited)' })
  activationLinks(@CurrentUser() user: AuthUser, @Query('schoolId') schoolId?: string, @Query('batchId') batchId?: string): Promise<UserWithActivationLinkDto[]> {
    return this.users.activationLinks(user, { schoolId: optionalInt(schoolId, 'schoolId'), batchId: optionalInt(batchId, 'batchId') });
  }

  @Get('activation-links.xlsx')
  @Roles(...MANAGERS)
  @PersonalData({ action: 'download', subject: 'user', manual: true })
  @ApiQuery({ name: 'schoolId', required: false })
  @ApiQuery({ name: 'batchId', required: false })
  @ApiOperation({ summary: 'The same links as XLSX, a row per person, sorted by school' })
  @ApiFile(XLSX_CONTENT_TYPE, '계정_활성화_링크_{YYYY-MM-DD}.xlsx')
  async activationLinksXlsx(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('schoolId') schoolId?: string, @Query('batchId') batchId?: string): Promise<void> {
    const links = await this.users.activationLinks(user, { schoolId: optionalInt(schoolId, 'schoolId'), batchId: optionalInt(batchId, 'batchId') });
    await recordPersonalData(req, { ids: links.map((u) => u.id) });
    await sendXlsx(reply, datedName('계정_활성화_링크', 'activation-links'), await activationLinksWorkbook(links));
  }

  @Get(':id')
  @Roles(...MANAGERS)
  @PersonalData<UserDto>({ action: 'read', subject: 'user', ids: (c) => [c.result.id], schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'One account the caller manages' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.get(user, id);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @PersonalData<UserDto>({ action: 'change', subject: 'user', ids: (c) => [c.result.id], schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'Change name, email, teacher number, role and scope, or status; a role, scope or status change ends the account’s sessions' })
  @ApiErrors({ 400: ['UNKNOWN_SCHOOL'], 403: ['ACCOUNT_OUT_OF_REACH'], 409: ['EMAIL_TAKEN', 'TEACHER_NUMBER_TAKEN'] })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(user, id, dto);
  }

  @Post(':id/reset-password')
  @Roles(...MANAGERS)
  @PersonalData({ action: 'change', subject: 'user', ids: (c) => [c.params.id] })
  @HttpCode(200)
  @ApiOperation({ summary: 'A one-time reset link (default) or a temporary password to change at next login; ends the account’s sessions' })
  @ApiErrors({ 400: ['WEAK_PASSWORD'], 403: ['ACCOUNT_OUT_OF_REACH'], 409: ['ACCOUNT_DISABLED'] })
  resetPassword(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ResetPasswordDto): Promise<PasswordResetDto> {
    return this.users.resetPassword(user, id, dto);
  }
}
