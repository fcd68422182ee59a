import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ADMIN_ROLES, ApiErrors, ApiJob, AuthUser, CurrentUser, JobAcceptedDto, ParseIdPipe, Roles, ROLES, ValidationFailedError } from '@app/core';
import { LiteracyBankItemDto, LiteracyBankItemListDto, RetireBankItemDto } from './bank/bank.dto';
import { ItemBankService, parseGrade } from './bank/item-bank.service';
import { LinkAssessmentDto, LiteracyLinkDto, LiteracyTrendDto } from './equating/equating.dto';
import { EquatingService } from './equating/equating.service';

const ITEM_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

/** Item bank, anchor linking and the trend on the common scale (issue 18). */
@ApiTags('literacy')
@ApiBearerAuth()
@Controller('literacy')
export class LiteracyBankController {
  constructor(
    private readonly bank: ItemBankService,
    private readonly equating: EquatingService,
  ) {}

  @Get('bank/items')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'grade', required: false, type: Number })
  @ApiQuery({ name: 'area', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'part of the item id' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOperation({ summary: 'Bank items (by grade and id) with every administration: difficulty, fit and DIF per assessment' })
  listBankItems(
    @Query('grade') grade?: string,
    @Query('area') area?: string,
    @Query('q') q?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<LiteracyBankItemListDto> {
    const whole = (v: string | undefined, name: string) => {
      if (v === undefined || v === '') return undefined;
      if (!/^\d{1,6}$/.test(v)) throw new ValidationFailedError(`${name} must be a whole number`, [{ field: name, reason: 'a whole number' }]);
      return Number(v);
    };
    return this.bank.list({ grade: parseGrade(grade, false), area: area || undefined, q: q?.slice(0, 40) || undefined, limit: whole(limit, 'limit'), offset: whole(offset, 'offset') });
  }

  @Get('bank/items/:itemId')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'grade', required: true, type: Number })
  @ApiOperation({ summary: "A bank item and its history across assessments of the grade" })
  getBankItem(@Param('itemId') itemId: string, @Query('grade') grade?: string): Promise<LiteracyBankItemDto> {
    if (!ITEM_ID.test(itemId)) throw new ValidationFailedError('Not an item id', [{ field: 'itemId', reason: 'letters, digits, _ . - starting with a letter' }]);
    return this.bank.get(parseGrade(grade, true)!, itemId);
  }

  @Patch('bank/items/:itemId')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Retire a bank item (its history stays; new assessments may not use it) or bring it back' })
  retireBankItem(@Param('itemId') itemId: string, @Body() dto: RetireBankItemDto, @CurrentUser() user: AuthUser): Promise<LiteracyBankItemDto> {
    return this.bank.setRetired(dto.grade, itemId, dto.retired, dto.reason, user);
  }

  @Post('assessments/:id/link')
  @Roles('city_admin')
  @HttpCode(202)
  @ApiJob()
  @ApiOperation({ summary: "Put the assessment on an earlier calibrated assessment's scale through their shared items (fixed-parameter calibration, mean–mean check, drift)" })
  @ApiErrors({ 400: ['LINK_REJECTED'], 409: ['RESULTS_DESTROYED'] })
  link(@Param('id', ParseIdPipe) id: number, @Body() dto: LinkAssessmentDto, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    return this.equating.requestLink(id, dto, user);
  }

  @Get('assessments/:id/link')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'The link of the assessment: method, constant and SE (logits), the mean–mean check, anchors with displacement and drift' })
  @ApiErrors({ 404: ['NOT_LINKED'] })
  getLink(@Param('id', ParseIdPipe) id: number): Promise<LiteracyLinkDto> {
    return this.equating.getLink(id);
  }

  @Get('trend')
  @Roles(...ROLES)
  @ApiQuery({ name: 'grade', required: true, type: Number })
  @ApiQuery({ name: 'office', required: false, description: 'a district office code: its trend instead of the city\'s' })
  @ApiQuery({ name: 'schoolId', required: false, type: Number, description: "a school's trend (a school you may read)" })
  @ApiOperation({ summary: "A grade's mean scale score, SE and level shares per assessment year on the common scale (θ × slope + intercept); groups under 5 withheld" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE', 'FORBIDDEN'] })
  trend(@CurrentUser() user: AuthUser, @Query('grade') grade?: string, @Query('office') office?: string, @Query('schoolId') schoolId?: string): Promise<LiteracyTrendDto> {
    if (schoolId !== undefined && !/^\d{1,10}$/.test(schoolId)) throw new ValidationFailedError('schoolId must be a whole number', [{ field: 'schoolId', reason: 'not a whole number' }]);
    return this.equating.trend(parseGrade(grade, true)!, user, { office: office || undefined, schoolId: schoolId === undefined ? undefined : Number(schoolId) });
  }
}
