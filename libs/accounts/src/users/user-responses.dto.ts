import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '@app/core';
import { ACCOUNT_STATUSES, AccountStatus } from './user.dto';

export class UserRefDto {
  id: string;

  /** Display name. */
  name: string;
}

/** An account as the API shows it. */
export class UserDto {
  id: string;

  email: string;

  /** The Korean name shown wherever this person acts. */
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  schoolId: number | null;

  /** The school's NEIS code. */
  schoolCode: string | null;

  schoolName: string | null;

  /** The district admin's office, or the office of a principal's or teacher's school. */
  districtOffice: string | null;

  teacherNumber: string | null;

  @ApiProperty({ enum: ACCOUNT_STATUSES })
  status: AccountStatus;

  /** False until the person has set a password through their activation link. */
  activated: boolean;

  /** Set after a temporary password: every route but `/auth/me`, `/auth/password` and `/auth/logout` answers 403 until it is changed. */
  mustChangePassword: boolean;

  lastLoginAt: string | null;

  createdAt: string;

  createdBy: UserRefDto | null;

  updatedAt: string;

  updatedBy: UserRefDto | null;
}

/** The signed-in person (`displayName` repeats `name`, for older clients). */
export class MeDto extends UserDto {
  displayName: string;
}

export class UserPageDto {
  items: UserDto[];

  total: number;

  page: number;

  pageSize: number;
}

/** An account with its one-time activation link (shown once on creation; listed while unused for printing). */
export class UserWithActivationLinkDto extends UserDto {
  /** `/activate?token=…` on the public address: the person sets their password there. */
  activationUrl: string;

  activationExpiresAt: string;
}

export class PasswordResetDto {
  @ApiProperty({ enum: ['link', 'temporary', 'activation'], description: 'link: a one-time reset link; temporary: a password to change at the next login; activation: a new activation link (never activated)' })
  method: 'link' | 'temporary' | 'activation';

  /** The one-time link (method link or activation). */
  url?: string;

  /** The temporary password to hand over; shown once. */
  temporaryPassword?: string;

  expiresAt?: string;
}

export class RosterChangeDto {
  /** The file's row (header = 1). */
  row: number;

  teacherNumber: string;

  email: string;

  name: string;

  @ApiProperty({ enum: ['create', 'update', 'unchanged'] })
  action: 'create' | 'update' | 'unchanged';

  /** The fields an update changes. */
  fields: string[];
}

export class RosterDisabledAccountDto {
  id: string;

  email: string;

  name: string;

  teacherNumber: string | null;
}

export class RosterStillDisabledDto {
  row: number;

  teacherNumber: string;
}

/** What a roster import did (or, with dryRun, would do). */
export class RosterResultDto {
  dryRun: boolean;

  /** How the file was read: `utf-8`, `utf-8-bom`, `cp949` or `xlsx`. */
  encoding: string;

  /** Data rows in the file. */
  received: number;

  created: number;

  updated: number;

  unchanged: number;

  disabled: number;

  /** Rows that would be or were created or changed (at most 2,000 listed; the counts are whole). */
  changes: RosterChangeDto[];

  /** Accounts disabled because the file does not list them (disableMissing). */
  disabledAccounts: RosterDisabledAccountDto[];

  /** Accounts in the file that stay disabled (an import does not undo an administrator's decision). */
  stillDisabled: RosterStillDisabledDto[];

  /** The import's batch: GET /users/activation-links?batchId= lists its new accounts' links. */
  batchId: number | null;

  /** New accounts that got an activation link. */
  activationLinks: number;

  activationLinksUrl: string | null;
}

/** A bearer token and the account it signs in. */
export class SignedInDto {
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  /** Seconds until the token expires. */
  expiresIn: number;

  user: MeDto;
}

export class ActivatedDto extends SignedInDto {
  @ApiProperty({ enum: ['activation', 'reset'] })
  purpose: 'activation' | 'reset';
}

export class SignInMethodsDto {
  /** Email + password login is on (PASSWORD_LOGIN). */
  password: boolean;

  /** The office's identity provider is configured (OIDC): GET /api/v1/auth/oidc/login. */
  oidc: boolean;
}

/** Whose one-time link this is; the link stays unused. */
export class LinkTargetDto {
  @ApiProperty({ enum: ['activation', 'reset'] })
  purpose: 'activation' | 'reset';

  email: string;

  name: string;

  expiresAt: string;
}
