import { ApiProperty } from '@nestjs/swagger';
import { CLASSROOM_STATUSES, ClassroomStatus, SPACE_TYPES, SpaceType } from './classroom.entity';
import { EQUIPMENT_CATEGORIES, EQUIPMENT_CONDITIONS, EquipmentCategory, EquipmentCondition } from './equipment/equipment-item.entity';

export class ClassroomFlagsDto {
  /** Floor area under the report's minimum of 1.5 classrooms. */
  areaBelowMinimum: boolean;

  areaUnknown: boolean;

  /** No AI club registered for the current school year. */
  noClubThisYear: boolean;
}

/** A school's "신나는 AI 교실". */
export class ClassroomDto {
  id: number;

  schoolId: number;

  buildYear: number;

  budgetKrw: number;

  /** Floor area in classroom units (1 = one standard classroom). */
  floorAreaUnits: number | null;

  @ApiProperty({ enum: SPACE_TYPES })
  spaceType: SpaceType;

  @ApiProperty({ enum: CLASSROOM_STATUSES })
  status: ClassroomStatus;

  /** The row of the 2021–2024 source list it was loaded from. */
  sourceRow: number | null;

  createdAt: Date;

  updatedAt: Date;

  /** The report's minimum floor area (1.5). */
  minimumFloorAreaUnits: number;

  flags: ClassroomFlagsDto;
}

export class EquipmentItemDto {
  id: number;

  schoolId: number;

  @ApiProperty({ enum: EQUIPMENT_CATEGORIES })
  category: EquipmentCategory;

  name: string;

  quantity: number;

  /** Unique within the school. */
  assetTag: string;

  serialNumber: string | null;

  /** `YYYY-MM-DD`. */
  purchaseDate: string | null;

  costKrw: number | null;

  @ApiProperty({ enum: EQUIPMENT_CONDITIONS })
  condition: EquipmentCondition;

  /** `YYYY-MM-DD`. */
  lastAuditDate: string | null;

  /** `YYYY-MM-DD`. */
  nextAuditDate: string | null;

  createdAt: Date;

  updatedAt: Date;
}

export class AiClubDto {
  id: number;

  schoolId: number;

  /** The school year (March–February) the club runs in. */
  schoolYear: number;

  name: string;

  members: number;

  createdAt: Date;

  updatedAt: Date;
}

export class ClassroomGroupDto {
  /** The district's name or the office's code. */
  key: string;

  label: string;

  classrooms: number;

  /** Schools in the registry. */
  schools: number;

  /** Of them, schools from the NEIS school list (with a NEIS code). */
  neisSchools: number;

  /** Whether the registry holds the area's schools (the NEIS list is imported for it), not only those with an AI classroom. */
  registryComplete: boolean;

  /** classrooms ÷ schools; null without schools or while the registry does not hold the area's schools. */
  coverage: number | null;
}

export class ClassroomCoverageDto {
  classrooms: number;

  schoolsInRegistry: number;

  /** Whether the registry holds every district's schools (the NEIS list is imported). */
  registryComplete: boolean;

  /** classrooms ÷ schoolsInRegistry; null while the registry does not hold every district's schools. */
  ofRegistry: number | null;

  /** Seoul's schools as the committee report counts them (1,366); null for an office's figures (the report counts the city only). */
  officialSchoolCount: number | null;

  ofOfficial: number | null;

  officialAsOf: string;

  officialSource: string;
}

export class ClassroomStatsFlagsDto {
  areaBelowMinimum: number;

  areaUnknown: number;

  withoutClubThisYear: number;

  schoolYear: number;

  minimumFloorAreaUnits: number;
}

export class ClassroomStatsScopeDto {
  /** The office whose figures these are (a district administrator's); null for the city's. */
  districtOffice: string | null;

  /** 서울특별시 or the office's name. */
  name: string;
}

/** AI-classroom totals by build year, level, district and office, with coverage (a district administrator: their office's). */
export class ClassroomStatsDto {
  scope: ClassroomStatsScopeDto;

  total: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'classrooms by build year (`"2021": 150`)' })
  byYear: Record<string, number>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'classrooms by school level' })
  byLevel: Record<string, number>;

  byDistrict: ClassroomGroupDto[];

  byDistrictOffice: ClassroomGroupDto[];

  districtsWithClassrooms: number;

  coverage: ClassroomCoverageDto;

  flags: ClassroomStatsFlagsDto;
}
