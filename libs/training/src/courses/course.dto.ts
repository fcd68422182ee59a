import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { IsFiniteNumber, NestedArray, Text } from '@app/core/http/input.decorators';
import { DELIVERY_MODES, PARTICIPANT_KINDS, TRAINING_LEVELS } from '../training-terms';

export class SessionDto {
  @ApiProperty({ example: '1기' })
  @Text({ max: 40 })
  code: string;

  @ApiProperty({ format: 'date' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10)
  startsOn: string;

  @ApiProperty({ format: 'date' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10)
  endsOn: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity: number;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'AI-B-101' })
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'code must be 1-40 letters, digits, . _ or -' })
  code: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ example: 'AI 교육 기본 과정' })
  @Text({ max: 200 })
  title: string;

  @ApiPropertyOptional({ example: 'AI Education Basics' })
  @Text({ min: 0, max: 200, optional: 'nullable' })
  titleEn?: string;

  @ApiProperty({ enum: TRAINING_LEVELS })
  @IsIn(TRAINING_LEVELS)
  level: string;

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  deliveryMode: string;

  @ApiProperty({ enum: PARTICIPANT_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(PARTICIPANT_KINDS, { each: true })
  audience: string[];

  @ApiProperty({ example: 15 })
  @IsFiniteNumber({ maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(999)
  creditHours: number;

  @ApiPropertyOptional({ example: '서울특별시교육청연구정보원' })
  @Text({ min: 0, max: 200, optional: 'nullable' })
  provider?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { each: true })
  prerequisiteCodes?: string[];

  @ApiPropertyOptional({ enum: TRAINING_LEVELS })
  @IsOptional()
  @IsIn(TRAINING_LEVELS)
  prerequisiteLevel?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  description?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  descriptionEn?: string;

  @ApiPropertyOptional({ description: 'What earning the badge requires (narrative, Korean)' })
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  criteria?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  criteriaEn?: string;

  @ApiPropertyOptional({ description: 'badges expire this many months after completion' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(240)
  badgeValidMonths?: number;

  @ApiPropertyOptional({ type: [SessionDto] })
  @IsOptional()
  @NestedArray(() => SessionDto)
  @ArrayMaxSize(200)
  sessions?: SessionDto[];
}

export class PathwayDto {
  @ApiProperty({ type: [String], description: 'course codes whose completion earns the level badge' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(300)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { each: true })
  courseCodes: string[];
}
