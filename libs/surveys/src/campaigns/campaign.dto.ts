import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { IsFiniteNumber, IsId, NestedObject, Text, Texts } from '@app/core/http/input.decorators';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { SCHOOL_LEVELS } from '@app/schools/school-level';

export const AUDIENCES = ['school', 'students', 'parents', 'teachers'] as const;

export class CampaignTargetDto {
  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(DISTRICT_OFFICE_CODES, { each: true })
  offices?: string[];

  @ApiPropertyOptional({ example: ['강남구'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Texts({ max: 20 })
  districts?: string[];

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(SCHOOL_LEVELS, { each: true })
  levels?: string[];

  @ApiPropertyOptional({ description: 'schools currently designated with this type, e.g. lead' })
  @Text({ max: 40, optional: 'nullable' })
  designationType?: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsId({ each: true })
  schoolIds?: number[];
}

export class CreateCampaignDto {
  @ApiProperty()
  @IsId()
  templateId: number;

  @ApiPropertyOptional({ description: 'default: the latest version, which the campaign then freezes' })
  @IsOptional()
  @IsId()
  version?: number;

  @ApiProperty({ example: '2026 AI 교육 만족도 조사 (학부모)' })
  @Text({ max: 200 })
  title: string;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience: (typeof AUDIENCES)[number];

  @ApiPropertyOptional({ type: [Number], example: [5, 6] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  grades?: number[];

  @ApiProperty({ format: 'date-time', description: 'a date alone is the start of that day in Seoul; a time without an offset is Seoul time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'a date alone is the end of that day in Seoul (the day included); a time without an offset is Seoul time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  closesAt: string;

  @ApiProperty({ type: CampaignTargetDto })
  @NestedObject(() => CampaignTargetDto)
  target: CampaignTargetDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000, default: 0, description: 'codes the distribution job prints for every target school when the campaign opens (principals can add more)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  codesPerSchool?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, description: 'schools whose response rate (responses ÷ codes) is below this are reminded' })
  @IsOptional()
  @IsFiniteNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1)
  reminderThreshold?: number;
}

export const CAMPAIGN_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export class ListCampaignsQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}

export class IssueCodesDto {
  @ApiProperty({ minimum: 1, maximum: 2000, description: 'how many one-time codes to print for the school' })
  @IsInt()
  @Min(1)
  @Max(2000)
  count: number;
}
