import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { IsId, Text } from '@app/core/http/input.decorators';
import { PaginationQuery } from '@app/core/http/pagination.dto';
import { SCHOOL_LEVELS } from '@app/schools/school-level';
import { CASE_AREAS, CASE_STATUSES } from '../practice-terms';

export class CreateCaseDto {
  @ApiProperty({ example: '생성형 AI로 함께 쓰는 과학 탐구 보고서' })
  @Text({ max: 200 })
  title: string;

  @ApiProperty({ enum: CASE_AREAS, description: '수업 lesson, 동아리 club, 학습공동체 community, 환경 구축 environment, 기타 other' })
  @IsIn(CASE_AREAS)
  area: string;

  @ApiProperty({ example: '학생들이 AI 도구로 실험 자료를 분석하고…' })
  @Text({ max: 20_000 })
  description: string;

  @ApiPropertyOptional({ description: "The school whose case it is. A principal's own school is taken from the account (another school is refused); an office or the city may leave it out." })
  @IsOptional()
  @IsId()
  schoolId?: number;

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS, description: "Required when there is no school; a school's case has the school's level" })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  schoolLevel?: string;

  @ApiPropertyOptional({ description: "The school's AI club; by default the school's most recent club, if it has one" })
  @IsOptional()
  @IsId()
  clubId?: number;

  @ApiPropertyOptional({ description: "The school's designation (선도학교…); by default its current one, if any" })
  @IsOptional()
  @IsId()
  designationId?: number;
}

export class ReviewCaseDto {
  @ApiProperty({ enum: ['approve', 'return'], description: 'approve: ready for the city to publish; return: back to the school' })
  @IsIn(['approve', 'return'])
  decision: 'approve' | 'return';

  @ApiPropertyOptional({ example: '수업 사례가 구체적입니다.' })
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  comment?: string;
}

export class CaseListQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  level?: string;

  @ApiPropertyOptional({ enum: CASE_AREAS })
  @IsOptional()
  @IsIn(CASE_AREAS)
  area?: string;
}

export class PublicCaseQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  level?: string;

  @ApiPropertyOptional({ enum: CASE_AREAS })
  @IsOptional()
  @IsIn(CASE_AREAS)
  area?: string;

  @ApiPropertyOptional({ description: 'words in the title or description' })
  @IsOptional()
  @Text({ min: 0, max: 100, optional: true })
  @MaxLength(100)
  q?: string;
}
