// Shapes every feature uses: accounts, schools' places in the district offices, pages, audit entries.

export type Role = 'city_admin' | 'district_admin' | 'principal' | 'teacher';
export type SchoolLevel = 'elementary' | 'middle' | 'high' | 'special';

export interface User {
  id: string;
  email: string;
  role: Role;
  schoolId: number | null;
  districtOffice: string | null;
  displayName: string;
  /** After a temporary password: every page but 새 비밀번호 설정 is closed until it is changed. */
  mustChangePassword?: boolean;
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

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A school as a row of another record names it (an application, a designation, a ranking row). */
export interface SchoolRef {
  schoolId: number;
  schoolName: string;
  schoolLevel: SchoolLevel;
  districtOffice: string;
}

/** A {@link SchoolRef} with its district office's name. */
export interface NamedSchoolRef extends SchoolRef {
  districtOfficeName: string;
}

/** One changed field of an audit entry. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One audit entry: who did what to which record, with the record before and after. */
export interface AuditRecord<Action extends string, Entity extends string> {
  id: string;
  at: string;
  action: Action;
  entityType: Entity;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: FieldChange[];
}

/** The states of a background job (BullMQ). */
export type QueueJobState = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';

/** GET /api/v1/jobs/:id: the fields every job reports. */
export interface QueueJob<State extends string, Progress> {
  id: string;
  state: State;
  progress: Progress;
  failedReason: string | null;
}
