import { Injectable } from '@nestjs/common';
import { AuthUser, SchoolAccess } from '@app/core';

/**
 * The one place where teachers change records (docs/ARCHITECTURE.md, access model): homeroom
 * teachers collect the home letters' return slips, so for their own school they record consent
 * decisions and withdrawals, register students and make letters. Principals and administrators
 * act within their scope as everywhere; services and notices are for administrators only.
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
