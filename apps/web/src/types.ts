export type Role = 'city_admin' | 'district_admin' | 'principal' | 'teacher';
export type SchoolLevel = 'elementary' | 'middle' | 'high' | 'special';
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

export interface User {
  id: string;
  email: string;
  role: Role;
  schoolId: number | null;
  districtOffice: string | null;
  displayName: string;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: User;
}

export interface DistrictOffice {
  code: string;
  name: string;
  districts: string[];
}

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
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Classroom {
  id: number;
  schoolId: number;
  buildYear: number;
  budgetKrw: number | null;
  floorAreaUnits: number | null;
  spaceType: SpaceType;
  status: ClassroomStatus;
  minimumFloorAreaUnits: number;
  flags: { areaBelowMinimum: boolean; areaUnknown: boolean; noClubThisYear: boolean };
}

export interface ClassroomPatch {
  floorAreaUnits?: number;
  spaceType?: SpaceType;
  status?: ClassroomStatus;
  buildYear?: number;
  budgetKrw?: number;
}

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

export interface HistoryEntry {
  id: string;
  at: string;
  actorEmail: string;
  actorRole: Role;
  action: 'create' | 'update' | 'delete';
  entityType: 'classroom' | 'equipment_item' | 'ai_club';
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; from: unknown; to: unknown }[];
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

export interface JobStatus {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';
  progress: number;
  failedReason: string | null;
  downloadUrl: string | null;
}
