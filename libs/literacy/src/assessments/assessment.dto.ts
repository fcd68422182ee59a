import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { NestedArray, OptionalNotNull, Text } from '@app/core/http/input.decorators';

export const PHASES = ['pilot', 'main'] as const;
export const ITEM_TYPES = ['dichotomous', 'partial'] as const;

export class CutScoreDto {
  @ApiProperty({ example: '보통' })
  @Text({ max: 40 })
  level: string;

  @ApiProperty({ description: 'lowest percentage of the maximum score that reaches this level', example: 40 })
  @IsNumber()
  @Min(0)
  @Max(100)
  min: number;
}

export class ItemDto {
  @ApiProperty({ example: 'Q01' })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/, { message: 'id must start with a letter and use letters, digits, _ . - (up to 40)' })
  id: string;

  @ApiProperty({ example: 'ai_ethics', description: 'a competency area code (GET /literacy/areas)' })
  @IsString()
  @MaxLength(40)
  area: string;

  @ApiProperty({ enum: ITEM_TYPES })
  @IsIn(ITEM_TYPES)
  type: (typeof ITEM_TYPES)[number];

  @ApiPropertyOptional({ description: '1 for dichotomous items; the maximum score of a partial-credit item', default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore?: number;

  @ApiPropertyOptional({ type: [String], description: 'choice items: the accepted option(s); results then hold raw responses' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  key?: string[];

  @ApiPropertyOptional({ type: [String], description: 'choice items: every option, for distractor analysis and to reject unknown responses' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  options?: string[];
}

export class CreateAssessmentDto {
  @ApiProperty({ example: '2026 AI·디지털 리터러시 진단검사 (본검사)' })
  @Text({ max: 200 })
  name: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2020)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ enum: PHASES })
  @IsIn(PHASES)
  phase: (typeof PHASES)[number];

  @ApiProperty({ description: 'year of schooling 1–12 (초5 = 5, 중2 = 8, 고1 = 10)', example: 5 })
  @IsInt()
  @Min(1)
  @Max(12)
  grade: number;

  @ApiPropertyOptional({ type: [String], default: ['A'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9]{1,10}$/, { each: true })
  forms?: string[];

  @ApiProperty({ type: [ItemDto] })
  @NestedArray(() => ItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  items: ItemDto[];

  @ApiProperty({ type: [CutScoreDto], example: [{ level: '기초', min: 0 }, { level: '보통', min: 40 }, { level: '우수', min: 80 }] })
  @NestedArray(() => CutScoreDto)
  @ArrayMaxSize(20)
  cutScores: CutScoreDto[];

  @ApiPropertyOptional({ default: 0.2 })
  @IsOptional()
  @IsNumber()
  @Min(-1)
  @Max(1)
  minDiscrimination?: number;

  @ApiPropertyOptional({ default: 0.2 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minFacility?: number;

  @ApiPropertyOptional({ default: 0.9 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  maxFacility?: number;
}

export class UpdateItemDto {
  @ApiProperty({ description: 'leave the item out of scoring (after pilot review) or take it back' })
  @IsBoolean()
  dropped: boolean;

  @ApiPropertyOptional()
  @Text({ max: 500, optional: 'nullable' })
  reason?: string;
}

export class CutScoresDto {
  @ApiProperty({ type: [CutScoreDto] })
  @NestedArray(() => CutScoreDto)
  @ArrayMaxSize(20)
  cutScores: CutScoreDto[];
}
