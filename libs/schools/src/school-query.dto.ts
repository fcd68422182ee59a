import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '@app/core/http/pagination.dto';
import { DISTRICT_OFFICE_CODES } from './district-office';
import { SCHOOL_LEVELS, SchoolLevel } from './school-level';

export class SchoolQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'Name contains (Korean)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  level?: SchoolLevel;

  @ApiPropertyOptional({ example: '강남구' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  district?: string;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  hasAiClassroom?: boolean;
}

/** The school list's filters without paging: the XLSX export holds every school that matches. */
export class SchoolExportQuery extends OmitType(SchoolQuery, ['page', 'pageSize'] as const) {}

export type SchoolFilter = Omit<SchoolQuery, 'page' | 'pageSize'>;
