import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString,
  IsUUID, Length, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { IsFiniteNumber, IsId, NestedArray, Text } from '@app/core/http/input.decorators';
import { PaginationQuery } from '@app/core/http/pagination.dto';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { SCHOOL_LEVELS, SchoolLevel } from '@app/schools/school-level';

const DATE = { strict: true, strictSeparator: true } as const;

export class CreateDesignationTypeDto {
  @ApiProperty({ example: 'ai_maker', description: 'lowercase code' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'code must be 2-40 lowercase letters, digits or _' })
  code: string;

  @ApiProperty({ example: 'AI 메이커 교육 중심학교' })
  @Text({ max: 100 })
  name: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 1000, optional: 'nullable' })
  description?: string;
}

export class CriterionDto {
  @ApiProperty({ example: '운영 계획의 타당성' })
  @Text({ max: 200 })
  name: string;

  @ApiProperty({ example: 30 })
  @IsFiniteNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1000)
  maxScore: number;

  @ApiProperty({ example: 1 })
  @IsFiniteNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(100)
  weight: number;
}

export class OfficeQuotaDto {
  @ApiProperty({ enum: DISTRICT_OFFICE_CODES })
  @IsIn(DISTRICT_OFFICE_CODES)
  office: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  quota: number;
}

export class CreateCallDto {
  @ApiProperty({ example: 'lead' })
  @Text({ min: 2, max: 40 })
  type: string;

  @ApiProperty({ example: '2026학년도 AI 교육 선도학교 공모' })
  @Text({ max: 200 })
  title: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsISO8601(DATE)
  @Length(10, 10)
  termStart: string;

  @ApiProperty({ format: 'date', example: '2028-02-28' })
  @IsISO8601(DATE)
  @Length(10, 10)
  termEnd: string;

  @ApiProperty({ enum: SCHOOL_LEVELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCHOOL_LEVELS, { each: true })
  eligibleLevels: SchoolLevel[];

  @ApiProperty({ format: 'date-time', description: 'a date alone is the start of that day in Seoul; a time without an offset is Seoul time' })
  @IsISO8601(DATE)
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'a date alone is the end of that day in Seoul (the day included); a time without an offset is Seoul time' })
  @IsISO8601(DATE)
  closesAt: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quota: number;

  @ApiPropertyOptional({ type: [OfficeQuotaDto] })
  @IsOptional()
  @NestedArray(() => OfficeQuotaDto)
  @ArrayMaxSize(11)
  officeQuotas?: OfficeQuotaDto[];

  @ApiProperty({ type: [CriterionDto] })
  @NestedArray(() => CriterionDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ example: ['operating_plan'], description: 'attachment kinds every application must carry' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { each: true, message: 'each attachment kind must be a lowercase code' })
  requiredAttachments?: string[];

  @ApiPropertyOptional({ default: true, description: "district-admin reviewers are excluded from their own office's schools" })
  @IsOptional()
  @IsBoolean()
  recuseOwnOffice?: boolean;
}

export class ApplicationDto {
  @ApiPropertyOptional({ description: 'Summary of the operating plan (운영 계획 요약)' })
  @Text({ min: 0, max: 5000, optional: 'nullable' })
  planSummary?: string;
}

export class AssignReviewersDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds: string[];
}

export class RecuseDto {
  @ApiProperty({ example: '본인이 해당 학교 운영위원' })
  @Text({ max: 500 })
  reason: string;
}

export class CriterionScoreDto {
  @ApiProperty()
  @IsId()
  criterionId: number;

  @ApiProperty()
  @IsFiniteNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  score: number;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  comment?: string;
}

export class ScoreDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @NestedArray(() => CriterionScoreDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  scores: CriterionScoreDto[];
}

export class DecisionDto {
  @ApiProperty({ enum: ['designate', 'reject'] })
  @IsIn(['designate', 'reject'])
  decision: 'designate' | 'reject';

  @ApiProperty({ example: '심사 결과 상위 점수' })
  @Text({ max: 1000 })
  reason: string;
}

export class RevokeDto {
  @ApiProperty()
  @Text({ max: 1000 })
  reason: string;
}

export class EvaluationDto {
  @ApiProperty({ enum: ['mid_term', 'final'] })
  @IsIn(['mid_term', 'final'])
  kind: 'mid_term' | 'final';

  @ApiProperty({ format: 'date' })
  @IsISO8601(DATE)
  @Length(10, 10)
  evaluatedOn: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsFiniteNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score: number;

  @ApiProperty({ enum: ['continue', 'renew', 'end', 'revoke'] })
  @IsIn(['continue', 'renew', 'end', 'revoke'])
  outcome: 'continue' | 'renew' | 'end' | 'revoke';

  @ApiPropertyOptional({ format: 'date', description: 'renew only: end of the new term (default: same length as the old one)' })
  @IsOptional()
  @IsISO8601(DATE)
  @Length(10, 10)
  renewedTermEnd?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 5000, optional: 'nullable' })
  notes?: string;
}

export class SupportDto {
  @ApiProperty()
  @IsId()
  schoolId: number;

  @ApiPropertyOptional({ description: 'the designation this support is for; omit for a school without one' })
  @IsOptional()
  @IsId()
  designationId?: number;

  @ApiProperty({ enum: ['budget', 'staff'] })
  @IsIn(['budget', 'staff'])
  kind: 'budget' | 'staff';

  @ApiPropertyOptional({ description: 'KRW, for budget' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amountKrw?: number;

  @ApiPropertyOptional({ description: 'people (FTE), for staff' })
  @IsOptional()
  @IsFiniteNumber({ maxDecimalPlaces: 1 })
  @Min(0.1)
  @Max(1000)
  staffCount?: number;

  @ApiProperty({ format: 'date' })
  @IsISO8601(DATE)
  @Length(10, 10)
  grantedOn: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 1000, optional: 'nullable' })
  description?: string;
}

export class DesignationQuery extends PaginationQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  type?: string;

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  level?: SchoolLevel;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;

  @ApiPropertyOptional({ description: 'designations whose term covers part of this school year (1 March – end of February)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear?: number;

  @ApiPropertyOptional({ enum: ['active', 'ended', 'revoked', 'all'], default: 'active', description: '`all`: every status' })
  @IsOptional()
  @IsIn(['active', 'ended', 'revoked', 'all'])
  status?: 'active' | 'ended' | 'revoked' | 'all';
}
