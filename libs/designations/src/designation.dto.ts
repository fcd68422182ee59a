import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString,
  IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PaginationQuery } from '@app/core/http/pagination.dto';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { SCHOOL_LEVELS, SchoolLevel } from '@app/schools/school-level';

const DATE = { strict: true, strictSeparator: true } as const;

export class CreateDesignationTypeDto {
  @ApiProperty({ example: 'ai_maker', description: 'lowercase code' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'code must be 2-40 lowercase letters, digits or _' })
  code: string;

  @ApiProperty({ example: 'AI 메이커 교육 중심학교' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class CriterionDto {
  @ApiProperty({ example: '운영 계획의 타당성' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 30 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1000)
  maxScore: number;

  @ApiProperty({ example: 1 })
  @IsNumber({ maxDecimalPlaces: 3 })
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
  @IsString()
  @Length(2, 40)
  type: string;

  @ApiProperty({ example: '2026학년도 AI 교육 선도학교 공모' })
  @IsString()
  @Length(1, 200)
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

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(DATE)
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(DATE)
  closesAt: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quota: number;

  @ApiPropertyOptional({ type: [OfficeQuotaDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OfficeQuotaDto)
  officeQuotas?: OfficeQuotaDto[];

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ example: ['operating_plan'], description: 'attachment kinds every application must carry' })
  @IsOptional()
  @IsArray()
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
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  planSummary?: string;
}

export class AssignReviewersDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds: string[];
}

export class RecuseDto {
  @ApiProperty({ example: '본인이 해당 학교 운영위원' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class CriterionScoreDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  criterionId: number;

  @ApiProperty()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  score: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ScoreDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];
}

export class DecisionDto {
  @ApiProperty({ enum: ['designate', 'reject'] })
  @IsIn(['designate', 'reject'])
  decision: 'designate' | 'reject';

  @ApiProperty({ example: '심사 결과 상위 점수' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class RevokeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
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
  @IsNumber({ maxDecimalPlaces: 2 })
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
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class SupportDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  schoolId: number;

  @ApiPropertyOptional({ description: 'the designation this support is for; omit for a school without one' })
  @IsOptional()
  @IsInt()
  @Min(1)
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
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0.1)
  @Max(1000)
  staffCount?: number;

  @ApiProperty({ format: 'date' })
  @IsISO8601(DATE)
  @Length(10, 10)
  grantedOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
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

  @ApiPropertyOptional({ enum: ['active', 'ended', 'revoked'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'ended', 'revoked', 'all'])
  status?: 'active' | 'ended' | 'revoked' | 'all';
}
