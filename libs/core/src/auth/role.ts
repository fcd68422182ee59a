export const ROLES = ['city_admin', 'district_admin', 'principal', 'teacher'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: Role[] = ['city_admin', 'district_admin'];
export const SCHOOL_ROLES: Role[] = ['principal', 'teacher'];

/** Higher manages lower: a role's rank orders who may act on whose account. */
export const ROLE_RANK: Record<Role, number> = { city_admin: 4, district_admin: 3, principal: 2, teacher: 1 };

/** The signed-in caller as every service sees it. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  schoolId: number | null;
  districtOffice: string | null;
  displayName: string;
  /** Set after an administrator's temporary password: only changing it is allowed until then. */
  mustChangePassword?: boolean;
  /** The session behind the bearer token (absent for jobs and the CLI). */
  sessionId?: string;
  /** The HTTP request's id, carried into audit records. */
  requestId?: string;
}
