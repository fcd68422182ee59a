import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CutScoreDto, PHASES } from '../assessments/assessment.dto';
import type { Phase } from '../assessments/assessment-responses.dto';
import { LiteracyAnalysisDto, LiteracyHistogramBinDto } from '../computation/analysis.dto';
import { LiteracyTrendDto } from '../equating/equating.dto';

export const CITY_REPORT_BY = ['office', 'district', 'level'] as const;
export type CityReportBy = (typeof CITY_REPORT_BY)[number];

/**
 * A group of students (the city, a 교육지원청, a district, a school level, a school, a class). A
 * group under 5 students, or one hidden so that a small sibling cannot be derived, keeps only key
 * and name, with `suppressed: true` and the reason.
 */
export class LiteracyGroupDto {
  key: string;
  name: string;
  suppressed: boolean;

  /** Withheld groups only. */
  @ApiPropertyOptional({ enum: ['small_cell', 'complementary'] })
  reason?: 'small_cell' | 'complementary';

  /** The group whose total is published beside this one (absent when withheld). */
  parent?: string;
  /** Students (absent when withheld). */
  n?: number;
  /** Mean percent score (absent when withheld). */
  mean?: number;
  /** null for a single student (absent when withheld). */
  sd?: number | null;

  /** Students per level (absent when withheld). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' } })
  levels?: Record<string, number>;

  /** Mean percent per area code (absent when withheld). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } })
  areas?: Record<string, number>;
}

export class LiteracyReportAssessmentDto {
  id: number;
  name: string;
  /** Year of schooling. */
  grade: number;
  cutScores: CutScoreDto[];
}

export class LiteracyCityReportAssessmentDto extends LiteracyReportAssessmentDto {
  schoolYear: number;

  @ApiProperty({ enum: PHASES })
  phase: Phase;
}

export class LiteracyStudentReportAssessmentDto extends LiteracyReportAssessmentDto {
  schoolYear: number;
}

/** The city's report by office, district or school level (a district admin: their own office's groups). */
export class LiteracyCityReportDto {
  assessment: LiteracyCityReportAssessmentDto;

  /** Area code → Korean name, in the configured order. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  areas: Record<string, string>;

  /** null when the city has no results. */
  city: LiteracyGroupDto | null;

  @ApiProperty({ enum: CITY_REPORT_BY })
  by: CityReportBy;

  groups: LiteracyGroupDto[];
  analysis: LiteracyAnalysisDto;
  /** The grade's trend on its common scale (the city's; no points until an assessment of the grade is linked). */
  trend: LiteracyTrendDto;
}

/** A group's raw-score distribution, in the bins of the assessment's analysis. */
export class LiteracyScoreDistributionDto {
  /** Full marks (the scored items'). */
  maxScore: number;
  bins: LiteracyHistogramBinDto[];
}

/** The school against its 교육지원청 and the city, and its classes. */
export class LiteracySchoolReportDto {
  assessment: LiteracyReportAssessmentDto;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  areas: Record<string, string>;

  school: LiteracyGroupDto;
  office: LiteracyGroupDto | null;
  city: LiteracyGroupDto | null;
  classes: LiteracyGroupDto[];

  /** The school's raw-score distribution; null while the school is withheld (under 5 students). */
  distribution: LiteracyScoreDistributionDto | null;
}

export class LiteracyClassItemDto {
  id: string;
  area: string;
  dropped: boolean;
  /** The class's facility. */
  facility: number | null;
  /** The city's facility. */
  cityFacility: number | null;
}

export class LiteracyClassStudentDto {
  id: number;
  /** The school's pseudonymous id. */
  code: string;
  total: number;
  percent: number;
  level: string | null;
}

export class LiteracyClassReportDto {
  assessment: LiteracyReportAssessmentDto;
  schoolId: number;
  classNo: number;
  group: LiteracyGroupDto;
  /** Item results; null while the class is withheld. */
  items: LiteracyClassItemDto[] | null;
  students: LiteracyClassStudentDto[];
}

export class LiteracyReportStudentDto {
  id: number;
  code: string;
  grade: number;
  classNo: number | null;
  schoolId: number;
  schoolName: string;
}

export class LiteracyStudentAreaDto {
  area: string;
  name: string;
  percent: number | null;
  schoolMean: number | null;
  cityMean: number | null;

  /** Against the city's mean in the area (±10 points); null without one. */
  @ApiProperty({ enum: ['strength', 'weakness', 'typical'], nullable: true })
  judgement: 'strength' | 'weakness' | 'typical' | null;
}

/** A comparison group's size and mean; both null when it is withheld. */
export class LiteracyGroupMeanDto {
  n: number | null;
  mean: number | null;
  suppressed: boolean;
}

export class LiteracyStudentReportDto {
  assessment: LiteracyStudentReportAssessmentDto;
  student: LiteracyReportStudentDto;
  total: number;
  percent: number;
  level: string | null;
  /** Rasch ability (EAP). */
  ability: number | null;
  abilitySe: number | null;
  areas: LiteracyStudentAreaDto[];
  school: LiteracyGroupMeanDto | null;
  city: LiteracyGroupMeanDto | null;
}

/** A built report workbook; schoolId 0 is the city's. */
export class LiteracyReportFileDto {
  schoolId: number;
  name: string;

  @ApiProperty({ format: 'date-time' })
  builtAt: string;

  bytes: number;
}

export class LiteracyReportFileListDto {
  items: LiteracyReportFileDto[];
}
