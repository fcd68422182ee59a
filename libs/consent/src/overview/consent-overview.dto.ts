import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsId } from '@app/core/http/input.decorators';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';
import { LEVELS, ServiceRefDto } from '../consent.dto';
import type { SchoolLevel } from '../consent-responses.dto';

/** How the overview groups the roster: by district office, district (구), school or class. */
export const OVERVIEW_LEVELS = ['office', 'district', 'school', 'class'] as const;
export type OverviewLevel = (typeof OVERVIEW_LEVELS)[number];

export class ConsentOverviewQuery extends ServiceRefDto {
  @ApiPropertyOptional({ enum: OVERVIEW_LEVELS, default: 'office', description: 'one row per district office, district (구), school or class' })
  @IsOptional()
  @IsIn(OVERVIEW_LEVELS)
  level?: OverviewLevel;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, description: 'only the schools of this district office' })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  office?: string;

  @ApiPropertyOptional({ example: '강남구', description: 'only the schools of this district (구)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  district?: string;

  @ApiPropertyOptional({ description: 'only this school (404 when it does not exist, 403 outside your scope)' })
  @IsOptional()
  @IsId({ query: true })
  schoolId?: number;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; default today (Seoul)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

/** The figures of a group of students (or of all of them). */
export class ConsentOverviewCountsDto {
  /** Students on the roster. */
  students: number;
  /** Students who may use the service directly on the day, by the eligibility rules. */
  eligible: number;
  /** Students who may not (students − eligible). */
  notEligible: number;
  /** Students whose latest consent record is a grant to the notice in force. */
  granted: number;
  /** Students whose latest consent record is a refusal or a withdrawal. */
  refused: number;
  /** Students with no answer to the notice in force: no record, or only a grant to an earlier version. */
  noAnswer: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'eligible / students, in percent (one decimal); null without students' })
  eligibleRate: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: '(granted + refused) / students, in percent (one decimal); null without students' })
  responseRate: number | null;
}

/** One row of the overview: the group (only the fields of its level and above are set) and its figures. */
export class ConsentOverviewGroupDto extends ConsentOverviewCountsDto {
  @ApiProperty({ enum: DISTRICT_OFFICE_CODES })
  office: string;
  officeName: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'set from level district on' })
  district: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'set from level school on' })
  schoolId: number | null;

  @ApiProperty({ type: 'string', nullable: true })
  schoolName: string | null;

  @ApiProperty({ enum: LEVELS, nullable: true })
  schoolLevel: SchoolLevel | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'year of schooling (중2 = 8); set at level class' })
  grade: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'set at level class; null for students with no class yet' })
  classNo: number | null;
}

export class ConsentOverviewDto {
  serviceId: number;
  serviceName: string;

  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty({ enum: OVERVIEW_LEVELS })
  level: OverviewLevel;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the version of the notice in force on the day; null when none is' })
  noticeVersion: number | null;

  /** Groups with at least one student on the roster, within your scope and the filters. */
  groups: ConsentOverviewGroupDto[];
  total: ConsentOverviewCountsDto;
}
