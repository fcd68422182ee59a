// ---------- 계정: sign-in, my account, delegated user management, activation links, the account audit ----------

import type { Role } from './common';

export type AccountStatus = 'active' | 'disabled';

/** Who created or last changed an account. */
export interface UserRef {
  id: string;
  name: string;
}

/** An account as the API shows it (GET /users, /users/:id). */
export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  schoolId: number | null;
  schoolCode: string | null;
  schoolName: string | null;
  /** The district admin's office, or the office of a principal's or teacher's school. */
  districtOffice: string | null;
  teacherNumber: string | null;
  status: AccountStatus;
  /** False until the person has set a password through their activation link. */
  activated: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: UserRef | null;
  updatedAt: string;
  updatedBy: UserRef | null;
}

/** GET /auth/me: the signed-in account, with the name under the header's key too. */
export interface Me extends Account {
  displayName: string;
}

/** A sign-in (password, activation link, password change): the token and who it is for. */
export interface SignedIn {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: Me;
}

/** GET /auth/methods: how people can sign in here. */
export interface AuthMethods {
  password: boolean;
  /** 교육청 통합 로그인 (the office's identity provider). */
  oidc: boolean;
}

export type LinkPurpose = 'activation' | 'reset';

/** POST /auth/activate/check: whose activation or reset link this is. */
export interface LinkCheck {
  purpose: LinkPurpose;
  email: string;
  name: string;
  expiresAt: string;
}

/** POST /users: who the new account is and where it sits. */
export interface AccountInput {
  email: string;
  name: string;
  role: Role;
  schoolId?: number;
  districtOffice?: string;
  teacherNumber?: string;
}

/** PATCH /users/:id: any of these. */
export interface AccountPatch {
  name?: string;
  email?: string;
  /** null removes it. */
  teacherNumber?: string | null;
  role?: Role;
  schoolId?: number;
  districtOffice?: string;
  status?: AccountStatus;
}

/** A one-time activation link, shown once after creating an account. */
export interface CreatedAccount extends Account {
  activationUrl: string;
  activationExpiresAt: string;
}

/** A live activation link to hand out (GET /users/activation-links). */
export type ActivationLink = CreatedAccount;

export type ResetMethod = 'link' | 'temporary';

/** POST /users/:id/reset-password: shown once. */
export interface ResetResult {
  /** `activation` when the account was never activated: a new activation link instead of a reset link. */
  method: ResetMethod | 'activation';
  url?: string;
  temporaryPassword?: string;
  expiresAt?: string;
}

export interface AccountFilters {
  role?: string;
  districtOffice?: string;
  schoolId?: string | number;
  status?: string;
  /** 'true': waiting for activation; 'false': activated. */
  pending?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** One row of a roster that creates or changes an account. */
export interface RosterChange {
  row: number;
  teacherNumber: string;
  email: string;
  name: string;
  action: 'create' | 'update';
  /** What an update changes: email, name, role, school. */
  fields: string[];
}

/** POST /users/import (a dry run or the real one). */
export interface RosterImportResult {
  dryRun: boolean;
  encoding: string;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  disabled: number;
  changes: RosterChange[];
  disabledAccounts: { id: string; email: string; name: string; teacherNumber: string | null }[];
  stillDisabled: { row: number; teacherNumber: string }[];
  batchId: number | null;
  activationLinks: number;
  activationLinksUrl: string | null;
}

/** One record of the audit log (GET /audit), with the actor's name. */
export interface AuditLogEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorName?: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string;
  schoolId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** An action, or its family (`account`, `login`). */
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  beforeId?: string;
  limit?: number;
}
