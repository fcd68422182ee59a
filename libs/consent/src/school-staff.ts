import { Injectable } from '@nestjs/common';
import { AuthUser, SchoolAccess } from '@app/core';

/**
 * Consent work is done by a school's own staff: unlike most records, teachers act here too (they
 * collect the slips of their class). Administrators act within their scope.
 */
@Injectable()
export class SchoolStaff {
  constructor(private readonly schools: SchoolAccess) {}

  async assertActsFor(actor: AuthUser, schoolId: number): Promise<void> {
    if (actor.role === 'teacher') {
      await this.schools.assert(actor, schoolId, 'read');
      return;
    }
    await this.schools.assert(actor, schoolId, 'write');
  }

  async assertReads(actor: AuthUser, schoolId: number): Promise<void> {
    await this.schools.assert(actor, schoolId, 'read');
  }
}
