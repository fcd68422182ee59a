// Shared shapes, now generated from the api's OpenAPI document: import them from '../api/models'.
// This file only re-exports them (and, below, the generic shapes of features whose own types have
// not moved to api/models yet) so those features keep compiling until they migrate.

export type {
  AccountStatus,
  DistrictOffice,
  FieldChange,
  LoginResponse,
  Me,
  Page,
  Role,
  School,
  SchoolLevel,
  SignedIn,
  User,
} from '../api/models';

// ---------- Legacy: still named by types/designations, surveys, training and literacy ----------

import type { SchoolLevel } from '../api/models';

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

/** One audit entry: who did what to which record, with the record before and after. */
export interface AuditRecord<Action extends string, Entity extends string> {
  id: string;
  at: string;
  action: Action;
  entityType: Entity;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; from: unknown; to: unknown }[];
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
