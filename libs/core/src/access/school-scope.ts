import type { AuthUser } from '../auth/role';
import type { SchoolAccessMode } from '../auth/access.decorators';

export interface SchoolRef {
  id: number;
  districtOffice: string;
}

/**
 * The one rule for who may touch a school's objects; every feature goes through it.
 * City admins: every school. District admins: their office's schools. Principals: their own school.
 * Teachers: read their own school.
 */
export function canAccessSchool(user: AuthUser, school: SchoolRef, mode: SchoolAccessMode): boolean {
  switch (user.role) {
    case 'city_admin':
      return true;
    case 'district_admin':
      return school.districtOffice === user.districtOffice;
    case 'principal':
      return school.id === user.schoolId;
    case 'teacher':
      return mode === 'read' && school.id === user.schoolId;
    default:
      return false;
  }
}

/** Collects positional parameters while SQL text is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The same rule as a SQL condition for lists and aggregates: `cols.schoolId` and `cols.office`
 * are the column expressions of the query being scoped.
 */
export function schoolScopeSql(user: AuthUser, params: SqlParams, cols: { schoolId: string; office: string }): string {
  switch (user.role) {
    case 'city_admin':
      return 'TRUE';
    case 'district_admin':
      return `${cols.office} = ${params.add(user.districtOffice)}`;
    case 'principal':
    case 'teacher':
      return `${cols.schoolId} = ${params.add(user.schoolId)}`;
    default:
      return 'FALSE';
  }
}
