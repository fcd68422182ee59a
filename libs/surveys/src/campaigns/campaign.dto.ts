import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { SCHOOL_LEVELS } from '@app/schools/school-level';

export const AUDIENCES = ['school', 'students', 'parents', 'teachers'] as const;

export class CampaignTargetDto {
  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(DISTRICT_OFFICE_CODES, { each: true })
  offices?: string[];

  @ApiPropertyOptional({ example: ['강남구'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  districts?: string[];

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(SCHOOL_LEVELS, { each: true })
  levels?: string[];

  @ApiPropertyOptional({ description: 'schools currently designated with this type, e.g. lead' })
  @IsOptional()
  @IsString()
  designationType?: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  schoolIds?: number[];
}

export class CreateCampaignDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  templateId: number;

  @ApiPropertyOptional({ description: 'default: the latest version, which the campaign then freezes' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({ example: '2026 AI 교육 만족도 조사 (학부모)' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience: (typeof AUDIENCES)[number];

  @ApiPropertyOptional({ type: [Number], example: [5, 6] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  grades?: number[];

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  closesAt: string;

  @ApiProperty({ type: CampaignTargetDto })
  @ValidateNested()
  @Type(() => CampaignTargetDto)
  target: CampaignTargetDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000, default: 0, description: 'codes the distribution job prints for every target school when the campaign opens (principals can add more)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  codesPerSchool?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, description: 'schools whose response rate (responses ÷ codes) is below this are reminded' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
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
