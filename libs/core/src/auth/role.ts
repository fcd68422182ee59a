export const ROLES = ['city_admin', 'district_admin', 'principal', 'teacher'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: Role[] = ['city_admin', 'district_admin'];
export const SCHOOL_ROLES: Role[] = ['principal', 'teacher'];

/** The signed-in caller as every service sees it. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  schoolId: number | null;
  districtOffice: string | null;
  displayName: string;
  /** The HTTP request's id, carried into audit records. */
  requestId?: string;
}
