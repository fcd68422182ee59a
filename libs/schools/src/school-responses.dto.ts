import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCHOOL_LEVELS, SchoolLevel } from './school-level';

/** A school as lists show it. */
export class SchoolDto {
  id: number;

  name: string;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  level: SchoolLevel;

  /** The 자치구 (`강남구`). */
  district: string;

  /** The 교육지원청's code (`gangnam-seocho`). */
  districtOffice: string;

  districtOfficeName: string;

  /** The 7-digit NEIS school code; null until the NEIS list gives it. */
  neisCode: string | null;

  /** 공립, 사립, 국립. */
  foundingType: string | null;

  roadAddress: string | null;

  /** Has a "신나는 AI 교실". */
  hasAiClassroom: boolean;

  classroomBuildYear: number | null;
}

export class SchoolPageDto {
  items: SchoolDto[];

  total: number;

  page: number;

  pageSize: number;
}

/** One school, with what other features add about it (`designations`: its lead and research school designations). */
export class SchoolDetailDto extends SchoolDto {
  // Registered by the designations module (SchoolsService.registerDetail), which the registry does not import.
  @ApiPropertyOptional({ type: 'array', items: { $ref: '#/components/schemas/DesignationDto' }, description: 'its designations as a lead or research school, newest term first' })
  designations?: unknown[];
}

export class SchoolImportSkipDto {
  row: number;

  reason: string;
}

/** What a NEIS school list import did. */
export class SchoolImportResultDto {
  /** How the file was read: `utf-8`, `utf-8-bom`, `cp949` or `xlsx`. */
  encoding: string;

  received: number;

  inserted: number;

  updated: number;

  /** Existing schools without a code that got one by name and district. */
  matchedByName: number;

  /** Rows left out on purpose (kinds of school outside the registry). */
  skipped: SchoolImportSkipDto[];

  warnings: string[];
}

export class DistrictOfficeDto {
  /** `gangnam-seocho`. */
  code: string;

  /** `강남서초교육지원청`. */
  name: string;

  /** Its 자치구. */
  districts: string[];
}
