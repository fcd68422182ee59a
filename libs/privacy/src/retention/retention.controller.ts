import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors, ApiFile, ApiJob, AuthUser, CurrentUser, datedName, JobAcceptedDto, ParseIdPipe, Roles, sendXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { DestructionDryRunDto, DestructionRegisterFilter, DestructionRegisterPageDto, DestructionRegisterQuery } from '../destruction/destruction.dto';
import { DestructionRegister } from '../destruction/destruction-register.service';
import { Destruction } from '../destruction/destruction.service';
import { LegalHolds } from './legal-holds.service';
import { CreateLegalHoldDto, CreateRetentionRuleDto, LegalHoldDto, LegalHoldListDto, RetentionRuleDto, RetentionRuleListDto, UpdateRetentionRuleDto } from './retention.dto';
import { RetentionRules } from './retention-rules.service';

/** The privacy officer (개인정보 보호책임자) is a city administrator. */
const PRIVACY_OFFICERS = ['city_admin'] as const;

/**
 * 보존 기간표, 법적 보존, 파기와 파기 대장 (개인정보 보호법 제21조). City administrators only.
 */
@ApiTags('retention')
@ApiBearerAuth()
@Controller('privacy')
export class RetentionController {
  constructor(
    private readonly rules: RetentionRules,
    private readonly holds: LegalHolds,
    private readonly destruction: Destruction,
    private readonly register: DestructionRegister,
  ) {}

  @Get('retention-rules')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: 'The retention schedule: every rule, active ones first, with who approved it and when' })
  async listRules(): Promise<RetentionRuleListDto> {
    return { items: await this.rules.list() };
  }

  @Post('retention-rules')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: 'A rule for a category without an active one; creating it approves it' })
  @ApiErrors({ 409: ['RETENTION_RULE_EXISTS'] })
  createRule(@Body() dto: CreateRetentionRuleDto, @CurrentUser() user: AuthUser): Promise<RetentionRuleDto> {
    return this.rules.create(dto, user);
  }

  @Patch('retention-rules/:id')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: 'Change a rule (or retire it: active false); the change, or an empty body, approves the rule as it then reads' })
  @ApiErrors({ 409: ['RETENTION_RULE_EXISTS'] })
  updateRule(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateRetentionRuleDto, @CurrentUser() user: AuthUser): Promise<RetentionRuleDto> {
    return this.rules.update(id, dto, user);
  }

  @Post('destruction/dry-run')
  @Roles(...PRIVACY_OFFICERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'What the next run would destroy, per rule and school, and what legal holds keep; destroys nothing' })
  dryRun(): Promise<DestructionDryRunDto> {
    return this.destruction.dryRun();
  }

  @Post('destruction/run')
  @Roles(...PRIVACY_OFFICERS)
  @HttpCode(202)
  @ApiOperation({ summary: 'Run the destruction now (the daily job), audited; the register gets an entry per rule that destroyed something' })
  @ApiJob()
  run(@CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    return this.destruction.requestRun(user);
  }

  @Get('destruction-register')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: '개인정보 파기 대장: every destruction, newest first; entries are never changed or removed' })
  registerList(@Query() q: DestructionRegisterQuery): Promise<DestructionRegisterPageDto> {
    const { page, pageSize, ...filter } = q;
    return this.register.list(filter, page, pageSize);
  }

  @Get('destruction-register.xlsx')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: 'The register as XLSX, oldest first' })
  @ApiFile(XLSX_CONTENT_TYPE, '개인정보_파기_대장_{YYYY-MM-DD}.xlsx')
  @ApiErrors({ 422: ['EXPORT_TOO_LARGE'] })
  async registerXlsx(@Query() q: DestructionRegisterFilter, @Res() reply: FastifyReply): Promise<void> {
    await sendXlsx(reply, datedName('개인정보_파기_대장', 'destruction-register'), await this.register.workbook(await this.register.all(q)));
  }

  @Get('legal-holds')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: 'Legal holds, active ones first' })
  async listHolds(): Promise<LegalHoldListDto> {
    return { items: await this.holds.list() };
  }

  @Post('legal-holds')
  @Roles(...PRIVACY_OFFICERS)
  @ApiOperation({ summary: "Keep a school's or a student's personal data past its retention (a dispute, an audit, an investigation)" })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  createHold(@Body() dto: CreateLegalHoldDto, @CurrentUser() user: AuthUser): Promise<LegalHoldDto> {
    return this.holds.create(dto, user);
  }

  @Post('legal-holds/:id/release')
  @Roles(...PRIVACY_OFFICERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a hold: the next run destroys what it kept and is due' })
  @ApiErrors({ 409: ['HOLD_RELEASED'] })
  releaseHold(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<LegalHoldDto> {
    return this.holds.release(id, user);
  }
}
