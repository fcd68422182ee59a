// Schools and their AI classrooms: equipment, clubs, change history, statistics and the XLSX export.

import type { AuditRecord, QueueJob, QueueJobState, Role, SchoolLevel } from './common';
import type { Designation } from './designations';

export type SpaceType = 'inquiry_play' | 'problem_solving' | 'creativity';
export type ClassroomStatus = 'planned' | 'under_construction' | 'operating' | 'suspended' | 'closed';
export type EquipmentCategory =
  | 'robot_kit'
  | 'coding_kit'
  | 'physical_computing_kit'
  | 'tablet'
  | 'laptop'
  | 'display'
  | '3d_printer'
  | 'ai_speaker'
  | 'drone'
  | 'other';
export type EquipmentCondition = 'good' | 'needs_repair' | 'broken' | 'disposed';

export interface School {
  id: number;
  name: string;
  level: SchoolLevel;
  district: string;
  districtOffice: string;
  districtOfficeName: string;
  neisCode: string | null;
  foundingType: string | null;
  roadAddress: string | null;
  hasAiClassroom: boolean;
  classroomBuildYear: number | null;
  /** Lead/research-school designations of the school (조례 제5조), newest term first; on the detail only. */
  designations?: Designation[];
}

/** The fields of a classroom that can be changed. */
interface ClassroomFields {
  floorAreaUnits: number;
  spaceType: SpaceType;
  status: ClassroomStatus;
  buildYear: number;
  budgetKrw: number;
}

export interface Classroom extends Pick<ClassroomFields, 'buildYear' | 'spaceType' | 'status'> {
  id: number;
  schoolId: number;
  budgetKrw: number | null;
  floorAreaUnits: number | null;
  minimumFloorAreaUnits: number;
  flags: { areaBelowMinimum: boolean; areaUnknown: boolean; noClubThisYear: boolean };
}

export type ClassroomPatch = Partial<ClassroomFields>;

export interface EquipmentItem {
  id: number;
  schoolId: number;
  category: EquipmentCategory;
  name: string;
  quantity: number;
  assetTag: string;
  serialNumber: string | null;
  purchaseDate: string | null;
  costKrw: number | null;
  condition: EquipmentCondition;
  lastAuditDate: string | null;
  nextAuditDate: string | null;
}

export type EquipmentInput = Omit<EquipmentItem, 'id' | 'schoolId'>;

export interface Club {
  id: number;
  schoolId: number;
  schoolYear: number;
  name: string;
  members: number;
}

export type ClubInput = Pick<Club, 'schoolYear' | 'name' | 'members'>;

/** A change to a classroom, its equipment or its clubs. */
export interface HistoryEntry extends AuditRecord<'create' | 'update' | 'delete', 'classroom' | 'equipment_item' | 'ai_club'> {
  actorEmail: string;
  /** The actor's name, shown instead of the email when there is one. */
  actorName?: string | null;
  actorRole: Role;
}

export interface AreaStat {
  key: string;
  label: string;
  classrooms: number;
  schools: number;
  coverage: number;
}

export interface ClassroomStats {
  total: number;
  byYear: Record<string, number>;
  byLevel: Partial<Record<SchoolLevel, number>>;
  byDistrict: AreaStat[];
  byDistrictOffice: AreaStat[];
  districtsWithClassrooms: number;
  coverage: {
    classrooms: number;
    schoolsInRegistry: number;
    ofRegistry: number;
    officialSchoolCount: number;
    ofOfficial: number;
    officialAsOf: string;
    officialSource: string;
  };
  flags: { areaBelowMinimum: number; areaUnknown: number; withoutClubThisYear: number; schoolYear: number; minimumFloorAreaUnits?: number };
}

export interface ExportStarted {
  jobId: string;
  deduplicated: boolean;
  statusUrl: string;
}

/** The classroom XLSX export job. */
export interface JobStatus extends QueueJob<QueueJobState, number> {
  downloadUrl: string | null;
}
