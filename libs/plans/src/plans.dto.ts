import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsFiniteNumber, NestedArray, OptionalNotNull, Text, Texts } from '@app/core/http/input.decorators';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { INDICATOR_UNITS, IndicatorUnit } from './indicators/indicator-registry';

export class PlanItemInputDto {
  @ApiProperty({ minimum: 1, maximum: 8, description: '제4조 ② item number' })
  @IsInt()
  @Min(1)
  @Max(8)
  item: number;

  @ApiProperty({ description: "the item's content; empty allowed while drafting" })
  @Text({ min: 0, max: 20_000 })
  content: string;
}

export class CreatePlanDto {
  @ApiProperty({ example: '서울특별시교육청 인공지능 교육 기본계획(2026~2030)' })
  @Text({ max: 200 })
  title: string;

  @ApiProperty({ example: 2026, description: 'first school year of the five' })
  @IsInt()
  @Min(2000)
  @Max(2096)
  periodStart: number;

  @ApiProperty({ example: 2030, description: 'last school year: periodStart + 4' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodEnd: number;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: true })
  vision?: string;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @ArrayMaxSize(30)
  @Texts({ max: 500 })
  goals?: string[];

  @ApiPropertyOptional({ type: [PlanItemInputDto], description: 'the eight items of 제4조 ②; items not given stay as they are (empty on create)' })
  @NestedArray(() => PlanItemInputDto, { optional: true })
  @ArrayMaxSize(8)
  @ArrayUnique((i: PlanItemInputDto) => i?.item, { message: 'each item may appear once' })
  items?: PlanItemInputDto[];

  @ApiPropertyOptional({ nullable: true, description: '제4조 ④: the 4차 산업혁명 교육 plan this plan follows (a reference)' })
  @Text({ min: 0, max: 500, optional: 'nullable' })
  fourthIndustrialPlanRef?: string | null;
}

export class UpdatePlanDto {
  @ApiPropertyOptional()
  @Text({ max: 200, optional: true })
  title?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(2000)
  @Max(2096)
  periodStart?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodEnd?: number;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: true })
  vision?: string;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @ArrayMaxSize(30)
  @Texts({ max: 500 })
  goals?: string[];

  @ApiPropertyOptional({ type: [PlanItemInputDto] })
  @NestedArray(() => PlanItemInputDto, { optional: true })
  @ArrayMaxSize(8)
  @ArrayUnique((i: PlanItemInputDto) => i?.item, { message: 'each item may appear once' })
  items?: PlanItemInputDto[];

  @ApiPropertyOptional({ nullable: true })
  @Text({ min: 0, max: 500, optional: 'nullable' })
  fourthIndustrialPlanRef?: string | null;
}

export class RevisePlanDto extends UpdatePlanDto {
  @ApiProperty({ description: 'why the adopted plan is revised' })
  @Text({ max: 2000 })
  reason: string;
}

export class YearlyPlanInputDto {
  @ApiPropertyOptional({ example: '2026학년도 인공지능 교육 시행계획' })
  @Text({ min: 0, max: 200, optional: true })
  title?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 5000, optional: true })
  summary?: string;
}

export class TaskIndicatorInputDto {
  @ApiProperty({ example: 'classroom.coverage', description: 'an id of GET /api/v1/indicators' })
  @Matches(/^[a-z][a-z0-9_.]{1,79}$/, { message: 'indicatorId must be an indicator id such as classroom.coverage' })
  indicatorId: string;

  @ApiProperty({ enum: INDICATOR_UNITS, description: "the indicator's unit; a target in another unit is refused" })
  @IsIn(INDICATOR_UNITS)
  unit: IndicatorUnit;

  @ApiProperty({ example: 0.2 })
  @IsFiniteNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1e13)
  baseline: number;

  @ApiProperty({ example: 0.3 })
  @IsFiniteNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1e13)
  target: number;

  @ApiPropertyOptional({ nullable: true, description: 'manual indicators only: the figure reached so far (recorded with who and when)' })
  @IsOptional()
  @IsFiniteNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1e13)
  actual?: number | null;
}

export class CreateTaskDto {
  @ApiProperty({ minimum: 1, maximum: 8, description: '제4조 ② item the task serves' })
  @IsInt()
  @Min(1)
  @Max(8)
  item: number;

  @ApiProperty({ example: 'AI 교실 신규 구축' })
  @Text({ max: 300 })
  title: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 5000, optional: true })
  description?: string;

  @ApiPropertyOptional({ example: '디지털교육과', nullable: true, description: 'the responsible department (or districtOffice)' })
  @Text({ max: 100, optional: 'nullable' })
  department?: string | null;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, nullable: true, description: 'the responsible district office (or department)' })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string | null;

  @ApiProperty({ example: 1_000_000_000, description: 'planned budget (KRW)' })
  @IsInt()
  @Min(0)
  @Max(1e13)
  budgetKrw: number;

  @ApiPropertyOptional({ example: 0, description: 'budget spent so far (KRW)' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1e13)
  spentKrw?: number;

  @ApiProperty({ example: '2026-03 ~ 2026-12' })
  @Text({ max: 200 })
  schedule: string;

  @ApiPropertyOptional({ type: [TaskIndicatorInputDto] })
  @NestedArray(() => TaskIndicatorInputDto, { optional: true })
  @ArrayMaxSize(20)
  @ArrayUnique((i: TaskIndicatorInputDto) => i?.indicatorId, { message: 'each indicator may appear once' })
  indicators?: TaskIndicatorInputDto[];
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 8 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(8)
  item?: number;

  @ApiPropertyOptional()
  @Text({ max: 300, optional: true })
  title?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 5000, optional: true })
  description?: string;

  @ApiPropertyOptional({ nullable: true })
  @Text({ max: 100, optional: 'nullable' })
  department?: string | null;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, nullable: true })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1e13)
  budgetKrw?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1e13)
  spentKrw?: number;

  @ApiPropertyOptional()
  @Text({ max: 200, optional: true })
  schedule?: string;

  @ApiPropertyOptional({ type: [TaskIndicatorInputDto], description: "replaces the task's indicators" })
  @NestedArray(() => TaskIndicatorInputDto, { optional: true })
  @ArrayMaxSize(20)
  @ArrayUnique((i: TaskIndicatorInputDto) => i?.indicatorId, { message: 'each indicator may appear once' })
  indicators?: TaskIndicatorInputDto[];
}

export class IndicatorQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;
}
