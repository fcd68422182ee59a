import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/role';
import type { SchoolAccessMode } from '../auth/access.decorators';
import { ForbiddenError, NotFoundError } from '../errors';
import { canAccessSchool, SchoolRef } from './school-scope';

@Injectable()
export class SchoolAccess {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(schoolId: number): Promise<SchoolRef | undefined> {
    const [row] = await this.ds.query(
      `SELECT s.id, d.office_code AS "districtOffice" FROM schools s JOIN districts d ON d.name = s.district WHERE s.id = $1`,
      [schoolId],
    );
    return row;
  }

  /** 404 for a school that does not exist, 403 for one outside the caller's scope. */
  async assert(user: AuthUser, schoolId: number, mode: SchoolAccessMode): Promise<SchoolRef> {
    const school = Number.isSafeInteger(schoolId) && schoolId > 0 ? await this.find(schoolId) : undefined;
    if (!school) throw new NotFoundError('school', schoolId);
    if (!canAccessSchool(user, school, mode)) {
      throw new ForbiddenError(
        mode === 'write' ? 'You may not change this school' : 'You may not read this school',
        'SCHOOL_OUT_OF_SCOPE',
      );
    }
    return school;
  }
}
